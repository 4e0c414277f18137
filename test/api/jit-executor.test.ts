import fc from 'fast-check';
import { execute, getIntrospectionQuery, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createRequestContext } from '../../src/api/context';
import { JitExecutor } from '../../src/api/jit-executor';
import { buildSchema } from '../../src/api/schema';
import type { MemoryStore } from '../../src/store/memory/memory-store';
import type { GraphStore } from '../../src/store/port';
import { generatedDocuments } from './generated-documents';
import { seededStore, silentLogger, startApi } from './harness';

const CASES = Number(process.env.JIT_CASES ?? 1_000);
const schema = buildSchema();

/** What a client can see of an answer: the data, and each error's message, path and code. */
const visible = (r: ExecutionResult) => ({
  data: r.data,
  errors: r.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
});

type Visible = ReturnType<typeof visible>;
const errorKey = (e: NonNullable<Visible['errors']>[number]) => JSON.stringify(e);

/** Whether the answer holds null somewhere on the way to `path` (a failing non-null field nulled its parent there). */
function nulledOnTheWay(data: unknown, path: readonly (string | number)[] | undefined): boolean {
  let at: unknown = data;
  for (const step of path ?? []) {
    if (at === null || at === undefined) return true;
    at = (at as Record<string | number, unknown>)[step];
  }
  return at === null || at === undefined;
}

/**
 * The same data and the same errors, except that where a failing non-null field nulled its
 * parent, the compiled operation may also report other failures under that parent, which
 * graphql-js stops before reaching.
 */
function expectSameAnswer(actual: Visible, expected: Visible): void {
  expect(actual.data).toEqual(expected.data);
  const got = new Set((actual.errors ?? []).map(errorKey));
  for (const e of expected.errors ?? []) expect(got).toContain(errorKey(e));
  const known = new Set((expected.errors ?? []).map(errorKey));
  for (const e of actual.errors ?? []) if (!known.has(errorKey(e))) expect(nulledOnTheWay(actual.data, e.path?.slice(0, -1))).toBe(true);
}

/** The generated documents that reach execution: Apollo refuses the others before it. */
const validDocuments = generatedDocuments
  .map((query): DocumentNode | null => {
    try {
      const document = parse(query);
      return validate(schema, document).length ? null : document;
    } catch {
      return null;
    }
  })
  .filter((d): d is DocumentNode => d !== null);

let store: MemoryStore;
beforeAll(async () => {
  store = await seededStore();
});

const context = () => createRequestContext(store, silentLogger, 10_000);

describe('compiled operations (graphql-jit) answer as graphql-js does', () => {
  it(`for ${CASES} valid generated documents: the same data and the same errors`, async () => {
    const jit = new JitExecutor(schema, 1);
    let compiled = 0;
    let withErrors = 0;
    await fc.assert(
      fc.asyncProperty(validDocuments, async (document) => {
        if (isCompiledQuery(compileQuery(schema, document))) compiled++;
        const expected = visible(await execute({ schema, document, contextValue: context() }));
        const actual = visible(await jit.execute(document, undefined, context(), undefined));
        expectSameAnswer(actual, expected);
        if (expected.errors) withErrors++;
      }),
      { numRuns: CASES, seed: 20261123 },
    );
    // The comparison covered compiled operations, answers and refusals alike.
    expect(compiled).toBeGreaterThan(CASES * 0.9);
    expect(withErrors).toBeGreaterThan(CASES * 0.02);
  }, 300_000);

  it(`for ${Math.ceil(CASES / 4)} valid generated documents, with nested lists fetched together (a store whose calls are round trips): the same answers`, async () => {
    const jit = new JitExecutor(schema, 1);
    let trees = 0;
    const remote: GraphStore = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'callsAreRoundTrips') return true;
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'traverseTree' && prop !== 'nodeTrees') return value;
        return (...args: unknown[]) => (trees++, value.apply(target, args));
      },
    });
    await fc.assert(
      fc.asyncProperty(validDocuments, async (document) => {
        const expected = visible(await execute({ schema, document, contextValue: context() }));
        const ctx = createRequestContext(remote, silentLogger, 10_000);
        expectSameAnswer(visible(await jit.execute(document, undefined, ctx, undefined)), expected);
      }),
      { numRuns: Math.ceil(CASES / 4), seed: 20261130 },
    );
    expect(trees).toBeGreaterThan(0);
  }, 300_000);

  it('with variables, and when the variables do not fit', async () => {
    const jit = new JitExecutor(schema, 1);
    const document = parse('query($id: ID!, $first: Int) { area(id: $id) { name findings(polarity: WEAKNESS) { id } } similarAreas(areaId: $id, first: $first) { area { id } score } }');
    for (const variables of [{ id: 'sandwell', first: 3 }, { id: 'wolverhampton' }, { id: 'sandwell', first: 1000 }, { first: 2 }, { id: 'sandwell', first: 'many' }]) {
      const expected = visible(await execute({ schema, document, contextValue: context(), variableValues: variables }));
      expect(visible(await jit.execute(document, undefined, context(), variables))).toEqual(expected); // word for word, errors included
    }
  });

  it('answers the same before an operation is compiled (first run, graphql-js) and after (second run)', async () => {
    const jit = new JitExecutor(schema, 2);
    const document = parse('{ area(id: "sandwell") { name inspections { outcome } } }');
    const first = await jit.execute(document, undefined, context(), undefined);
    const second = await jit.execute(document, undefined, context(), undefined);
    expect(second).toEqual(first);
    expect(first.data).toEqual({
      area: { name: 'Sandwell', inspections: [{ outcome: 'WSOA_REQUIRED' }, { outcome: 'SUFFICIENT_PROGRESS' }, { outcome: 'INCONSISTENT' }] },
    });
  });
});

describe('through Apollo', () => {
  it('gives the same answer the second time a query is asked, when it runs compiled', async () => {
    const api = await startApi(store);
    const query = '{ sharedWeaknesses(minAreas: 2, maxThemes: 2, first: 3) { support themes { id } areas(first: 2) { id name } } }';
    const first = await api.run(query);
    expect(first.errors).toBeUndefined();
    expect(await api.run(query)).toEqual(first);
    expect(await api.run(query)).toEqual(first);
    await api.server.stop();
  });

  it('over HTTP, answers variables that do not fit with the same status and body once compiled', async () => {
    const api = await startApi(store);
    const url = await api.server.listen(0, '127.0.0.1');
    const body = JSON.stringify({ query: 'query($first: Int) { similarAreas(areaId: "sandwell", first: $first) { score } }', variables: { first: 'many' } });
    const ask = async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, body: (await res.json()) as { errors: { extensions: { code: string } }[] } };
    };
    const first = await ask();
    expect(first.status).toBe(400);
    expect(first.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await ask()).toEqual(first);
    expect(await ask()).toEqual(first);
    await api.server.stop();
  });

  it('answers introspection (as the Sandbox asks it, again and again) the same compiled', async () => {
    const api = await startApi(store);
    const query = getIntrospectionQuery();
    const first = await api.run(query);
    expect(first.errors).toBeUndefined();
    expect(first.data.__schema.types.map((t: { name: string }) => t.name)).toContain('WeaknessPattern');
    expect(await api.run(query)).toEqual(first);
    await api.server.stop();
  });
});
