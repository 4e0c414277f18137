import type { GraphStore } from '../../src/store/port';
import { seededStore, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi(await seededStore());
});
afterAll(() => api.server.stop());

async function refusal(query: string, a: Api = api) {
  const res = await a.run(query);
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  return res.errors![0];
}

describe('request limits refuse abusive queries, saying which limit', () => {
  it('depth', async () => {
    const deep = '{ area(id: "sandwell") { inspections { findings { themes { findings { themes { findings { themes { findings { themes { id } } } } } } } } } } }';
    const err = await refusal(deep);
    expect(err.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 10 });
    expect(err.message).toMatch(/deeper than the limit of 10 levels/);
  });

  it('aliases', async () => {
    const many = `{ stats { ${Array.from({ length: 16 }, (_, i) => `a${i}: nodeCount`).join(' ')} } }`;
    expect((await refusal(many)).extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', max: 15 });
  });

  it('root fields, counted through fragments', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `a${i}: theme(id: "short-breaks") { id }`);
    const a = await startApi(await seededStore(), { LIMIT_ALIASES: '50' });
    const err = await refusal(`query { ...F } fragment F on Query { ${fields.join(' ')} }`, a);
    expect(err.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'rootFields', max: 10 });
    await a.server.stop();
  });

  it('cost: each list costs its first (or the default the schema states for it) times its items', async () => {
    const err = await refusal('{ areas(first: 100) { nodes { inspections { findings { themes { findings { id } } } } } } }');
    expect(err.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: 100000 });
    expect(err.message).toMatch(/estimated cost is \d+; the limit is 100000/);
    // 20 areas x 10 inspections x 50 findings x 5 themes (the defaults of Area.inspections, Inspection.findings, Finding.themes)
    const ok = await api.run('{ areas(first: 20) { nodes { inspections { findings { themes { id } } } } } }');
    expect(ok.errors).toBeUndefined();
  });

  it('cost counts variables, for each request of the same query text', async () => {
    const query = 'query($n: Int) { areas(first: $n) { nodes { inspections { findings { themes { id } } } } } }';
    expect((await api.run(query, { n: 1 })).errors).toBeUndefined();
    expect((await api.run(query, { n: 100 })).errors![0].extensions).toMatchObject({ limit: 'cost' });
    expect((await api.run(query, { n: 1 })).errors).toBeUndefined();
    expect((await api.run(query, { n: 100 })).errors![0].extensions).toMatchObject({ limit: 'cost' });
  });

  it('time: past the deadline no further store call starts', async () => {
    const store = await seededStore();
    const slow: GraphStore = Object.create(store);
    slow.traverse = async (ids, steps) => {
      await new Promise((r) => setTimeout(r, 150));
      return store.traverse(ids, steps);
    };
    const a = await startApi(slow, { REQUEST_TIMEOUT_MS: '100' });
    const res = await a.run('{ area(id: "sandwell") { inspections { findings { id } } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'timeout', max: 100 });
    await a.server.stop();
  });
});

type ErrorBody = { errors: { message: string; extensions: { code: string } }[] };

describe('over HTTP', () => {
  let url: string;
  let a: Api;
  beforeAll(async () => {
    a = await startApi(await seededStore(), { CORS_ORIGINS: 'https://research.example', INTROSPECTION: 'false', LANDING_PAGE: 'false', LIMIT_BODY_BYTES: '2000' });
    url = await a.server.listen(0, '127.0.0.1');
  });
  afterAll(() => a.server.stop());
  const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers an oversized body with a JSON error naming the limit', async () => {
    const res = await post(JSON.stringify({ query: `{ search(text: "${'a'.repeat(3000)}") { score } }` }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: 2000 } })] });
  });

  it('answers a body that is not JSON with a JSON error', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://research.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://research.example');
    const other = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can switch introspection and the landing page off', async () => {
    const res = await post(JSON.stringify({ query: '{ __schema { types { name } } }' }));
    expect(((await res.json()) as ErrorBody).errors[0].message).toMatch(/introspection is not allowed/i);
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('embeddable-sandbox');
  });

  it('ignores a request id that is not a plain token', async () => {
    const res = await post(JSON.stringify({ query: '{ stats { nodeCount } }' }), { 'x-request-id': 'bad id <script>' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
