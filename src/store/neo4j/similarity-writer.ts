import type { ManagedTransaction } from 'neo4j-driver';
import type { FindingSimilarityIndex } from '../memory/finding-similarity-index';
import type { MemoryGraph } from '../memory/memory-graph';
import { similarByThemesRows } from '../memory/similar-areas';
import { SIMILAR_BY_THEMES, type SimilarByThemesRow } from '../similar-by-themes';
import { SIMILAR_TO, type SimilarToRow } from '../similar-to';
import { SIMILAR_BY_FINDINGS, type SimilarByFindingsRow } from '../similar-by-findings';
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
 * batch by batch as they are written (a national dataset's SIMILAR_TO rows are millions).
 */
export async function writeSimilarity(tx: ManagedTransaction, graph: MemoryGraph, index: FindingSimilarityIndex, progress: (step: string) => void) {
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
    for (const r of ranking) areaRows.push({ ...r, variant: hasThemeVariant(r.polarity, r.framework) });
    if (++rankings % RANKINGS_PER_AREA === 0) {
      await tx.run(CREATE_SIMILAR_BY_FINDINGS, { rows: areaRows });
      similarByFindings += areaRows.length;
      areaRows = [];
      progress(`${SIMILAR_BY_FINDINGS} relationships (derived)`);
    }
  }

  let similarByThemes = 0;
  await tx.run(REMOVE_SIMILAR_BY_THEMES);
  progress(`removed the ${SIMILAR_BY_THEMES} relationships`);
  const areas = graph.idsByLabel.get('Area')?.length ?? 0;
  let themeRows: (SimilarByThemesRow & { variant: string })[] = [];
  let themeRankings = 0;
  // One batch per polarity and framework: a ranking for every area.
  for (const ranking of similarByThemesRows(graph)) {
    for (const r of ranking) themeRows.push({ ...r, variant: hasThemeVariant(r.polarity, r.framework) });
    if (++themeRankings % areas === 0) {
      await tx.run(CREATE_SIMILAR_BY_THEMES, { rows: themeRows });
      similarByThemes += themeRows.length;
      themeRows = [];
      progress(`${SIMILAR_BY_THEMES} relationships (derived)`);
    }
  }
  return { similarTo, similarByFindings, similarByThemes };
}
