import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relationshipRows, type Bundle, type FindingRow } from '../../src/domain/model';
import { loadDataset } from '../../src/dataset/load-dataset';
import { hasThemeRows } from '../../src/store/has-theme';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { sharedWeaknesses, themeAreaSets } from '../../src/store/memory/shared-weaknesses';
import { generateDataset } from '../../src/synthetic/generate';
import { SEEDS_DIR, seedBundle } from '../helpers';

/**
 * The derived HAS_THEME relationships (written to Neo4j when seeding; the analyses read them)
 * against the findings themselves, walked the plain way, one stated relationship at a time.
 */
function fromFindings(bundle: Bundle): Map<string, string[]> {
  const rels = relationshipRows(bundle);
  const node = (id: string) => bundle.nodes[bundle.nodeIndex.get(id)!];
  const out = new Map<string, string[]>();
  for (const about of rels.filter((r) => r.type === 'ABOUT')) {
    const finding = node(about.from) as FindingRow;
    for (const found of rels.filter((r) => r.type === 'FOUND' && r.to === finding.id)) {
      const holders = node(found.from).label === 'Review' ? [found.from] : rels.filter((r) => r.type === 'OF' && r.from === found.from).map((r) => r.to);
      for (const holder of holders) {
        const key = `${holder} ${about.to} ${finding.polarity}`;
        out.set(key, [...(out.get(key) ?? []), finding.id].sort());
      }
    }
  }
  return out;
}

const asMap = (bundle: Bundle) => new Map(hasThemeRows(bundle).map((r) => [`${r.from} ${r.to} ${r.polarity}`, r.findingIds]));

describe('HAS_THEME, derived from the findings', () => {
  it('in the seeds: Sandwell has each weakness theme its 2017 inspection found, with the findings behind it', () => {
    const rows = hasThemeRows(seedBundle()).filter((r) => r.from === 'sandwell');
    expect(rows.find((r) => r.to === 'ehc-plan-quality')).toEqual({
      from: 'sandwell',
      to: 'ehc-plan-quality',
      polarity: 'WEAKNESS',
      findingIds: ['sandwell-2017-ehc-plans-lack-health-and-care'],
    });
    const g = new MemoryGraph(seedBundle());
    expect(rows.filter((r) => r.polarity === 'WEAKNESS').map((r) => r.to)).toEqual([...g.areaThemeFindings.WEAKNESS.get('sandwell')!.keys()].sort());
  });

  it('in the seeds: a national review holds the themes of its own findings', () => {
    const rows = hasThemeRows(seedBundle()).filter((r) => r.from === 'first-30-areas-2017');
    expect(rows.find((r) => r.to === 'leadership-and-accountability')?.findingIds).toEqual([
      'first-30-areas-2017-leaders-not-focused-on-outcomes',
      'first-30-areas-2017-members-not-holding-to-account',
    ]);
  });

  it('in the seeds: one relationship for each holder, theme and polarity the findings imply, and no other', () => {
    const expected = fromFindings(seedBundle());
    expect(expected.size).toBe(51);
    expect(asMap(seedBundle())).toEqual(expected);
  });

  describe('on the national-scale synthetic dataset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-graph-has-theme-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let bundle: Bundle;
    beforeAll(() => {
      generateDataset({ scale: 1, seed: 7, outDir: dir, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
      bundle = loadDataset(dir);
    });

    it('agrees with the embedded store: every area, theme and polarity with the same findings', () => {
      const g = new MemoryGraph(bundle);
      const fromGraph = new Map<string, string[]>();
      for (const polarity of ['STRENGTH', 'WEAKNESS'] as const) {
        for (const [area, themes] of g.areaThemeFindings[polarity]) for (const [theme, findings] of themes) fromGraph.set(`${area} ${theme} ${polarity}`, [...findings].sort());
      }
      const areaRows = new Map([...asMap(bundle)].filter(([key]) => g.node(key.split(' ')[0])?.label === 'Area'));
      expect(areaRows.size).toBeGreaterThan(4000);
      expect(areaRows).toEqual(fromGraph);
    });

    it('counts every finding about a theme once, across its holders, and each area once (the theme statistics)', async () => {
      const store = new MemoryStore();
      await store.load(bundle);
      const rows = hasThemeRows(bundle);
      const themeIds = [...new Set(rows.map((r) => r.to))].sort();
      const fromRows = themeIds.map((themeId) => ({
        themeId,
        findingCount: rows.filter((r) => r.to === themeId).reduce((n, r) => n + r.findingIds.length, 0),
        areaCount: new Set(rows.filter((r) => r.to === themeId && bundle.nodes[bundle.nodeIndex.get(r.from)!].label === 'Area').map((r) => r.from)).size,
      }));
      expect(fromRows.reduce((n, s) => n + s.findingCount, 0)).toBeGreaterThan(13_000);
      expect(fromRows).toEqual(await store.themeStats(themeIds));
    });

    it("mined as the Neo4j adapter mines them (weakness areas per theme, a region kept), give the embedded store's shared weaknesses", async () => {
      const store = new MemoryStore();
      await store.load(bundle);
      const rows = hasThemeRows(bundle);
      const regionId = bundle.nodes.find((n) => n.label === 'Region')!.id;
      const inRegion = new Set(relationshipRows(bundle).filter((r) => r.type === 'IN_REGION' && r.to === regionId).map((r) => r.from));
      for (const args of [{ minAreas: 10, maxThemes: 3, first: 20 }, { minAreas: 140, maxThemes: 3 }, { minAreas: 3, maxThemes: 2, regionId, first: 10 }]) {
        // What sharedWeaknessesStatement returns: each weakness theme's areas, themes in fewer than minAreas left out.
        const byTheme = new Map<string, string[]>();
        for (const r of rows) {
          if (r.polarity !== 'WEAKNESS' || bundle.nodes[bundle.nodeIndex.get(r.from)!].label !== 'Area') continue;
          if (args.regionId && !inRegion.has(r.from)) continue;
          byTheme.set(r.to, [...(byTheme.get(r.to) ?? []), r.from]);
        }
        const statementRows = [...byTheme].map(([themeId, areaIds]) => ({ themeId, areaIds: areaIds.sort() })).filter((r) => r.areaIds.length >= args.minAreas);
        const expected = await store.sharedWeaknesses(args);
        expect(expected.length).toBeGreaterThan(0);
        expect(sharedWeaknesses(themeAreaSets(statementRows), { ...args, regionId: null })).toEqual(expected);
      }
    });
  });
});
