import type { InspectionFramework, Polarity } from '../domain/model';

/**
 * A derived relationship, like SIMILAR_BY_FINDINGS (similar-by-findings.ts) and never a fact of
 * its own: `(a:Area)-[:SIMILAR_BY_THEMES {variant, polarity, framework, score, themeIds, findingIds, matchIds}]->(b:Area)`,
 * similarAreas (method THEMES, the default) answered in advance by the embedded store's own code
 * (memory/similar-areas.ts, similarByThemesRows): for each area, polarity and framework (or none),
 * the RANKED_AREAS (similar-by-findings.ts) best areas by the Jaccard similarity of their
 * theme sets. `themeIds` are the shared themes in id order; `findingIds` and `matchIds` line up
 * with them: each area's first finding (by id) about the theme, the evidence. `variant` is
 * HAS_THEME's ("polarity|framework").
 *
 * Reading HAS_THEME instead touched each shared theme's areas and each candidate's own themes
 * (~33k db hits at national scale, 45 ms); this is an index seek on the area and `first`
 * relationships of at most 2 x 3 x RANKED_AREAS.
 */
export const SIMILAR_BY_THEMES = 'SIMILAR_BY_THEMES';

export interface SimilarByThemesRow {
  from: string;
  to: string;
  polarity: Polarity;
  framework: InspectionFramework | null;
  score: number;
  themeIds: string[];
  findingIds: string[];
  matchIds: string[];
}
