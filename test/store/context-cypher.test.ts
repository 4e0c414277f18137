import { lintCypherQuery } from '@neo4j-cypher/language-support';
import { seedBundle } from '../helpers';
import * as cypher from '../../src/store/neo4j/context-cypher';
import type { Statement } from '../../src/store/neo4j/cypher';
import { contextBatches } from '../../src/store/neo4j/context-writer';

/** The context statements (DfE's indicators and neighbours), checked by Neo4j's own parser as neo4j-cypher.test.ts checks the rest. */
const HOSTILE = '"}) MATCH (n) DETACH DELETE n //';

const statements: [string, Statement][] = [
  ['indicators', cypher.indicatorsStatement()],
  ['indicator series', cypher.indicatorSeriesStatement([HOSTILE, 'england'], HOSTILE, 2015, null)],
  ['neighbour editions', cypher.neighbourEditionsStatement()],
  ['statistical neighbours', cypher.statisticalNeighboursStatement([HOSTILE], HOSTILE, 10)],
  ['indicator windows before inspections', cypher.inspectionIndicatorWindowsStatement({ indicatorId: HOSTILE, framework: 'FRAMEWORK_2016', yearsBefore: 2 })],
  ['neighbour comparison', cypher.neighbourComparisonStatement(HOSTILE, HOSTILE)],
  ...[...cypher.CLEAR_CONTEXT, cypher.CREATE_INDICATORS, cypher.CREATE_OBSERVATIONS, cypher.CREATE_NEIGHBOURS, ...cypher.CONTEXT_SCHEMA_STATEMENTS].map(
    (text, i): [string, Statement] => [`seeding ${i}`, { text, params: text.includes('$rows') ? { rows: [] } : {} }],
  ),
];

const diagnostics = (s: Statement) =>
  (lintCypherQuery(s.text, { parameters: Object.fromEntries(Object.keys(s.params).map((k) => [k, 'x'])) } as never) as unknown as { diagnostics: { severity: number; message: string }[] }).diagnostics;

describe('Cypher for indicators and statistical neighbours', () => {
  it.each(statements)('%s parses with no errors or deprecations', (_n, s) => {
    expect(diagnostics(s)).toEqual([]);
  });

  it('carries every value as a parameter, never in the text', () => {
    for (const [, s] of statements) expect(s.text).not.toContain('DETACH DELETE n //');
    expect(cypher.statisticalNeighboursStatement([HOSTILE], '2025', 3).params).toMatchObject({ areaIds: [HOSTILE], edition: '2025' });
  });

  it('writes every value, leaving unknowns out (Neo4j stores no nulls), and each neighbour with its rank', () => {
    const context = seedBundle().context!;
    const batches = contextBatches(context, 1000);
    const rows = (statement: string) => batches.filter((b) => b.statement === statement).flatMap((b) => b.rows) as Record<string, unknown>[];
    expect(rows(cypher.CREATE_INDICATORS)).toHaveLength(context.indicators.length);
    const observations = rows(cypher.CREATE_OBSERVATIONS);
    expect(observations).toHaveLength(context.observations.length);
    const unknown = observations.filter((o) => !('value' in o));
    expect(unknown.length).toBe(context.observations.filter((o) => o.value === null).length);
    expect(unknown.length).toBeGreaterThan(0);
    expect(rows(cypher.CREATE_NEIGHBOURS)[0]).toMatchObject({ from: context.neighbours[0].areaId, props: { edition: context.neighbours[0].edition } });
  });
});
