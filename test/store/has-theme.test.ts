import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLARITIES, relationshipRows, type Bundle, type FindingRow, type InspectionFramework, type InspectionRow, type Polarity } from '../../src/domain/model';
import { loadDataset } from '../../src/dataset/load-dataset';
import { hasThemeRows, themeWeaknessAreas, type HasThemeRow } from '../../src/store/has-theme';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { sharedWeaknesses, themeAreaSets } from '../../src/store/memory/shared-weaknesses';
import type { ThemePairRow } from '../../src/store/port';
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
      const finder = node(found.from);
      const holders = finder.label === 'Review' ? [found.from] : rels.filter((r) => r.type === 'OF' && r.from === found.from).map((r) => r.to);
      const framework = finder.label === 'Inspection' ? (finder as InspectionRow).framework : null;
      for (const holder of holders) {
        const key = `${holder} ${about.to} ${finding.polarity} ${framework}`;
        out.set(key, [...(out.get(key) ?? []), finding.id].sort());
      }
    }
  }
  return out;
}

const asMap = (bundle: Bundle) => new Map(hasThemeRows(bundle).map((r) => [`${r.from} ${r.to} ${r.polarity} ${r.framework}`, r.findingIds]));

/** An area's findings of a polarity about a theme, from every framework: what the embedded store indexes. */
function byAreaThemePolarity(bundle: Bundle, rows: HasThemeRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (bundle.nodes[bundle.nodeIndex.get(r.from)!].label !== 'Area') continue;
    const key = `${r.from} ${r.to} ${r.polarity}`;
    out.set(key, [...(out.get(key) ?? []), ...r.findingIds].sort());
  }
  return out;
}

function fromGraph(g: MemoryGraph): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const polarity of POLARITIES) {
    for (const [area, themes] of g.areaThemeFindings[polarity]) for (const [theme, findings] of themes) out.set(`${area} ${theme} ${polarity}`, [...findings].sort());
  }
  return out;
}

/** The areas' relationships of one polarity and framework (null: both), as themeCooccurrenceStatement reads them. */
function areaRows(bundle: Bundle, rows: HasThemeRow[], polarity: Polarity, framework: InspectionFramework | null): HasThemeRow[] {
  return rows.filter((r) => bundle.nodes[bundle.nodeIndex.get(r.from)!].label === 'Area' && r.polarity === polarity && (framework === null || r.framework === framework));
}

/** themeCooccurrenceStatement, step by step, over HAS_THEME rows. */
function themeCooccurrenceFromRows(rows: HasThemeRow[], minAreas: number, first: number): ThemePairRow[] {
  const n = new Set(rows.map((r) => r.from)).size;
  const areasOf = new Map<string, string[]>();
  for (const r of rows) if (!areasOf.get(r.to)?.includes(r.from)) areasOf.set(r.to, [...(areasOf.get(r.to) ?? []), r.from]);
  const themes = [...areasOf.keys()].sort();
  const pairs: ThemePairRow[] = [];
  for (const x of themes) {
    for (const y of themes) {
      if (!(x < y)) continue;
      const both = areasOf.get(x)!.filter((a) => areasOf.get(y)!.includes(a));
      if (both.length < minAreas || both.length === 0) continue;
      const [nx, ny] = [areasOf.get(x)!.length, areasOf.get(y)!.length];
      pairs.push({ themeIds: [x, y], count: both.length, areaIds: both.sort(), themeAreaCounts: [nx, ny], areasWithFindings: n, lift: (both.length * n) / (nx * ny) });
    }
  }
  return pairs.sort((a, b) => b.count - a.count || b.lift - a.lift || (a.themeIds.join('|') < b.themeIds.join('|') ? -1 : 1)).slice(0, first);
}

