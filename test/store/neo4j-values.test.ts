import neo4j from 'neo4j-driver';
import { relationshipRows } from '../../src/domain/model';
import { isTimedOut, isUnavailable } from '../../src/store/neo4j/neo4j-store';
import { nodeToRow, relFromParts, relToProperties, rowToProperties, toPlain } from '../../src/store/neo4j/values';
import { seedBundle } from '../helpers';

const node = (labels: string[], props: Record<string, unknown>) => new neo4j.types.Node(neo4j.int(1), labels, props, 'element-1');

describe('Neo4j values as plain JSON', () => {
  it('turns integers into numbers and refuses ones that do not fit', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain({ a: [neo4j.int(1), neo4j.int(2)] })).toEqual({ a: [1, 2] });
    expect(() => toPlain(neo4j.int('9007199254740993'))).toThrow(RangeError);
  });

  it('turns temporal values into ISO strings', () => {
    expect(toPlain(new neo4j.types.Date(2017, 1, 15))).toBe('2017-01-15');
    expect(toPlain(new neo4j.types.DateTime(2022, 7, 1, 0, 0, 0, 0, 0))).toBe('2022-07-01T00:00:00Z');
  });

  it('reads every seeded node back as exactly the row written', () => {
    for (const row of seedBundle().nodes) {
      const props = Object.fromEntries(Object.entries(rowToProperties(row)).filter(([, v]) => v !== null));
      expect(nodeToRow(node([row.label, 'Entity'], props))).toEqual(row);
    }
  });

  it('reads every seeded relationship back as the one written', () => {
    for (const rel of relationshipRows(seedBundle())) {
      const props = Object.fromEntries(Object.entries(relToProperties(rel)).filter(([, v]) => v !== null));
      expect(relFromParts(rel.type, rel.from, rel.to, props)).toEqual({ ...rel, ...(rel.type === 'SUCCEEDED_BY' ? { on: rel.on ?? null, onCertainty: rel.onCertainty ?? null } : {}) });
    }
  });

  it('refuses a node of none of the graph\'s labels', () => {
    expect(() => nodeToRow(node(['Movie'], { id: 'matrix' }))).toThrow(/none of this graph's labels/);
  });

  it('tells an outage from a bad query', () => {
    expect(isUnavailable({ code: 'ServiceUnavailable' })).toBe(true);
    expect(isUnavailable({ code: 'SessionExpired' })).toBe(true);
    expect(isUnavailable({ code: 'Neo.TransientError.General.DatabaseUnavailable' })).toBe(true);
    expect(isUnavailable({ code: 'Neo.ClientError.Statement.SyntaxError' })).toBe(false);
  });

  it('tells a transaction stopped at its timeout (the request\'s deadline) on Neo4j 4.4 and 5', () => {
    expect(isTimedOut({ code: 'Neo.ClientError.Transaction.TransactionTimedOut' })).toBe(true);
    expect(isTimedOut({ code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' })).toBe(true);
    expect(isTimedOut({ code: 'Neo.ClientError.Statement.SyntaxError' })).toBe(false);
    expect(isTimedOut(new Error('no code'))).toBe(false);
  });
});
