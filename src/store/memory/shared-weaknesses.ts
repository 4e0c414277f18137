import type { PatternKey, SharedWeaknessesArgs, WeaknessPatternRow } from '../port';
import { byId, comparePatterns, rankedPattern } from '../ordering';
import type { AreaBitset } from './area-bitset';
import type { AreaThemeIndex } from './area-theme-index';
import type { MemoryGraph } from './memory-graph';

interface Itemset {
  /** Theme indexes into the id-sorted theme list, ascending. */
  themes: number[];
  /** Null on the last level, where only the support is needed until a pattern is returned. */
  areas: AreaBitset | null;
  support: number;
}

/**
 * Theme combinations found as weaknesses in at least `minAreas` areas, mined level by level
 * (Apriori): a combination is only extended while its support stays at or above the threshold.
 * Area sets are bitsets, so support counting is a few word operations per candidate; area ids
 * are listed only for the patterns returned.
 */
export function sharedWeaknesses(index: AreaThemeIndex, args: SharedWeaknessesArgs): WeaknessPatternRow[] {
  const inRegion = args.regionId ? index.regionAreas(args.regionId) : null;

  let level: Itemset[] = [];
  index.themeAreas.forEach((bits, t) => {
    const areas = inRegion ? bits.and(inRegion) : bits;
    const support = areas.count();
    if (support >= args.minAreas) level.push({ themes: [t], areas, support });
  });

  const found: Itemset[] = [...level];
  for (let k = 2; k <= args.maxThemes && level.length > 1; k++) {
    const next: Itemset[] = [];
    for (let i = 0; i < level.length; i++) {
      const a = level[i].themes;
      for (let j = i + 1; j < level.length; j++) {
        const b = level[j].themes;
        // Join itemsets that share every theme but the last; the level is sorted, so stop at the first that does not.
        if (!samePrefix(a, b)) break;
        const x = level[i].areas!;
        const y = level[j].areas!;
        // The last level is only counted; its area sets are built for the patterns returned.
        const areas = k === args.maxThemes ? null : x.and(y);
        const support = areas ? areas.count() : x.countAnd(y);
        if (support >= args.minAreas) next.push({ themes: [...a, b[b.length - 1]], areas, support });
      }
    }
    found.push(...next);
    level = next;
  }

  return topPatterns(index, found, args.first).map(({ itemset, themeIds, support }) => {
    const areas = itemset.areas ?? itemset.themes.reduce((acc, t) => acc.and(index.themeAreas[t]), inRegion ?? index.themeAreas[itemset.themes[0]]);
    return { themeIds, areaIds: areas.indexes().map((i) => index.areaIds[i]), support };
  });
}

/** The first `first` itemsets in answer order (all when `first` is absent). */
function topPatterns(index: AreaThemeIndex, itemsets: Itemset[], first: number | null | undefined) {
  // Support decides first, so only the highest-support itemsets that can reach the first `first` are ranked in full.
  const bySupport = new Map<number, Itemset[]>();
  for (const x of itemsets) (bySupport.get(x.support) ?? bySupport.set(x.support, []).get(x.support)!).push(x);
  const kept: Itemset[] = [];
  for (const support of [...bySupport.keys()].sort((a, b) => b - a)) {
    if (first != null && kept.length >= first) break;
    kept.push(...bySupport.get(support)!);
  }
  const ranked = kept.map((x) => rankedPattern({ itemset: x, support: x.support, themeIds: x.themes.map((t) => index.themeIds[t]) })).sort(comparePatterns);
  return first != null ? ranked.slice(0, first) : ranked;
}

/** The evidence behind a pattern, asked for only when a query selects it. */
export function patternFindings(g: MemoryGraph, pattern: PatternKey): string[] {
  const findingIds = new Set<string>();
  for (const areaId of pattern.areaIds) {
    const perTheme = g.areaThemeFindings.WEAKNESS.get(areaId);
    for (const t of pattern.themeIds) for (const f of perTheme?.get(t) ?? []) findingIds.add(f);
  }
  return [...findingIds].sort(byId);
}

function samePrefix(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}