describe('HAS_THEME, derived from the findings', () => {
  it('in the seeds: Sandwell has each weakness theme its inspections found, one relationship per framework, with the findings behind it', () => {
    const rows = hasThemeRows(seedBundle()).filter((r) => r.from === 'sandwell');
    expect(rows.find((r) => r.to === 'ehc-plan-quality')).toEqual({
      from: 'sandwell',
      to: 'ehc-plan-quality',
      polarity: 'WEAKNESS',
      framework: 'FRAMEWORK_2016',
      findingIds: ['sandwell-2017-ehc-plans-lack-health-and-care'],
    });
    // A theme and polarity found by both the 2017 inspection and the 2023 report: one relationship each
    const keysIn = (f: string) => new Set(rows.filter((r) => r.framework === f).map((r) => `${r.to} ${r.polarity}`));
    const inBoth = [...keysIn('FRAMEWORK_2016')].filter((k) => keysIn('FRAMEWORK_2023').has(k));
    expect(inBoth.length).toBeGreaterThan(0);
    for (const key of inBoth) {
      const twice = rows.filter((r) => `${r.to} ${r.polarity}` === key);
      expect(twice.map((r) => r.framework)).toEqual(['FRAMEWORK_2016', 'FRAMEWORK_2023']);
      expect(twice[0].findingIds.every((f) => f.startsWith('sandwell-2017-'))).toBe(true);
      expect(twice[1].findingIds.every((f) => f.startsWith('sandwell-2023-'))).toBe(true);
    }
    const g = new MemoryGraph(seedBundle());
    expect([...new Set(rows.filter((r) => r.polarity === 'WEAKNESS').map((r) => r.to))]).toEqual([...g.areaThemeFindings.WEAKNESS.get('sandwell')!.keys()].sort());
  });

  it('in the seeds: a national review holds the themes of its own findings, under no framework', () => {
    const rows = hasThemeRows(seedBundle()).filter((r) => r.from === 'first-30-areas-2017');
    expect(rows.find((r) => r.to === 'leadership-and-accountability')).toMatchObject({
      framework: null,
      findingIds: ['first-30-areas-2017-leaders-not-focused-on-outcomes', 'first-30-areas-2017-members-not-holding-to-account'],
    });
  });

  it('in the seeds (45 reports): one relationship for each holder, theme, polarity and framework the findings imply, and no other', () => {
    const expected = fromFindings(seedBundle());
    expect(expected.size).toBeGreaterThan(2 * 45); // each report's strengths and its weaknesses have a theme or more, whichever
    expect(asMap(seedBundle())).toEqual(expected);
  });

  it('in the seeds: agrees with the embedded store, every finding counted once', async () => {
    const bundle = seedBundle();
    const rows = hasThemeRows(bundle);
    expect(byAreaThemePolarity(bundle, rows)).toEqual(fromGraph(new MemoryGraph(bundle)));
    const findingsWithThemes = new Set(relationshipRows(bundle).filter((r) => r.type === 'ABOUT').map((r) => r.from));
    expect(rows.reduce((n, r) => n + r.findingIds.length, 0)).toBe(relationshipRows(bundle).filter((r) => r.type === 'ABOUT').length);
    expect(new Set(rows.flatMap((r) => r.findingIds))).toEqual(findingsWithThemes);
    const store = new MemoryStore();
    await store.load(bundle);
    const themeIds = [...new Set(rows.map((r) => r.to))].sort();
    const stats = await store.themeStats(themeIds);
    expect(stats.map((s) => s.findingCount)).toEqual(themeIds.map((t) => rows.filter((r) => r.to === t).reduce((n, r) => n + r.findingIds.length, 0)));
  });

  describe('in the seeds, read as the Neo4j statements read them, give the embedded store\'s answers', () => {
    let store: MemoryStore;
    beforeAll(async () => {
      store = new MemoryStore();
      await store.load(seedBundle());
    });
    const frameworks = [null, 'FRAMEWORK_2016', 'FRAMEWORK_2023'] as const;

    it.each(frameworks)('themeCooccurrence (framework %s)', async (framework) => {
      const bundle = seedBundle();
      for (const polarity of POLARITIES) {
        for (const [minAreas, first] of [[1, 50], [5, 10]]) {
          const expected = await store.themeCooccurrence({ polarity, framework, minAreas, first });
          const got = themeCooccurrenceFromRows(areaRows(bundle, hasThemeRows(bundle), polarity, framework), minAreas, first);
          expect({ polarity, minAreas, got }).toEqual({ polarity, minAreas, got: expected });
          if (framework !== 'FRAMEWORK_2016' && minAreas === 1) expect(expected.length).toBe(first);
        }
      }
    });

    it('areas(themeId, polarity): the areas with a relationship to the theme', async () => {
      const bundle = seedBundle();
      for (const polarity of POLARITIES) {
        const rows = areaRows(bundle, hasThemeRows(bundle), polarity, null).filter((r) => r.to === 'ehc-plan-quality');
        const page = await store.list('Area', { themeId: 'ehc-plan-quality', polarity }, { first: 500 });
        expect(page.rows.map((a) => a.id)).toEqual([...new Set(rows.map((r) => r.from))].sort());
        expect(page.rows.length).toBeGreaterThanOrEqual(polarity === 'WEAKNESS' ? 4 : 0); // the articles' four EHC plan weaknesses were themed by hand
      }
    });
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
      const merged = byAreaThemePolarity(bundle, hasThemeRows(bundle));
      expect(merged.size).toBeGreaterThan(4000);
      expect(merged).toEqual(fromGraph(new MemoryGraph(bundle)));
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

    it("stored as each theme's weakness areas and mined as the Neo4j adapter mines them (a region kept), give the embedded store's shared weaknesses", async () => {
      const store = new MemoryStore();
      await store.load(bundle);
      const rows = hasThemeRows(bundle);
      const regionId = bundle.nodes.find((n) => n.label === 'Region')!.id;
      const inRegion = new Set(relationshipRows(bundle).filter((r) => r.type === 'IN_REGION' && r.to === regionId).map((r) => r.from));
      // What the seeding stores on each theme (its weakness areas), against the HAS_THEME rows read one by one.
      const themeIds = bundle.nodes.filter((n) => n.label === 'Theme').map((n) => n.id);
      const stored = themeWeaknessAreas(rows, themeIds);
      const byTheme = new Map<string, string[]>(themeIds.map((id) => [id, []]));
      for (const r of rows) if (r.polarity === 'WEAKNESS' && bundle.nodes[bundle.nodeIndex.get(r.from)!].label === 'Area' && !byTheme.get(r.to)!.includes(r.from)) byTheme.get(r.to)!.push(r.from);
      expect(stored).toEqual([...byTheme].map(([id, areaIds]) => ({ id, areaIds: areaIds.sort() })));
      expect(stored.reduce((n, t) => n + t.areaIds.length, 0)).toBeGreaterThan(2000);
      for (const args of [{ minAreas: 10, maxThemes: 3, first: 20 }, { minAreas: 140, maxThemes: 3 }, { minAreas: 3, maxThemes: 2, regionId, first: 10 }]) {
        // What sharedWeaknessesStatement returns: each theme's stored areas, kept to the region, themes in fewer than minAreas left out.
        const statementRows = stored
          .map((t) => ({ themeId: t.id, areaIds: t.areaIds.filter((a) => !args.regionId || inRegion.has(a)) }))
          .filter((r) => r.areaIds.length >= args.minAreas);
        const expected = await store.sharedWeaknesses(args);
        expect(expected.length).toBeGreaterThan(0);
        expect(sharedWeaknesses(themeAreaSets(statementRows), { ...args, regionId: null })).toEqual(expected);
      }
    });
  });
});
