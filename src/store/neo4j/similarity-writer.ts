import type { ManagedTransaction } from 'neo4j-driver';
import type { FindingSimilarityIndex } from '../memory/finding-similarity-index';
import type { MemoryGraph } from '../memory/memory-graph';
import { similarByThemesRows } from '../memory/similar-areas';
import { SIMILAR_BY_THEMES } from '../similar-by-themes';
import type { InspectionFramework, Polarity } from '../../domain/model';
import { SIMILAR_TO } from '../similar-to';
import { SIMILAR_BY_FINDINGS } from '../similar-by-findings';
import { hasThemeVariant } from '../has-theme';

/**
 * SIMILAR_TO (similar-to.ts) is deleted whole and created anew in the seeding transaction, not
 * merged as HAS_THEME is: a finding has up to 2 x CLOSEST_FINDINGS of them, and merging each one
 * would scan the finding's others, where creating costs the same for each.
 */
export const REMOVE_SIMILAR_TO = `MATCH (:Finding)-[r:${SIMILAR_TO}]->(:Finding)
DELETE r`;

/** Writes a batch of SIMILAR_TO rows: each finding's closest findings of each polarity, found by id. */
export const CREATE_SIMILAR_TO = `UNWIND $rows AS row
MATCH (f:Finding {id: row.from})
MATCH (g:Finding {id: row.to})
CREATE (f)-[:${SIMILAR_TO} {score: row.score, polarity: row.polarity, framework: row.framework, area: row.area}]->(g)`;

/** SIMILAR_BY_FINDINGS (similar-by-findings.ts) is rewritten whole as SIMILAR_TO is. */
export const REMOVE_SIMILAR_BY_FINDINGS = `MATCH (:Area)-[r:${SIMILAR_BY_FINDINGS}]->(:Area)
DELETE r`;

/** Writes a batch of SIMILAR_BY_FINDINGS rows: each area's best areas for one polarity and framework, found by id. */
export const CREATE_SIMILAR_BY_FINDINGS = `UNWIND $rows AS row
MATCH (a:Area {id: row.from})
MATCH (b:Area {id: row.to})
CREATE (a)-[:${SIMILAR_BY_FINDINGS} {variant: row.variant, polarity: row.polarity, framework: row.framework, score: row.score, matchIds: row.matchIds}]->(b)`;

/** SIMILAR_BY_THEMES (similar-by-themes.ts) is rewritten whole as SIMILAR_TO is. */
export const REMOVE_SIMILAR_BY_THEMES = `MATCH (:Area)-[r:${SIMILAR_BY_THEMES}]->(:Area)
DELETE r`;

/** Writes a batch of SIMILAR_BY_THEMES rows: each area's best areas by themes for one polarity and framework, found by id. */
export const CREATE_SIMILAR_BY_THEMES = `UNWIND $rows AS row
MATCH (a:Area {id: row.from})
MATCH (b:Area {id: row.to})
CREATE (a)-[:${SIMILAR_BY_THEMES} {variant: row.variant, polarity: row.polarity, framework: row.framework, score: row.score, themeIds: row.themeIds, findingIds: row.findingIds, matchIds: row.matchIds}]->(b)`;

/** How many findings' SIMILAR_TO rows go in one statement (up to 2 x CLOSEST_FINDINGS each). */
const SIMILAR_TO_FINDINGS_PER_BATCH = 100;
/** similarByFindingsRows yields one ranking per area, polarity and framework (or none): 2 x 3 an area. */
const RANKINGS_PER_AREA = 2 * 3;

/** How many progress steps writeSimilarity reports: a batch per 100 findings, one per area ranked by findings, one per polarity and framework by themes, and the three removals. */
export const similarityBatches = (index: FindingSimilarityIndex): number =>
  Math.ceil(index.findingCount() / SIMILAR_TO_FINDINGS_PER_BATCH) + index.rankedAreaCount() + RANKINGS_PER_AREA + 3;

/**
 * Replaces the derived similarity relationships inside the seeding transaction `tx`, computed
 * batch by batch as they are written (a national dataset's SIMILAR_TO rows are hundreds of thousands).
 */
export async function writeSimilarity(tx: ManagedTransaction, graph: MemoryGraph, index: FindingSimilarityIndex, progress: (step: string) => void) {
  const withVariant = <R extends { polarity: Polarity; framework: InspectionFramework | null }>(r: R) => ({ ...r, variant: hasThemeVariant(r.polarity, r.framework) });
  const areas = graph.idsByLabel.get('Area')?.length ?? 0;
  return {
    similarTo: await replace(tx, SIMILAR_TO, REMOVE_SIMILAR_TO, CREATE_SIMILAR_TO, index.similarToRows(), SIMILAR_TO_FINDINGS_PER_BATCH, progress, (r) => r),
    // A batch an area: its rankings for each polarity and framework.
    similarByFindings: await replace(tx, SIMILAR_BY_FINDINGS, REMOVE_SIMILAR_BY_FINDINGS, CREATE_SIMILAR_BY_FINDINGS, index.similarByFindingsRows(), RANKINGS_PER_AREA, progress, withVariant),
    // A batch per polarity and framework: every area's ranking.
    similarByThemes: await replace(tx, SIMILAR_BY_THEMES, REMOVE_SIMILAR_BY_THEMES, CREATE_SIMILAR_BY_THEMES, similarByThemesRows(graph), Math.max(1, areas), progress, withVariant),
  };
}

/** Deletes one type's relationships, then creates the rows `groups` yields, `perBatch` groups a statement; answers how many. */
async function replace<R>(
  tx: ManagedTransaction,
  type: string,
  remove: string,
  create: string,
  groups: Iterable<R[]>,
  perBatch: number,
  progress: (step: string) => void,
  toParams: (row: R) => object,
): Promise<number> {
  await tx.run(remove);
  progress(`removed the ${type} relationships`);
  let written = 0;
  let rows: object[] = [];
  let count = 0;
  const flush = async () => {
    await tx.run(create, { rows });
    written += rows.length;
    rows = [];
    progress(`${type} relationships (derived)`);
  };
  for (const group of groups) {
    for (const r of group) rows.push(toParams(r));
    if (++count % perBatch === 0) await flush();
  }
  if (count % perBatch !== 0) await flush();
  return written;
}
