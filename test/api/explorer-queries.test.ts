import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType, getNullableType, isAbstractType, isCompositeType, isListType, Kind, parse, valueFromASTUntyped,
  type GraphQLCompositeType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { readConfig } from '../../src/config';
import { costEstimator } from '../../src/api/limits';
import { listBoundOf } from '../../src/api/list-bounds';
import { buildSchema } from '../../src/api/schema';
import { seededStore, startApi, type Api } from './harness';

/**
 * The explorer (web/) asks for pages like any client: every list is bounded. Its queries must stay
 * under the default cost limit, and on the project's own data no list in their answers may come
 * back full (a full list may have been cut, and the page would then show less than the graph holds
 * without saying so). Search and similar areas are ranked top-Ns, cut on purpose.
 */

const VIEWS = join(__dirname, '..', '..', 'web', 'src', 'views');
const queries = new Map<string, string>();
for (const file of readdirSync(VIEWS)) {
  for (const m of readFileSync(join(VIEWS, file), 'utf8').matchAll(/export const (\w+_QUERY) = `([^`]*)`/g)) queries.set(m[1], m[2]);
}

/** Each query with the variables of its heaviest use on the seeds. */
const CASES: [string, Record<string, unknown>][] = [
  ['AREA_QUERY', { id: 'bury' }],
  ['AREA_QUERY', { id: 'sandwell' }],
  ['CELL_QUERY', { areaId: 'bury', themeId: 'access-to-health-services', polarity: 'WEAKNESS' }],
  ['HEATMAP_QUERY', { polarity: 'WEAKNESS' }],
  ['HEATMAP_QUERY', { polarity: 'STRENGTH', regionId: 'london' }],
  ['MAP_QUERY', {}],
  ['THEME_QUERY', { themeId: 'access-to-health-services' }],
  ['NETWORK_QUERY', { id: 'sandwell-and-west-birmingham-ccg', depth: 2 }],
  ['SAME_THINGS_QUERY', { id: 'sandwell-2023-07' }],
  ['CONTEXT_QUERY', { id: 'sandwell' }],
  ['CONTEXT_QUERY', { id: 'cumberland' }],
  ['EARLIER_NEIGHBOURS_QUERY', { id: 'cumbria' }],
  ['INDICATOR_MAP_QUERY', { name: 'ehc-20-week-rate', year: 2019 }],
];
const CUT_ON_PURPOSE = new Set(['Query.search', 'Query.similarAreas', 'Query.areas']); // ranked top-N; a connection pages with `after`

/** Paths of lists in the answer as long as the page they were asked for. */
function fullLists(schema: GraphQLSchema, set: SelectionSetNode, type: GraphQLCompositeType, value: Record<string, unknown>, variables: Record<string, unknown>, path: string, out: string[]): void {
  const runtime = isAbstractType(type) ? (schema.getType(value.__typename as string) as GraphQLObjectType) : type;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (!sel.typeCondition || sel.typeCondition.name.value === runtime.name) fullLists(schema, sel.selectionSet, runtime, value, variables, path, out);
      continue;
    }
    if (sel.kind !== Kind.FIELD) continue;
    const field = (runtime as GraphQLObjectType).getFields()[sel.name.value] as GraphQLField<unknown, unknown> | undefined;
    if (!field) continue;
    const key = sel.alias?.value ?? sel.name.value;
    const name = `${runtime.name}.${field.name}`;
    const answer = value[key];
    const items = isListType(getNullableType(field.type)) && Array.isArray(answer) ? answer : answer == null ? [] : [answer];
    const bound = listBoundOf(field);
    if (bound?.kind === 'page' && !CUT_ON_PURPOSE.has(name)) {
      const arg = sel.arguments?.find((a) => a.name.value === 'first');
      const first = arg ? (valueFromASTUntyped(arg.value, variables) as number) : bound.defaultFirst;
      if (items.length >= first) out.push(`${path}${key} (${items.length} items, first ${first})`);
    }
    const named = getNamedType(field.type);
    if (sel.selectionSet && isCompositeType(named)) {
      items.forEach((item, i) => fullLists(schema, sel.selectionSet!, named, item as Record<string, unknown>, variables, `${path}${key}${items.length > 1 ? `[${i}]` : ''}.`, out));
    }
  }
}

describe("the explorer's queries", () => {
  const schema = buildSchema();
  let api: Api;
  beforeAll(async () => {
    api = await startApi(await seededStore());
  });
  afterAll(() => api.server.stop());

  it('are all found and all tried', () => {
    expect([...queries.keys()].sort()).toEqual([...new Set([...CASES.map(([q]) => q), 'SEARCH_QUERY'])].sort());
  });

  it.each([...queries.keys()])('%s costs less than the default cost limit', (name) => {
    const cost = getComplexity({ schema, query: parse(queries.get(name)!), variables: { id: 'x', areaId: 'x', themeId: 'x', text: 'x', polarity: 'WEAKNESS' }, estimators: [costEstimator] });
    expect(cost).toBeLessThanOrEqual(readConfig({}).LIMIT_COST);
  });

  const cutLists = async (query: string, variables: Record<string, unknown>) => {
    const res = await api.run(query, variables);
    expect(res.errors).toBeUndefined();
    const out: string[] = [];
    const op = parse(query).definitions[0];
    if (op.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
    fullLists(schema, op.selectionSet, schema.getQueryType()!, res.data, variables, '', out);
    return out;
  };

  it('(the check finds a list cut short, at its default page size or at first)', async () => {
    expect(await cutLists('query($id: ID!) { agencies(first: 5) { id } area(id: $id) { sources { id } } agency(id: "ofsted") { sources { id } } }', { id: 'sandwell' }))
      .toEqual(['agencies (5 items, first 5)', 'agency.sources (20 items, first 20)']);
  });

  it.each(CASES)('%s %j answers without a list cut short on the seeds', async (name, variables) => {
    expect(await cutLists(queries.get(name)!, variables)).toEqual([]);
  });
});
