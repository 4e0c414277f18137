import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { createRequestContext } from '../../src/api/context';
import { costEstimator } from '../../src/api/limits';
import { enforceListBounds, listFields } from '../../src/api/list-bounds';
import { buildSchema, readTypeDefs } from '../../src/api/schema';
import { LABELS } from '../../src/domain/model';
import { seededStore, silentLogger, startApi, type Api } from './harness';

const DIRECTIVE = readTypeDefs().find((t) => t.includes('directive @listSize'))!.match(/directive @listSize[^\n]*/)![0];
const sdlSchema = (extra: string) => makeExecutableSchema({ typeDefs: [DIRECTIVE, extra] });

describe('every list field of the schema is bounded (@listSize)', () => {
  // Walks the executable schema: a list field added on any branch without a bound fails here when merged.
  const fields = listFields(buildSchema());

  it('finds the list fields it walks', () => {
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Query.sharedWeaknesses', 'WeaknessPattern.findings', 'Area.findings', 'Node.sources', 'Path.nodes']));
    expect(fields.length).toBeGreaterThan(50);
  });

  it.each(fields.map((f) => [f.name, f] as const))('%s declares a page (first with a default, max) or a fixed size', (_, f) => {
    expect(f.bound).not.toBeNull();
    if (f.bound!.kind === 'page') {
      expect(f.bound!.defaultFirst).toBeGreaterThan(0);
      expect(f.bound!.defaultFirst).toBeLessThanOrEqual(f.bound!.max);
    }
  });

  it('a fixed size holds for what the schema bounds it by', () => {
    const fixed = Object.fromEntries(fields.filter((f) => f.bound?.kind === 'fixed').map((f) => [f.name, f.bound!.max]));
    expect(fixed).toMatchObject({ 'WeaknessPattern.themes': 5, 'ThemePair.themes': 2, 'Path.nodes': 13, 'Path.relationships': 12 });
    expect(fixed['GraphStats.nodes']).toBeGreaterThanOrEqual(LABELS.length);
  });

  it('says each bound in the field\'s description, which introspection carries', () => {
    const schema = buildSchema();
    const area = schema.getType('Area') as import('graphql').GraphQLObjectType;
    expect(area.getFields().findings.description).toBe('Findings of the area\'s inspections.\n\nAt most `first` items (default 50, at most 100).');
    const inspection = schema.getType('Inspection') as import('graphql').GraphQLObjectType;
    expect(inspection.getFields().followedBy.description).toBe('At most `first` items (default 10, at most 100).');
    const path = schema.getType('Path') as import('graphql').GraphQLObjectType;
    expect(path.getFields().nodes.description).toBe('At most 13 items.');
  });

  it('refuses to build a schema with an unbounded list field, naming it', () => {
    expect(() => enforceListBounds(sdlSchema('type Query { a: Int, areas: [String!]! }'))).toThrow(/list fields without @listSize .*: Query\.areas/);
  });

  it('refuses a connection without a default page size', () => {
    const connection = 'type Page { nodes: [String!]! @listSize(fixed: 100) } ';
    expect(() => enforceListBounds(sdlSchema(`${connection} type Query { page: Page }`))).not.toThrow();
    expect(() => enforceListBounds(sdlSchema(`type PageConnection { nodes: [String!]! @listSize(fixed: 100) } type Query { page(first: Int): PageConnection }`))).toThrow(/Query\.page \(a connection/);
    expect(() => enforceListBounds(sdlSchema(`type PageConnection { nodes: [String!]! @listSize(fixed: 100) } type Query { page(first: Int = 10): PageConnection }`))).not.toThrow();
  });

  it('refuses a malformed bound', () => {
    expect(() => enforceListBounds(sdlSchema('type Query { areas: [String!]! @listSize(max: 10) }'))).toThrow(/takes "first: Int = <default page size>"/);
    expect(() => enforceListBounds(sdlSchema('type Query { areas(first: Int = 20): [String!]! @listSize(max: 10) }'))).toThrow(/default first \(20\) is over/);
    expect(() => enforceListBounds(sdlSchema('type Query { areas(first: Int = 2): [String!]! @listSize(max: 10, fixed: 3) }'))).toThrow(/exactly one of max or fixed/);
  });
});

describe('the cost estimate reads each list\'s bound from the schema', () => {
  const schema = buildSchema();
  const cost = (query: string) => getComplexity({ schema, query: parse(query), variables: {}, estimators: [costEstimator] });

  it('a list without first costs its stated default', () => {
    // area 1 + findings (1 + 50 x id 1)
    expect(cost('{ area(id: "x") { findings { id } } }')).toBe(1 + 1 + 50);
    expect(cost('{ area(id: "x") { findings(first: 3) { id } } }')).toBe(1 + 1 + 3);
    // sharedWeaknesses 20 patterns x (support 1 + areas (1 + 20 x 1) + findings (1 + 20 x 1))
    expect(cost('{ sharedWeaknesses { support areas { id } findings { id } } }')).toBe(1 + 20 * (1 + 21 + 21));
    // themeCooccurrence 20 pairs x (count 1 + themes (1 + 2 x 1) + areas (1 + 10 x 1)); outcomeTransitions 100 cells x (count 1 + areas (1 + 200 x 1))
    expect(cost('{ themeCooccurrence { count themes { id } areas { id } } }')).toBe(1 + 20 * (1 + 3 + 11));
    expect(cost('{ outcomeTransitions { count areas { id } } }')).toBe(1 + 100 * (1 + 201));
    // a connection's nodes are counted once, through its first: inspections 50 x (nodes 1 + id 1 + findings (1 + 50 x 1))
    expect(cost('{ inspections { nodes { id findings { id } } } }')).toBe(1 + 50 * (1 + 1 + 51));
  });

  it('a fixed list costs its fixed size', () => {
    expect(cost('{ path(fromId: "a", toId: "b") { nodes { id } } }')).toBe(1 + 1 + 13);
  });

  it('a first over the maximum is counted at the maximum; the field then refuses it', () => {
    expect(cost('{ area(id: "x") { findings(first: 1000000) { id } } }')).toBe(1 + 1 + 100);
  });
});

describe('list fields answer at most first items', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(await seededStore());
  });
  afterAll(() => api.server.stop());

  it('cuts a list to first, in its order', async () => {
    const all = await api.run('{ area(id: "sandwell") { findings { id } sources { id } } }');
    expect(all.data.area.findings.length).toBeGreaterThan(2);
    const two = await api.run('{ area(id: "sandwell") { findings(first: 2) { id } sources(first: 1) { id } } }');
    expect(two.data.area.findings).toEqual(all.data.area.findings.slice(0, 2));
    expect(two.data.area.sources).toEqual(all.data.area.sources.slice(0, 1));
  });

  it('cuts the outcome, similarity and co-occurrence lists and an area\'s inspections and successions too', async () => {
    const q = (first: string) => `{
      outcomeTransitions${first ? '(first: 2)' : ''} { count areas${first} { id } }
      themeCooccurrence(minAreas: 3${first ? ', first: 2' : ''}) { count areas${first} { id } }
      similarFindings(findingId: "hertfordshire-2023-07-weakness-15"${first ? ', first: 2' : ''}) { finding { id } sharedTerms${first} }
      similarAreas(areaId: "hertfordshire", method: FINDINGS${first ? ', first: 2' : ''}) { area { id } evidence${first} { finding { id } } }
      area(id: "northamptonshire") { inspections${first} { id } succeededBy${first} { area { id } } }
      finding(id: "hertfordshire-2023-07-weakness-15") { themeAssignments${first} { theme { id } } }
    }`;
    const all = await api.run(q(''));
    const cut = await api.run(q('(first: 1)'));
    expect(all.errors).toBeUndefined();
    expect(cut.errors).toBeUndefined();
    const a = all.data;
    const c = cut.data;
    expect(a.outcomeTransitions.length).toBeGreaterThan(2);
    expect(c.outcomeTransitions).toEqual(a.outcomeTransitions.slice(0, 2).map((t: { count: number; areas: unknown[] }) => ({ count: t.count, areas: t.areas.slice(0, 1) })));
    expect(a.outcomeTransitions[0].areas.length).toBeGreaterThan(1);
    expect(c.themeCooccurrence).toEqual(a.themeCooccurrence.slice(0, 2).map((p: { count: number; areas: unknown[] }) => ({ count: p.count, areas: p.areas.slice(0, 1) })));
    expect(c.similarFindings).toEqual(a.similarFindings.slice(0, 2).map((f: { finding: unknown; sharedTerms: string[] }) => ({ finding: f.finding, sharedTerms: f.sharedTerms.slice(0, 1) })));
    expect(c.similarAreas).toEqual(a.similarAreas.slice(0, 2).map((s: { area: unknown; evidence: unknown[] }) => ({ area: s.area, evidence: s.evidence.slice(0, 1) })));
    expect(a.area.succeededBy).toHaveLength(2); // North and West Northamptonshire
    expect(c.area).toEqual({ inspections: a.area.inspections.slice(0, 1), succeededBy: a.area.succeededBy.slice(0, 1) });
    expect(c.finding.themeAssignments).toEqual(a.finding.themeAssignments.slice(0, 1));
  });

  it('the default page applies when first is not given, and to root lists', async () => {
    const regions = await api.run('{ regions(first: 3) { id } all: regions { id } }');
    expect(regions.data.regions.map((r: { id: string }) => r.id)).toEqual(regions.data.all.slice(0, 3).map((r: { id: string }) => r.id));
    expect(regions.data.all).toHaveLength(9);
  });

  it('refuses a first over the field\'s maximum, saying what it may be', async () => {
    const res = await api.run('{ agencies(first: 1001) { id } }');
    expect(res.errors![0]).toMatchObject({ message: '"first" must be a whole number from 0 to 1000; got 1001.', extensions: { code: 'BAD_USER_INPUT' } });
    const nested = await api.run('{ area(id: "sandwell") { findings(first: 101) { id } } }');
    expect(nested.errors![0]).toMatchObject({ message: '"first" must be a whole number from 0 to 100; got 101.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('the answer is bounded while it is built', () => {
  it('stops a request whose answer grows past its item budget, whatever the estimate said', async () => {
    const store = await seededStore();
    const schema = buildSchema();
    const run = (budget: number) =>
      execute({ schema, document: parse('{ regions { id areas { id } } }'), contextValue: createRequestContext(store, silentLogger, 10_000, budget) });
    const ok = await run(1000);
    expect(ok.errors).toBeUndefined();
    const regions = ok.data!.regions as { areas: unknown[] }[];
    const items = regions.length + regions.reduce((n, r) => n + r.areas.length, 0);
    expect(items).toBeGreaterThan(100); // 9 regions and their 153 areas
    const refused = await run(100);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: 100 });
  });
});

