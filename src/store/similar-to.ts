import type { InspectionFramework, Polarity } from '../domain/model';
import { byId } from './ordering';
import type { SimilarFindingsArgs } from './port';

/**
 * A derived relationship, written by the seeding beside HAS_THEME (has-theme.ts) and like it never
 * a fact of its own (stats, path and the relationship counts leave it out):
 * `(f:Finding)-[:SIMILAR_TO {score, polarity, framework, area}]->(g:Finding)` for each finding f
 * and each of its CLOSEST_FINDINGS closest findings g of each polarity, by the cosine of
 * finding-similarity.ts: the findings of areas (never f itself, its own area's included) that
 * share a stem with f, best first, ties by id. `polarity`, `framework` and `area` are g's, so
 * that a read filters without visiting g. The embedded store's index computes the lists
 * (FindingSimilarityIndex.similarToRows), so both stores rank by the same numbers.
 *
 * Neo4j's similarFindings reads these instead of asking the stems' full-text index for every
 * candidate: at most 2 x CLOSEST_FINDINGS relationships of the finding, where common stems
 * ("children", "plans") reach most findings. The bound changes no answer: a request the lists
 * cannot prove (see similarFromClosest; on the seeds, a FRAMEWORK_2016 filter, whose findings are
 * few, or a `first` above 20) goes to the exhaustive search, as every request did before.
 */
export const SIMILAR_TO = 'SIMILAR_TO';

/**
 * Each polarity's list holds this many. Fewer than the API's largest `first` (100): the lists are
 * written in the seeding transaction, 2 x CLOSEST_FINDINGS a finding (794,160 at synthetic
 * national scale; 100 made 2.6 million, a heap's worth of transaction state on a small server),
 * and 30 prove every request on the seeds with `first` up to 20 and no FRAMEWORK_2016 filter.
 * A larger `first` (or a rarer filter) is answered by the exhaustive search, exactly.
 */
export const CLOSEST_FINDINGS = 30;

export interface SimilarToRow {
  from: string;
  to: string;
  /** roundScore of the cosine: what both stores rank by. */
  score: number;
  polarity: Polarity;
  framework: InspectionFramework | null;
  area: string;
}

/** One entry of a finding's stored list: the finding it points to, as SIMILAR_TO describes it. */
export type ClosestEntry = Omit<SimilarToRow, 'from'>;

export const compareClosest = (a: { score: number; to: string }, b: { score: number; to: string }): number => b.score - a.score || byId(a.to, b.to);

/**
 * similarFindings answered from the given finding's stored lists (one per polarity asked for, in
 * any order), or null when they cannot prove the answer. A list of fewer than `k` holds every
 * candidate of its polarity; a full one may have dropped some, each ranked after its last entry.
 * The entries passing the filters, best first, are the answer when every full list's last entry
 * ranks at or after the answer's last and the answer has `first` entries: nothing dropped could
 * come before them.
 */
export function similarFromClosest(
  lists: readonly (readonly ClosestEntry[])[],
  args: Pick<SimilarFindingsArgs, 'first' | 'framework' | 'excludeSameArea'>,
  ownAreaIds: readonly string[],
  k = CLOSEST_FINDINGS,
): ClosestEntry[] | null {
  const passes = (e: ClosestEntry) => (!args.framework || e.framework === args.framework) && !(args.excludeSameArea && ownAreaIds.includes(e.area));
  const picked = lists.flat().filter(passes).sort(compareClosest).slice(0, args.first);
  for (const list of lists) {
    if (list.length < k) continue;
    const last = list.reduce((worst, e) => (compareClosest(e, worst) > 0 ? e : worst));
    if (picked.length < args.first || compareClosest(picked[picked.length - 1], last) > 0) return null;
  }
  return picked;
}
