import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, FindingRow } from '../../src/domain/model';
import { loadDataset } from '../../src/dataset/load-dataset';
import { cosine, findingText, findingVectors, similarityTerms, type TermVector } from '../../src/store/finding-similarity';
import { byId, compareThemePairs } from '../../src/store/ordering';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { generateDataset } from '../../src/synthetic/generate';
import { SEEDS_DIR, seedBundle } from '../helpers';

describe('finding vectors', () => {
  const vectors = findingVectors(seedBundle().nodes);

  it('weigh a stem by (1 + ln tf) * ln(N / df), scaled to length 1, in single precision', () => {
    const rows = seedBundle().nodes.filter((r): r is FindingRow => r.label === 'Finding');
    const v = vectors.get('staffordshire-2019-ehc-plans-poor')!;
    expect(v.terms).toEqual(['ehc', 'plan', 'poor', 'qualiti']); // "The quality of EHC plans is poor.": stop words gone, stemmed
    const df = (t: string) => rows.filter((r) => similarityTerms(findingText(r)).includes(t)).length;
    expect(df('ehc')).toBe(rows.filter((r) => /\bEHC\b/i.test(findingText(r))).length);
    const raw = v.terms.map((t) => Math.log(rows.length / df(t)));
    const norm = Math.hypot(...raw);
    v.weights.forEach((w, i) => expect(w).toBe(Math.fround(raw[i] / norm)));
    for (const u of vectors.values()) if (u.terms.length) expect(Math.hypot(...u.weights)).toBeCloseTo(1, 6);
  });

  it('score a finding with itself 1 and share no stem with an unrelated one', () => {
    const v = vectors.get('sandwell-2017-ehc-plans-lack-health-and-care')!;
    expect(cosine(v, v).score).toBeCloseTo(1, 6);
    expect(cosine(v, { terms: ['zzz'], weights: [1] })).toEqual({ score: 0, sharedTerms: [] });
  });
});

/** The rule the plain way: the cosine of the given finding with every other finding of an area. */
function referenceSimilar(vectors: Map<string, TermVector>, g: MemoryGraph, findingId: string, first: number) {
  const mine = g.findingArea(findingId);
  return [...vectors.keys()]
    .filter((id) => id !== findingId && g.findingArea(id) !== null && g.findingArea(id) !== mine)
    .map((id) => ({ findingId: id, ...cosine(vectors.get(findingId)!, vectors.get(id)!) }))
    .filter((r) => r.score > 0 || r.sharedTerms.length > 0)
    .sort((a, b) => b.score - a.score || byId(a.findingId, b.findingId))
    .slice(0, first);
}

describe('on a national-scale synthetic dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-fs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let bundle: Bundle;
  let g: MemoryGraph;
  let vectors: Map<string, TermVector>;
  const store = new MemoryStore();
  beforeAll(async () => {
    generateDataset({ scale: 1, seed: 5, outDir: dir, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
    bundle = loadDataset(dir);
    g = new MemoryGraph(bundle);
    vectors = findingVectors(bundle.nodes);
    await store.load(bundle);
  });

  it('similarFindings through the inverted index equals scoring every finding', async () => {
    const ids = g.idsByLabel.get('Finding')!.filter((_, i) => i % 97 === 0).slice(0, 25);
    expect(ids.length).toBe(25);
    for (const findingId of ids) {
      const got = await store.similarFindings({ findingId, first: 10, excludeSameArea: true });
      expect(got.length).toBeGreaterThan(0);
      expect({ findingId, got }).toEqual({ findingId, got: referenceSimilar(vectors, g, findingId, 10) });
    }
  });

  it('similarAreas by findings equals taking, for every finding, the closest of every other area', async () => {
    const findingsOf = (areaId: string) =>
      g.idsByLabel.get('Finding')!.filter((id) => g.findingArea(id) === areaId && (g.node(id) as FindingRow).polarity === 'WEAKNESS');
    for (const areaId of g.idsByLabel.get('Area')!.slice(0, 2)) {
      const mine = findingsOf(areaId);
      const expected = g.idsByLabel.get('Area')!
        .filter((a) => a !== areaId)
        .map((other) => {
          const theirs = findingsOf(other);
          const pairs = mine.flatMap((f) => {
            const best = theirs
              .map((m) => ({ matchId: m, ...cosine(vectors.get(f)!, vectors.get(m)!) }))
              .filter((p) => p.sharedTerms.length > 0)
              .sort((x, y) => y.score - x.score || byId(x.matchId, y.matchId))[0];
            return best ? [{ themeId: null, findingId: f, ...best }] : [];
          });
          const score = Math.round((pairs.reduce((sum, p) => sum + p.score, 0) / mine.length) * 1e12) / 1e12;
          return { areaId: other, score, sharedThemeIds: [], evidence: pairs.sort((x, y) => y.score - x.score || byId(x.findingId, y.findingId)) };
        })
        .filter((r) => r.evidence.length > 0)
        .sort((x, y) => y.score - x.score || byId(x.areaId, y.areaId))
        .slice(0, 5);
      expect(await store.similarAreas({ areaId, first: 5, polarity: 'WEAKNESS', method: 'FINDINGS' })).toEqual(expected);
    }
  });

  it('themeCooccurrence counts as checking every area for every pair does', async () => {
    const got = await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 1, first: 100 });
    const themeAreas = g.themeAreas.WEAKNESS;
    const themes = [...themeAreas.keys()].sort(byId);
    const n = new Set([...themeAreas.values()].flatMap((s) => [...s])).size;
    const expected = themes
      .flatMap((a, i) => themes.slice(i + 1).map((b) => [a, b] as [string, string]))
      .map((themeIds) => {
        const [x, y] = themeIds.map((t) => themeAreas.get(t)!);
        const areaIds = [...x].filter((a) => y.has(a)).sort(byId);
        return { themeIds, count: areaIds.length, areaIds, themeAreaCounts: [x.size, y.size] as [number, number], areasWithFindings: n, lift: (areaIds.length * n) / (x.size * y.size) };
      })
      .filter((p) => p.count > 0)
      .sort(compareThemePairs)
      .slice(0, 100);
    expect(got).toEqual(expected);
  });
});
