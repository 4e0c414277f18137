import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seededStore, startApi, type Api } from './harness';

const readme = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let api: Api;
beforeAll(async () => {
  api = await startApi(await seededStore());
});
afterAll(() => api.server.stop());

describe('the README examples', () => {
  it('are all there: the six example queries and the search section\'s', () => {
    expect(examples).toHaveLength(7);
  });

  it.each(examples.map((q, i) => [i + 1, q]))('example %i answers without errors and with content', async (_n, query) => {
    const res = await api.run(query as string);
    expect(res.errors).toBeUndefined();
    for (const value of Object.values(res.data)) {
      expect(value).not.toBeNull();
      if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
    }
  });
});
