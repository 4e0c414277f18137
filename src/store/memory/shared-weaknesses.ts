import type { PatternKey, SharedWeaknessesArgs, WeaknessPatternRow } from '../port';
import { byId, comparePatterns } from '../ordering';
import { AreaBitset } from './area-bitset';
import type { MemoryGraph } from './memory-graph';

interface Itemset {
  themes: string[];
  areas: AreaBitset;
  support: number;
}

/**
 * Theme combinations found as weaknesses in at least `minAreas` areas, mined level by level
 * (Apriori): a combination is only extended while its support stays at or above the threshold.
 * Area sets are bitsets, so support counting is a few word operations per candidate.
 */
export function sharedWeaknesses(g: MemoryGraph, args: SharedWeaknessesArgs): WeaknessPatternRow[] {
  const areaIds = g.idsByLabel.get('Area') ?? [];
  const areaIndex = new Map(areaIds.map((id, i) => [id, i]));
  const size = areaIds.length;
  const inRegion = args.regionId ? AreaBitset.of(size, g.relsOf(args.regionId, 'IN_REGION', 'IN').map((r) => areaIndex.get(r.other)!)) : null;

  let level: Itemset[] = [];
  for (const [themeId, areas] of g.themeAreas.WEAKNESS) {
    let bits = AreaBitset.of(size, [...areas].map((a) => areaIndex.get(a)!));
    if (inRegion) bits = bits.and(inRegion);
    const support = bits.count();
    if (support >= args.minAreas) level.push({ themes: [themeId], areas: bits, support });
  }
  level.sort((a, b) => byId(a.themes[0], b.themes[0]));

  const found: Itemset[] = [...level];
  for (let k = 2; k <= args.maxThemes && level.length > 1; k++) {
    const next: Itemset[] = [];
    for (let i = 0; i < level.length; i++) {
      const a = level[i].themes;
      for (let j = i + 1; j < level.length; j++) {
        const b = level[j].themes;
        // Join itemsets that share every theme but the last; the level is sorted, so stop at the first that does not.
        if (!samePrefix(a, b)) break;
        const areas = level[i].areas.and(level[j].areas);
        const support = areas.count();
        if (support >= args.minAreas) next.push({ themes: [...a, b[b.length - 1]], areas, support });
      }
    }
    found.push(...next);
    level = next;
  }

  const ranked = found
    .map((x) => ({ ...x, themeIds: x.themes }))
    .sort(comparePatterns);
  const limited = args.first != null ? ranked.slice(0, args.first) : ranked;
  return limited.map(({ themes, areas, support }) => ({ themeIds: themes, areaIds: [...areas.indexes()].map((i) => areaIds[i]), support }));
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

function samePrefix(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}
