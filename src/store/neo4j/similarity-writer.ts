import type { ManagedTransaction } from 'neo4j-driver';
import type { FindingSimilarityIndex } from '../memory/finding-similarity-index';
import { SIMILAR_TO, type SimilarToRow } from '../similar-to';
import { SIMILAR_BY_FINDINGS, similarByFindingsVariant, type SimilarByFindingsRow } from '../similar-by-findings';

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

/** How many findings' SIMILAR_TO rows go in one statement (up to 2 x CLOSEST_FINDINGS each). */
const SIMILAR_TO_FINDINGS_PER_BATCH = 100;
/** similarByFindingsRows yields one ranking per area, polarity and framework (or none): 2 x 3 an area. */
const RANKINGS_PER_AREA = 2 * 3;

/** How many progress steps writeSimilarity reports: a batch per 100 findings, one per area, and the two removals. */
export const similarityBatches = (index: FindingSimilarityIndex): number =>
  Math.ceil(index.findingCount() / SIMILAR_TO_FINDINGS_PER_BATCH) + index.rankedAreaCount() + 2;

/**
 * Replaces the derived similarity relationships inside the seeding transaction `tx`, computed
 * batch by batch as they are written (a national dataset's SIMILAR_TO rows are millions).
 */
export async function writeSimilarity(tx: ManagedTransaction, index: FindingSimilarityIndex, progress: (step: string) => void) {
  let similarTo = 0;
  await tx.run(REMOVE_SIMILAR_TO);
  progress(`removed the ${SIMILAR_TO} relationships`);
  let rows: SimilarToRow[] = [];
  let findings = 0;
  const writeRows = async () => {
    await tx.run(CREATE_SIMILAR_TO, { rows });
    similarTo += rows.length;
    rows = [];
    progress(`${SIMILAR_TO} relationships (derived)`);
  };
  for (const ofOne of index.similarToRows()) {
    rows.push(...ofOne);
    if (++findings % SIMILAR_TO_FINDINGS_PER_BATCH === 0) await writeRows();
  }
  if (findings % SIMILAR_TO_FINDINGS_PER_BATCH !== 0) await writeRows();

  let similarByFindings = 0;
  await tx.run(REMOVE_SIMILAR_BY_FINDINGS);
  progress(`removed the ${SIMILAR_BY_FINDINGS} relationships`);
  let areaRows: (SimilarByFindingsRow & { variant: string })[] = [];
  let rankings = 0;
  for (const ranking of index.similarByFindingsRows()) {
    for (const r of ranking) areaRows.push({ ...r, variant: similarByFindingsVariant(r.polarity, r.framework) });
    if (++rankings % RANKINGS_PER_AREA === 0) {
      await tx.run(CREATE_SIMILAR_BY_FINDINGS, { rows: areaRows });
      similarByFindings += areaRows.length;
      areaRows = [];
      progress(`${SIMILAR_BY_FINDINGS} relationships (derived)`);
    }
  }
  return { similarTo, similarByFindings };
}
