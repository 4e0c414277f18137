import type { PatternKey, SharedWeaknessesArgs, WeaknessPatternRow } from '../port';
import { deadlineTicker } from '../deadline';
import { byId, comparePatterns, patternKey } from '../ordering';
import { AreaBitset, popcount } from './area-bitset';
import type { AreaThemeIndex } from './area-theme-index';
import type { MemoryGraph } from './memory-graph';

/**
 * The itemsets of one size, flat, so that a level of hundreds of candidates is a few arrays
 * rather than an object, an array and a bitset each.
 */
interface Level {
  size: number;
  count: number;
  /** Itemset i's theme indexes (into the id-sorted theme list, ascending) are themes[i * size ..]. */
  themes: Int32Array;
  support: Int32Array;
  /** Itemset i's areas are words[i * words ..]; null on the last level, which is only counted. */
  areas: Int32Array | null;
}

/** What the mining reads: each theme's areas as bits, themes and areas in id order. */
export type ThemeAreaSets = Pick<AreaThemeIndex, 'areaIds' | 'themeIds' | 'themeAreas' | 'regionAreas'>;

/**
 * The sets from rows of a theme and its areas (as the Neo4j adapter reads them from HAS_THEME),
 * already limited to a region if one was asked for: `regionAreas` is then every area.
 */
export function themeAreaSets(rows: readonly { themeId: string; areaIds: readonly string[] }[]): ThemeAreaSets {
  const areaIds = [...new Set(rows.flatMap((r) => r.areaIds))].sort(byId);
  const areaIndex = new Map(areaIds.map((id, i) => [id, i]));
  const sorted = [...rows].sort((a, b) => byId(a.themeId, b.themeId));
  return {
    areaIds,
    themeIds: sorted.map((r) => r.themeId),
    themeAreas: sorted.map((r) => AreaBitset.of(areaIds.length, r.areaIds.map((a) => areaIndex.get(a)!))),
    regionAreas: () => AreaBitset.of(areaIds.length, areaIds.keys()),
  };
}

/**
 * Theme combinations found as weaknesses in at least `minAreas` areas, mined level by level
 * (Apriori): a combination is only extended while its support stays at or above the threshold.
 * Area sets are bitsets, so support counting is a few word operations per candidate; theme ids
 * and area ids are listed only for the patterns returned.
 */
export function sharedWeaknesses(index: ThemeAreaSets, args: SharedWeaknessesArgs): WeaknessPatternRow[] {
  const inRegion = args.regionId ? index.regionAreas(args.regionId) : null;
  const words = Math.ceil(index.areaIds.length / 32);

  let level = firstLevel(index, inRegion, words, args.minAreas);
  const levels = [level];
  for (let k = 2; k <= args.maxThemes && level.count > 1; k++) {
    level = nextLevel(level, words, args.minAreas, k < args.maxThemes);
    levels.push(level);
  }

  return topPatterns(index, levels, args.first).map(({ level: l, item, themeIds, support }) => {
    let areas: Int32Array;
    if (l.areas) areas = l.areas.subarray(item * words, (item + 1) * words);
    else {
      areas = new Int32Array(inRegion ? inRegion.words : index.themeAreas[l.themes[item * l.size]].words);
      for (let t = 0; t < l.size; t++) andInto(areas, 0, index.themeAreas[l.themes[item * l.size + t]].words, 0, words);
    }
    return { themeIds, areaIds: idsOf(areas, index.areaIds, support), support };
  });
}

function firstLevel(index: ThemeAreaSets, inRegion: AreaBitset | null, words: number, minAreas: number): Level {
  const n = index.themeAreas.length;
  const level: Level = { size: 1, count: 0, themes: new Int32Array(n), support: new Int32Array(n), areas: new Int32Array(n * words) };
  for (let t = 0; t < n; t++) {
    const at = level.count * words;
    level.areas!.set(index.themeAreas[t].words, at);
    if (inRegion) andInto(level.areas!, at, inRegion.words, 0, words);
    const support = countWords(level.areas!, at, words);
    if (support < minAreas) continue;
    level.themes[level.count] = t;
    level.support[level.count++] = support;
  }
  return level;
}

