import type { Driver } from 'neo4j-driver';
import { LABELS } from '../../domain/model';
import { HAS_THEME, WEAKNESS_AREAS } from '../has-theme';
import { SIMILAR_TO } from '../similar-to';
import { SIMILAR_BY_FINDINGS } from '../similar-by-findings';
import { SIMILAR_BY_THEMES } from '../similar-by-themes';
import { CONTEXT_SCHEMA_STATEMENTS } from './context-cypher';
import { ENTITY, FORMER_FULLTEXT_INDEXES, FULLTEXT_ANALYZER, FULLTEXT_INDEX, FULLTEXT_PROPERTIES, SIMILARITY_INDEX, SIMILARITY_TEXT } from './cypher';

/** Uniqueness of `id` for every label (and for Entity, which every node has), and the full-text index. */
export const SCHEMA_STATEMENTS: string[] = [
  ...[ENTITY, ...LABELS].map(
    (l) => `CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`,
  ),
  ...FORMER_FULLTEXT_INDEXES.map((name) => `DROP INDEX ${name} IF EXISTS`),
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${LABELS.join('|')}) ON EACH [${FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: '${FULLTEXT_ANALYZER}'}}`,
  `CREATE FULLTEXT INDEX ${SIMILARITY_INDEX} IF NOT EXISTS FOR (n:Finding) ON EACH [n.${SIMILARITY_TEXT}]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'whitespace'}}`,
  ...CONTEXT_SCHEMA_STATEMENTS,
];

export const EXPECTED_CONSTRAINTS = [ENTITY, ...LABELS].map((l) => `${l.toLowerCase()}_id`);

/** Creates the constraints and index if missing. Schema changes cannot share a transaction with data. */
export async function ensureSchema(driver: Driver, database: string): Promise<void> {
  for (const text of SCHEMA_STATEMENTS) await driver.executeQuery(text, {}, { database });
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
}

/**
 * Whether the graph has themed findings but none of the derived HAS_THEME relationships of the
 * current shape, or a theme without its weakness areas (see has-theme.ts): a database seeded by
 * an earlier version, whose analyses would answer nothing. Each side stops at its first.
 */
export const DERIVED_CHECK = `OPTIONAL MATCH (:Finding)-[a:ABOUT]->(:Theme)
WITH a LIMIT 1
OPTIONAL MATCH ()-[h:${HAS_THEME}]->(:Theme)
WHERE h.variant IS NOT NULL
WITH a, h LIMIT 1
OPTIONAL MATCH (t:Theme)
WHERE t.${WEAKNESS_AREAS} IS NULL
WITH a, h, t LIMIT 1
RETURN a IS NOT NULL AND (h IS NULL OR t IS NOT NULL) AS missing`;

/** The same for SIMILAR_TO (similar-to.ts; SIMILAR_BY_FINDINGS and SIMILAR_BY_THEMES are written with it): findings with stems but no SIMILAR_TO at all. Each side stops at its first. */
export const SIMILAR_TO_CHECK = `OPTIONAL MATCH (f:Finding)
WHERE f.${SIMILARITY_TEXT} IS NOT NULL
WITH f LIMIT 1
OPTIONAL MATCH (:Finding)-[s:${SIMILAR_TO}]->(:Finding)
WITH f, s LIMIT 1
RETURN f IS NOT NULL AND s IS NULL AS missing`;

/** What is missing from the schema (and the derived relationships), so start-up can say what to run. */
export async function missingSchema(driver: Driver, database: string): Promise<string[]> {
  const constraints = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name', {}, { database });
  const indexes = await driver.executeQuery('SHOW INDEXES YIELD name, state RETURN name, state', {}, { database });
  const haveConstraints = new Set(constraints.records.map((r) => r.get('name') as string));
  const onlineIndexes = new Set(indexes.records.filter((r) => r.get('state') === 'ONLINE').map((r) => r.get('name') as string));
  const derived = await driver.executeQuery(DERIVED_CHECK, {}, { database });
  const similar = await driver.executeQuery(SIMILAR_TO_CHECK, {}, { database });
  return [
    ...EXPECTED_CONSTRAINTS.filter((c) => !haveConstraints.has(c)).map((c) => `constraint ${c}`),
    ...[FULLTEXT_INDEX, SIMILARITY_INDEX].filter((i) => !onlineIndexes.has(i)).map((i) => `full-text index ${i}`),
    ...(derived.records[0]?.get('missing') === true ? [`derived ${HAS_THEME} relationships and themes' weakness areas (seeded by an earlier version)`] : []),
    ...(similar.records[0]?.get('missing') === true ? [`derived ${SIMILAR_TO}, ${SIMILAR_BY_FINDINGS} and ${SIMILAR_BY_THEMES} relationships (seeded by an earlier version)`] : []),
  ];
}
