import type { SharedWeaknessesArgs, WeaknessPatternRow } from '../port';
import { byId, comparePatterns } from '../ordering';
import type { MemoryGraph } from './memory-graph';

const intersect = (a: Set<string>, b: Set<string>): Set<string> => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const x of small) if (large.has(x)) out.add(x);
  return out;
};

/**
 * Theme combinations found as weaknesses in at least `minAreas` areas, mined level by level
 * (Apriori): a combination is only extended while its support stays at or above the threshold.
 * Ordered by support, then by more themes, then by theme ids.
 */
export function sharedWeaknesses(g: MemoryGraph, args: SharedWeaknessesArgs): WeaknessPatternRow[] {
  const inRegion = args.regionId
    ? new Set(g.relsOf(args.regionId, 'IN_REGION', 'IN').map((r) => r.other))
    : null;
  const themeAreas = new Map<string, Set<string>>();
  for (const [themeId, areas] of g.themeAreas.WEAKNESS) {
    const kept = inRegion ? intersect(areas, inRegion) : areas;
    if (kept.size >= args.minAreas) themeAreas.set(themeId, kept);
  }

  interface Itemset { themes: string[]; areas: Set<string> }
  let level: Itemset[] = [...themeAreas.entries()].map(([t, areas]) => ({ themes: [t], areas })).sort((a, b) => byId(a.themes[0], b.themes[0]));
  const found: Itemset[] = [...level];
  for (let size = 2; size <= args.maxThemes && level.length > 1; size++) {
    const next: Itemset[] = [];
    for (let i = 0; i < level.length; i++) {
      for (let j = i + 1; j < level.length; j++) {
        const a = level[i].themes, b = level[j].themes;
        // Join only itemsets that share every theme but the last (both lists are sorted).
        if (a.slice(0, -1).join('|') !== b.slice(0, -1).join('|')) break;
        const areas = intersect(level[i].areas, level[j].areas);
        if (areas.size >= args.minAreas) next.push({ themes: [...a, b[b.length - 1]], areas });
      }
    }
    found.push(...next);
    level = next;
  }

  found.sort((x, y) => comparePatterns({ support: x.areas.size, themeIds: x.themes }, { support: y.areas.size, themeIds: y.themes }));
  const limited = args.first != null ? found.slice(0, args.first) : found;
  return limited.map(({ themes, areas }) => {
    const areaIds = [...areas].sort(byId);
    const findingIds = new Set<string>();
    for (const areaId of areaIds) {
      const perTheme = g.areaThemeFindings.WEAKNESS.get(areaId);
      for (const t of themes) for (const f of perTheme?.get(t) ?? []) findingIds.add(f);
    }
    return { themeIds: themes, areaIds, findingIds: [...findingIds].sort(byId), support: areaIds.length };
  });
}
