import type { AreaSimilarityRow, SimilarAreasArgs } from '../port';
import { byId, compareSimilarity } from '../ordering';
import { insertTop } from '../top-k';
import type { MemoryGraph } from './memory-graph';

/**
 * Areas ranked by the Jaccard similarity of their theme sets (for findings of one polarity).
 * Candidates come from the theme -> areas index, so the cost follows the areas that share a
 * theme with the given one rather than all areas.
 */
export function similarAreas(g: MemoryGraph, args: SimilarAreasArgs): AreaSimilarityRow[] {
  const mine = g.areaThemes[args.polarity].get(args.areaId);
  if (!mine || mine.size === 0) return [];
  const shared = new Map<string, string[]>();
  for (const themeId of mine) {
    for (const other of g.themeAreas[args.polarity].get(themeId) ?? []) {
      if (other === args.areaId) continue;
      const list = shared.get(other);
      if (list) list.push(themeId);
      else shared.set(other, [themeId]);
    }
  }
  const top: AreaSimilarityRow[] = [];
  for (const [areaId, themes] of shared) {
    const theirs = g.areaThemes[args.polarity].get(areaId)!.size;
    insertTop(top, { areaId, score: themes.length / (mine.size + theirs - themes.length), sharedThemeIds: themes }, args.first, compareSimilarity);
  }
  for (const row of top) row.sharedThemeIds.sort(byId);
  return top;
}
