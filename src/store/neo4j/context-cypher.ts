import neo4j from 'neo4j-driver';
import { MAX_PREDECESSOR_DEPTH } from '../outcome-transitions';
import type { IndicatorWindowArgs } from '../context-port';
import { ENTITY, type Statement } from './cypher';

/**
 * The Cypher for DfE's indicators and statistical neighbours (domain/context.ts). In Neo4j they are
 * `(:Indicator {id, name, unit, definition, numerator, denominator, caveats, sourceIds})`,
 * `(:Observation {indicator, subject, year, value, numerator, denominator, sourceIds})` (subject: an
 * area's or region's id, or "england"; an unknown value is an absent property) and
 * `(:Area)-[:STATISTICAL_NEIGHBOUR {edition, rank, closeness, sourceIds}]->(:Area)`. Neither label
 * carries Entity: they are not records, so stats, search and path leave them out, as the embedded
 * store does. Values always travel as parameters.
 */
export const NEIGHBOUR = 'STATISTICAL_NEIGHBOUR';

export const CONTEXT_SCHEMA_STATEMENTS: string[] = [
  'CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX observation_subject IF NOT EXISTS FOR (o:Observation) ON (o.subject, o.indicator)',
];

/** Seeding: what the seeds held before goes, in the same transaction as the rest. */
export const CLEAR_CONTEXT: string[] = ['MATCH (n:Indicator) DETACH DELETE n', 'MATCH (n:Observation) DETACH DELETE n', `MATCH ()-[r:${NEIGHBOUR}]->() DELETE r`];
export const CREATE_INDICATORS = 'UNWIND $rows AS row\nCREATE (n:Indicator)\nSET n = row';
export const CREATE_OBSERVATIONS = 'UNWIND $rows AS row\nCREATE (n:Observation)\nSET n = row';
export const CREATE_NEIGHBOURS = `UNWIND $rows AS row
MATCH (a:${ENTITY} {id: row.from})
MATCH (b:${ENTITY} {id: row.to})
CREATE (a)-[r:${NEIGHBOUR}]->(b)
SET r = row.props`;

const int = (n: number) => neo4j.int(n);

export const indicatorsStatement = (): Statement => ({ text: 'MATCH (i:Indicator)\nRETURN i {.*} AS indicator\nORDER BY i.id', params: {} });

/** Starts from the observation_subject index for each subject. */
export function indicatorSeriesStatement(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null): Statement {
  return {
    text: `UNWIND $subjectIds AS subject
OPTIONAL MATCH (o:Observation {subject: subject, indicator: $indicatorId})
WHERE ($from IS NULL OR o.year >= $from) AND ($to IS NULL OR o.year <= $to)
WITH subject, o
ORDER BY o.year
RETURN subject, collect(o {.*}) AS observations`,
    params: { subjectIds, indicatorId, from, to },
  };
}

export const neighbourEditionsStatement = (): Statement => ({
  text: `MATCH (:Area)-[s:${NEIGHBOUR}]->(:Area)
RETURN DISTINCT s.edition AS edition
ORDER BY edition`,
  params: {},
});

export function statisticalNeighboursStatement(areaIds: readonly string[], edition: string, first: number): Statement {
  return {
    text: `UNWIND $areaIds AS areaId
OPTIONAL MATCH (:Area {id: areaId})-[s:${NEIGHBOUR} {edition: $edition}]->(n:Area)
WHERE s.rank <= $first
WITH areaId, s, n
ORDER BY s.rank
RETURN areaId, collect(CASE WHEN s IS NULL THEN NULL ELSE {areaId: areaId, neighbourId: n.id, edition: s.edition, rank: s.rank, closeness: s.closeness, sourceIds: s.sourceIds} END) AS neighbours`,
    params: { areaIds, edition, first: int(first) },
  };
}

/** Every inspection of the framework (~450 at national scale), its area, and at most yearsBefore observations each, through observation_subject. */
export function inspectionIndicatorWindowsStatement(args: IndicatorWindowArgs): Statement {
  return {
    text: `MATCH (i:Inspection {framework: $framework})-[:OF]->(a:Area)
WHERE i.outcome IS NOT NULL AND coalesce(i.startedOn, i.publishedOn) IS NOT NULL
WITH i, a, toInteger(substring(coalesce(i.startedOn, i.publishedOn), 0, 4)) AS year
OPTIONAL MATCH (o:Observation {subject: a.id, indicator: $indicatorId})
WHERE o.value IS NOT NULL AND o.year >= year - $yearsBefore AND o.year < year
WITH i, a, year, collect(CASE WHEN o IS NULL THEN NULL ELSE [o.year, o.value] END) AS values
RETURN i.id AS inspectionId, a.id AS areaId, i.outcome AS outcome, year, values
ORDER BY inspectionId`,
    params: { framework: args.framework, indicatorId: args.indicatorId, yearsBefore: int(args.yearsBefore) },
  };
}

/**
 * The area's ten neighbours in the edition, each with its inspections and its predecessors'
 * (as outcomeTransitions follows them) and the weakness themes both have, read from HAS_THEME
 * (both frameworks): each side's first finding about a theme is the least first id of its relationships.
 */
export function neighbourComparisonStatement(areaId: string, edition: string): Statement {
  return {
    text: `MATCH (me:Area {id: $areaId})-[s:${NEIGHBOUR} {edition: $edition}]->(n:Area)
WITH me, s, n,
  [(n)<-[:SUCCEEDED_BY*0..${MAX_PREDECESSOR_DEPTH}]-(:Area)<-[:OF]-(i:Inspection) | {id: i.id, framework: i.framework, kind: i.kind, date: coalesce(i.startedOn, i.publishedOn)}] AS inspections
OPTIONAL MATCH (me)-[h:HAS_THEME {polarity: $polarity}]->(t:Theme)<-[g:HAS_THEME {polarity: $polarity}]-(n)
WITH s, n, inspections, t, min(h.findingIds[0]) AS findingId, min(g.findingIds[0]) AS matchId
ORDER BY t.id
WITH s, n, inspections, collect(CASE WHEN t IS NULL THEN NULL ELSE {themeId: t.id, findingId: findingId, matchId: matchId} END) AS shared
RETURN $areaId AS areaId, n.id AS neighbourId, s.edition AS edition, s.rank AS rank, s.closeness AS closeness, s.sourceIds AS sourceIds, inspections, shared
ORDER BY rank`,
    params: { areaId, edition, polarity: 'WEAKNESS' },
  };
}
