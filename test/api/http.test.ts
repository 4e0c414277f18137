import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededStore, startApi, type Api } from './harness';

let api: Api;
let url: string;
beforeAll(async () => {
  // No explorer page built here: / goes to /graphql (the explorer's own test is below).
  api = await startApi(await seededStore(), {}, { explorerDir: join(tmpdir(), 'send-graph-no-explorer') });
  url = await api.server.listen(0, '127.0.0.1');
});
afterAll(() => api.server.stop());

const base = () => url.replace(/\/graphql$/, '');

describe('over HTTP', () => {
  it('answers a GraphQL POST with a request id and the time it took (Server-Timing)', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ area(id: "staffordshire") { name inspections { outcome } } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('server-timing')).toMatch(/^total;dur=\d+\.\d{3}$/);
    expect(await res.json()).toEqual({ data: { area: { name: 'Staffordshire', inspections: [{ outcome: 'WSOA_REQUIRED' }, { outcome: 'PARTIAL_PROGRESS' }] } } });
  });

  it('reports health with the store and its counts', async () => {
    const res = await fetch(`${base()}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'memory', nodes: { Area: 161, Theme: 24 } });
  });

  it('serves the Sandbox landing page to a browser', async () => {
    const res = await fetch(url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('embeddable-sandbox');
  });

  it('refuses a simple cross-site GET (CSRF prevention)', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ stats { nodeCount } }')}`);
    expect(res.status).toBe(400);
  });

  it('answers a GET query that carries a preflight header, reading the query string', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ area(id: "sandwell") { name } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { area: { name: 'Sandwell' } } });
  });

  it('sends a browser from / to /graphql', async () => {
    const res = await fetch(`${base()}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
  });

  it('with the explorer page built, sends a browser from / to /explorer/ and serves its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-graph-explorer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>explorer</title>');
    const withPage = await startApi(await seededStore(), {}, { explorerDir: dir });
    const at = (await withPage.server.listen(0, '127.0.0.1')).replace(/\/graphql$/, '');
    try {
      expect((await fetch(`${at}/`, { redirect: 'manual' })).headers.get('location')).toBe('/explorer/');
      expect((await fetch(`${at}/explorer`, { redirect: 'manual' })).headers.get('location')).toBe('/explorer/');
      const page = await fetch(`${at}/explorer/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>explorer</title>');
      const missing = await fetch(`${at}/explorer/nothing.js`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { errors: { message: string }[] }).errors[0].message).toContain('/explorer/ is the explorer page');
    } finally {
      await withPage.server.stop();
    }
  });

  it('answers any other path with a JSON 404 that names the API path', async () => {
    for (const [method, path] of [['GET', '/graphq'], ['POST', '/health'], ['DELETE', '/']]) {
      const res = await fetch(`${base()}${path}`, { method });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toContain('/graphql');
    }
  });

  it('refuses a body in a charset other than UTF-8 with a JSON error', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ stats { nodeCount } }"}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over the size limit', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ search(text: "${'a'.repeat(200_000)}") { score } }` }),
    });
    expect(res.status).toBe(413);
  });
});

describe('health when the store cannot answer', () => {
  it('answers 503 with the store name, and recovers when the store does', async () => {
    const store = await seededStore();
    let down = true;
    const flaky = Object.create(store);
    flaky.stats = async () => {
      if (down) throw new Error('connection refused');
      return store.stats();
    };
    const api2 = await startApi(flaky);
    const url2 = (await api2.server.listen(0, '127.0.0.1')).replace(/\/graphql$/, '');
    const res = await fetch(`${url2}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', store: 'memory' });
    down = false;
    expect((await fetch(`${url2}/health`)).status).toBe(200);
    await api2.server.stop();
  });
});

describe('health when the store hangs', () => {
  it('answers 503 rather than hanging', async () => {
    const store = await seededStore();
    const hanging = Object.create(store);
    hanging.stats = () => new Promise(() => undefined);
    const api3 = await startApi(hanging);
    const base3 = (await api3.server.listen(0, '127.0.0.1')).replace(/\/graphql$/, '');
    // Without its own bound the request would hang for as long as the store does.
    const res = await fetch(`${base3}/health`);
    expect(res.status).toBe(503);
    await api3.server.stop();
  });
});
