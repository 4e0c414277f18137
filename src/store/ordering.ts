import type { AreaSimilarityRow, SearchHitRow, ThemePairRow } from './port';

/** The orderings every adapter's answers follow, so the same question gets the same answer. */

export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A pattern ranked: support, then more themes, then theme ids joined by "|" (the key, computed once per pattern). */
export interface RankedPattern {
  support: number;
  themeIds: string[];
  key: string;
}

/** A pattern's key for ranking; built into each ranked object's literal (object spread is slow in a hot loop). */
export const patternKey = (themeIds: readonly string[]): string => themeIds.join('|');

export const comparePatterns = (x: RankedPattern, y: RankedPattern): number =>
  y.support - x.support || y.themeIds.length - x.themeIds.length || byId(x.key, y.key);

export const compareSimilarity = (a: Pick<AreaSimilarityRow, 'score' | 'areaId'>, b: Pick<AreaSimilarityRow, 'score' | 'areaId'>): number => b.score - a.score || byId(a.areaId, b.areaId);

export const compareSearchHits = (a: SearchHitRow, b: SearchHitRow): number => b.score - a.score || byId(a.id, b.id);

/** Theme pairs: more areas first, then higher lift, then theme ids. */
export const compareThemePairs = (a: Pick<ThemePairRow, 'count' | 'lift' | 'themeIds'>, b: Pick<ThemePairRow, 'count' | 'lift' | 'themeIds'>): number =>
  b.count - a.count || b.lift - a.lift || byId(a.themeIds[0], b.themeIds[0]) || byId(a.themeIds[1], b.themeIds[1]);
