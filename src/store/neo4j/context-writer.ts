import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { ContextData } from '../../domain/context';
import { CLEAR_CONTEXT, CREATE_INDICATORS, CREATE_NEIGHBOURS, CREATE_OBSERVATIONS } from './context-cypher';

/** Neo4j stores no nulls: an unknown is an absent property, read back as null. */
const props = (row: object) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

/** The context rows as Neo4j writes them, by batch: what seeding sends, and what the tests check. */
export function contextBatches(context: ContextData, size: number): { statement: string; rows: unknown[] }[] {
  const batches = <T>(statement: string, rows: T[], map: (r: T) => unknown) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, b) => ({ statement, rows: rows.slice(b * size, (b + 1) * size).map(map) }));
  return [
    ...batches(CREATE_INDICATORS, context.indicators, (i) => props({ ...i, firstYear: i.firstYear === null ? null : neo4j.int(i.firstYear), lastYear: i.lastYear === null ? null : neo4j.int(i.lastYear) })),
    ...batches(CREATE_OBSERVATIONS, context.observations, (o) =>
      props({ indicator: o.indicatorId, subject: o.subjectId, year: neo4j.int(o.year), value: o.value, numerator: o.numerator, denominator: o.denominator, sourceIds: o.sourceIds })),
    ...batches(CREATE_NEIGHBOURS, context.neighbours, (n) => ({
      from: n.areaId, to: n.neighbourId, props: { edition: n.edition, rank: neo4j.int(n.rank), closeness: n.closeness, sourceIds: n.sourceIds },
    })),
  ];
}

/** Replaces the indicators, observations and neighbours with the bundle's, inside the seeding transaction. */
export async function writeContext(tx: ManagedTransaction, context: ContextData, size: number, progress: (step: string) => void): Promise<void> {
  for (const statement of CLEAR_CONTEXT) await tx.run(statement);
  for (const b of contextBatches(context, size)) await tx.run(b.statement, { rows: b.rows });
  progress(`${context.indicators.length} indicators, ${context.observations.length} values, ${context.neighbours.length} statistical neighbours`);
}