/** Joins itemsets that share every theme but the last; the level is sorted, so each run of a shared prefix is joined within itself. */
function nextLevel(prev: Level, words: number, minAreas: number, keepAreas: boolean): Level {
  const k = prev.size;
  const size = k + 1;
  let bound = 0;
  for (let i = 0; i < prev.count; ) {
    let j = i + 1;
    while (j < prev.count && samePrefix(prev.themes, i, j, k)) j++;
    bound += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  const next: Level = { size, count: 0, themes: new Int32Array(bound * size), support: new Int32Array(bound), areas: keepAreas ? new Int32Array(bound * words) : null };
  const from = prev.areas!;
  const tick = deadlineTicker();
  for (let i = 0; i < prev.count; i++) {
    for (let j = i + 1; j < prev.count && samePrefix(prev.themes, i, j, k); j++) {
      tick();
      const at = next.count * words;
      const support = next.areas ? andCount(next.areas, at, from, i * words, j * words, words) : countAnd(from, i * words, j * words, words);
      if (support < minAreas) continue;
      for (let t = 0; t < k; t++) next.themes[next.count * size + t] = prev.themes[i * k + t];
      next.themes[next.count * size + k] = prev.themes[j * k + k - 1];
      next.support[next.count++] = support;
    }
  }
  return next;
}

/** The first `first` itemsets in answer order (all when `first` is absent), with their theme ids. */
function topPatterns(index: ThemeAreaSets, levels: Level[], first: number | null | undefined) {
  // Support decides first, so only itemsets with a support that can reach the first `first` are ranked.
  let threshold = 0;
  if (first != null) {
    const bySupport = new Int32Array(index.areaIds.length + 2);
    for (const l of levels) for (let i = 0; i < l.count; i++) bySupport[l.support[i]]++;
    let kept = 0;
    for (threshold = bySupport.length - 1; threshold > 0 && kept + bySupport[threshold] < first; threshold--) kept += bySupport[threshold];
    threshold = Math.max(threshold, 1);
  }
  const ranked = [];
  const tick = deadlineTicker();
  for (const level of levels) {
    for (let item = 0; item < level.count; item++) {
      tick();
      const support = level.support[item];
      if (support < threshold) continue;
      const themeIds: string[] = [];
      for (let t = 0; t < level.size; t++) themeIds.push(index.themeIds[level.themes[item * level.size + t]]);
      ranked.push({ level, item, themeIds, support, key: patternKey(themeIds) });
    }
  }
  ranked.sort(comparePatterns);
  return first != null ? ranked.slice(0, first) : ranked;
}

function andInto(target: Int32Array, at: number, other: Int32Array | Uint32Array, from: number, words: number): void {
  for (let w = 0; w < words; w++) target[at + w] &= other[from + w];
}

/** Writes the intersection of two bitsets at `at` and counts it. */
function andCount(target: Int32Array, at: number, bits: Int32Array, a: number, b: number, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) n += popcount((target[at + w] = bits[a + w] & bits[b + w]));
  return n;
}

function countWords(bits: Int32Array, at: number, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) n += popcount(bits[at + w]);
  return n;
}

function countAnd(bits: Int32Array, a: number, b: number, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) n += popcount(bits[a + w] & bits[b + w]);
  return n;
}

/** The ids of the `count` areas in a bitset, into an array made at its size (at 100x a pattern has 15,000). */
function idsOf(bits: Int32Array, ids: readonly string[], count: number): string[] {
  const out = new Array<string>(count);
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    for (let word = bits[w]; word; word &= word - 1) out[k++] = ids[w * 32 + 31 - Math.clz32(word & -word)];
  }
  return out;
}

/** The evidence behind a pattern, asked for only when a query selects it. */
export function patternFindings(g: MemoryGraph, pattern: PatternKey): string[] {
  const findingIds = new Set<string>();
  const tick = deadlineTicker(16);
  for (const areaId of pattern.areaIds) {
    tick();
    const perTheme = g.areaThemeFindings.WEAKNESS.get(areaId);
    for (const t of pattern.themeIds) for (const f of perTheme?.get(t) ?? []) findingIds.add(f);
  }
  return [...findingIds].sort(byId);
}

/** Whether itemsets i and j of size k share their first k - 1 themes. */
function samePrefix(themes: Int32Array, i: number, j: number, k: number): boolean {
  for (let t = 0; t < k - 1; t++) if (themes[i * k + t] !== themes[j * k + t]) return false;
  return true;
}
