import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { sharedWeaknesses, WeaknessIndex } from '../../src/store/memory/shared-weaknesses';
import { byId, comparePatterns, rankedPattern } from '../../src/store/ordering';
import type { SharedWeaknessesArgs, WeaknessPatternRow } from '../../src/store/port';
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
      return rankedPattern({ themeIds, areaIds, support: areaIds.length });
    })
    .filter((p) => p.support >= args.minAreas)
    .sort(comparePatterns)
    .map(({ themeIds, areaIds, support }) => ({ themeIds, areaIds, support }));
  return args.first != null ? rows.slice(0, args.first) : rows;
}

describe('sharedWeaknesses (Apriori over area bitsets)', () => {
  const g = new MemoryGraph(seedBundle());
  const index = new WeaknessIndex(g);
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

describe('sharedWeaknesses on a national-scale synthetic dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-sw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds what counting every combination finds', () => {
    generateDataset({ scale: 1, seed: 7, outDir: dir, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
    const g = new MemoryGraph(loadDataset(dir));
    const index = new WeaknessIndex(g);
    for (const args of [{ minAreas: 38, maxThemes: 3, first: 20 }, { minAreas: 140, maxThemes: 3 }, { minAreas: 5, maxThemes: 2, regionId: g.idsByLabel.get('Region')![0], first: 10 }]) {
      const expected = reference(g, args);
      expect(expected.length).toBeGreaterThan(0);
      expect(sharedWeaknesses(index, args)).toEqual(expected);
    }
  });
});
