import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { AreaThemeIndex } from '../../src/store/memory/area-theme-index';
import { sharedWeaknesses } from '../../src/store/memory/shared-weaknesses';
import { similarAreasByThemes } from '../../src/store/memory/similar-areas';
import { byId, comparePatterns, compareSimilarity, patternKey } from '../../src/store/ordering';
import type { AreaSimilarityRow, SharedWeaknessesArgs, SimilarAreasArgs, WeaknessPatternRow } from '../../src/store/port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { generateDataset } from '../../src/synthetic/generate';
import { SEEDS_DIR, seedBundle } from '../helpers';

/** The rule written the plain way: every combination of weakness themes, its areas counted one by one. */
function reference(g: MemoryGraph, args: SharedWeaknessesArgs): WeaknessPatternRow[] {
  const themes = [...g.themeAreas.WEAKNESS.keys()].sort(byId);
  const inRegion = args.regionId ? new Set(g.relsOf(args.regionId, 'IN_REGION', 'IN').map((r) => r.other)) : null;
  const combos: string[][] = [];
  const extend = (start: number, combo: string[]) => {
    if (combo.length) combos.push(combo);
    if (combo.length === args.maxThemes) return;
    for (let i = start; i < themes.length; i++) extend(i + 1, [...combo, themes[i]]);
  };
  extend(0, []);
  const rows = combos
    .map((themeIds) => {
      const areaIds = (g.idsByLabel.get('Area') ?? []).filter(
        (a) => (!inRegion || inRegion.has(a)) && themeIds.every((t) => g.themeAreas.WEAKNESS.get(t)!.has(a)),
      );
      return { themeIds, areaIds, support: areaIds.length, key: patternKey(themeIds) };
    })
    .filter((p) => p.support >= args.minAreas)
    .sort(comparePatterns)
    .map(({ themeIds, areaIds, support }) => ({ themeIds, areaIds, support }));
  return args.first != null ? rows.slice(0, args.first) : rows;
}

/** Jaccard the plain way: every other area, its themes compared as sets. */
function referenceSimilar(g: MemoryGraph, args: SimilarAreasArgs): Omit<AreaSimilarityRow, 'evidence'>[] {
  const themesOf = (areaId: string) => new Set([...g.themeAreas[args.polarity]].filter(([, areas]) => areas.has(areaId)).map(([t]) => t));
  const mine = themesOf(args.areaId);
  if (!mine?.size) return [];
  return (g.idsByLabel.get('Area') ?? [])
    .filter((a) => a !== args.areaId)
    .map((areaId) => {
      const theirs = themesOf(areaId);
      const shared = [...mine].filter((t) => theirs.has(t)).sort(byId);
      return { areaId, score: shared.length / new Set([...mine, ...theirs]).size, sharedThemeIds: shared };
    })
    .filter((r) => r.sharedThemeIds.length > 0)
    .sort(compareSimilarity)
    .slice(0, args.first);
}

describe('similarAreas (theme bits per area)', () => {
  const g = new MemoryGraph(seedBundle());
  const indexes = { WEAKNESS: new AreaThemeIndex(g, 'WEAKNESS'), STRENGTH: new AreaThemeIndex(g, 'STRENGTH') } as const;

  it('ranks as comparing every pair of theme sets does, for every area and both polarities', () => {
    let nonEmpty = 0;
    for (const areaId of g.idsByLabel.get('Area')!) {
      for (const polarity of ['WEAKNESS', 'STRENGTH'] as const) {
        const args = { areaId, first: 5, polarity };
        const expected = referenceSimilar(g, args);
        expect(similarAreasByThemes(g, indexes[polarity], args).map(({ evidence, ...row }) => row)).toEqual(expected);
        if (expected.length) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(4);
    expect(similarAreasByThemes(g, indexes.WEAKNESS, { areaId: 'no-such-area', first: 5, polarity: 'WEAKNESS' })).toEqual([]);
  });
});

describe('sharedWeaknesses (Apriori over area bitsets)', () => {
  const g = new MemoryGraph(seedBundle());
  const index = new AreaThemeIndex(g, 'WEAKNESS');
  const regions = g.idsByLabel.get('Region')!;

  it.each([
    { minAreas: 1, maxThemes: 1 },
    { minAreas: 1, maxThemes: 3 },
    { minAreas: 2, maxThemes: 3, first: 7 },
    { minAreas: 3, maxThemes: 2, first: 1 },
    { minAreas: 4, maxThemes: 5 },
    { minAreas: 2, maxThemes: 3, first: 0 },
    { minAreas: 99, maxThemes: 3 },
  ])('finds what counting every combination finds: %o', (args) => {
    const expected = reference(g, args);
    expect(sharedWeaknesses(index, args)).toEqual(expected);
    if (args.minAreas < 99 && args.first !== 0) expect(expected.length).toBeGreaterThan(0);
  });

  it('within each region', () => {
    for (const regionId of regions) {
      for (const args of [{ minAreas: 1, maxThemes: 3, regionId }, { minAreas: 2, maxThemes: 2, regionId, first: 3 }]) {
        expect(sharedWeaknesses(index, args)).toEqual(reference(g, args));
      }
    }
  });
});

describe('on a national-scale synthetic dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-sw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let g: MemoryGraph;
  beforeAll(() => {
    generateDataset({ scale: 1, seed: 7, outDir: dir, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
    g = new MemoryGraph(loadDataset(dir));
  });

  it('similarAreas ranks as comparing every pair does', () => {
    const index = new AreaThemeIndex(g, 'WEAKNESS');
    for (const areaId of g.idsByLabel.get('Area')!.slice(0, 40)) {
      const args = { areaId, first: 10, polarity: 'WEAKNESS' as const };
      const expected = referenceSimilar(g, args);
      expect(expected).toHaveLength(10);
      expect(similarAreasByThemes(g, index, args).map(({ evidence, ...row }) => row)).toEqual(expected);
    }
  });

  it('sharedWeaknesses finds what counting every combination finds', () => {
    const index = new AreaThemeIndex(g, 'WEAKNESS');
    for (const args of [{ minAreas: 38, maxThemes: 3, first: 20 }, { minAreas: 140, maxThemes: 3 }, { minAreas: 5, maxThemes: 2, regionId: g.idsByLabel.get('Region')![0], first: 10 }]) {
      const expected = reference(g, args);
      expect(expected.length).toBeGreaterThan(0);
      expect(sharedWeaknesses(index, args)).toEqual(expected);
    }
  });
});
