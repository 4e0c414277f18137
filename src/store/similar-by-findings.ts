import type { InspectionFramework, Polarity } from '../domain/model';

/** How many areas a stored ranking holds: the API's largest `first` for similarAreas, so that every page is answered whole. */
export const RANKED_AREAS = 100;

/**
 * A derived relationship, written by the seeding beside HAS_THEME (has-theme.ts) and SIMILAR_TO
 * (similar-to.ts), and like them never a fact of its own (stats, path and the relationship
 * counts leave it out): `(a:Area)-[:SIMILAR_BY_FINDINGS {variant, polarity, framework, score, matchIds}]->(b:Area)`,
 * similarAreas(method: FINDINGS) answered in advance by the embedded store's own code
 * (FindingSimilarityIndex.similarByFindingsRows): for each area, polarity and framework (or
 * none), the RANKED_AREAS best areas, with the score. `matchIds`
 * lines up with the area's findings of that polarity and framework in id order: each one's
 * closest finding in b, or '' where it shares no stem with b's. `variant` is "polarity|framework"
 * (framework empty for none), as HAS_THEME's (hasThemeVariant).
 *
 * The answer is the mean, over the area's findings, of each one's closest finding in the other
 * area: it needs every finding's best match in every area, which no short list of a finding's
 * closest findings holds (on the seeds, a finding's 100 closest miss areas that rank in the top
 * 10). So the ranking itself is stored: at most 2 x 3 x RANKED_AREAS relationships an area,
 * exact, and a read is an index seek on the area and the `first` of them.
 */
export const SIMILAR_BY_FINDINGS = 'SIMILAR_BY_FINDINGS';

export interface SimilarByFindingsRow {
  from: string;
  to: string;
  polarity: Polarity;
  framework: InspectionFramework | null;
  score: number;
  matchIds: string[];
}
