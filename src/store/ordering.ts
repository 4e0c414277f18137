import type { AreaSimilarityRow, SearchHitRow, WeaknessPatternRow } from './port';

/** The orderings every adapter's answers follow, so the same question gets the same answer. */

export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Support, then more themes, then theme ids joined by "|". */
export const comparePatterns = (x: Pick<WeaknessPatternRow, 'support' | 'themeIds'>, y: Pick<WeaknessPatternRow, 'support' | 'themeIds'>): number =>
  y.support - x.support || y.themeIds.length - x.themeIds.length || byId(x.themeIds.join('|'), y.themeIds.join('|'));

export const compareSimilarity = (a: AreaSimilarityRow, b: AreaSimilarityRow): number => b.score - a.score || byId(a.areaId, b.areaId);

export const compareSearchHits = (a: SearchHitRow, b: SearchHitRow): number => b.score - a.score || byId(a.id, b.id);
