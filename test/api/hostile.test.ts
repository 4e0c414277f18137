import type { MemoryStore } from '../../src/store/memory/memory-store';
import { nationalStore } from '../national';
import { seededStore, startApi, type Api } from './harness';

/** Strings that break naive Cypher, Lucene, JSON or shell handling. Each is answered or refused cleanly, and changes nothing. */
const HOSTILE = [
  "' OR 1=1 --",
  '"})-[r]-() DELETE r //',
  '"}) MATCH (n) DETACH DELETE n //',
  '*',
  '~',
  'AND',
  'OR NOT',
  '(unbalanced',
  'unbalanced)',
  '\\',
  '\\"',
  'title:*',
  'a'.repeat(10_000),
  'Sandwell’s children — “EHC” plans ñ 測試 🙂',
  '\u0000\u0007',
  '$id',
];

const DATASETS: [string, () => Promise<MemoryStore>][] = [
  ['the seed graph', seededStore],
  // Where heavy answers exist: a hostile string that matched broadly would show here.
  ['the national synthetic dataset', nationalStore],
];

describe.each(DATASETS)('on %s', (_dataset, open) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(await open());
  });
  afterAll(() => api.server.stop());

  const CLEAN_CODES = new Set(['BAD_USER_INPUT']);

  describe.each(HOSTILE.map((s) => [JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…(${s.length})` : s), s]))('hostile string %s', (_label, text) => {
    it('as ids, filters and search text: answered or refused cleanly', async () => {
      const res = await api.run(
        `query($id: ID!) {
          area(id: $id) { id } node(id: $id) { id } agency(id: $id) { id }
          areas(regionId: $id, themeId: $id) { totalCount }
          similarAreas(areaId: $id) { score }
          agencyNetwork(agencyId: $id) { center { id } }
          path(fromId: $id, toId: "sandwell") { length }
          byFindings: similarAreas(areaId: $id, method: FINDINGS) { score }
          similarFindings(findingId: $id) { score }
          inspections(regionId: $id) { totalCount }
        }`,
        { id: text },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        area: null, node: null, agency: null, areas: { totalCount: 0 }, similarAreas: [], agencyNetwork: null, path: null,
        byFindings: [], similarFindings: [], inspections: { totalCount: 0 },
      });

      const dated = await api.run('query($d: String!) { inspections(from: $d) { totalCount } }', { d: text });
      expect(dated.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(dated.errors![0].message).toMatch(/"from" must be a date written YYYY, YYYY-MM or YYYY-MM-DD/);

      const search = await api.run('query($s: String!) { search(text: $s, first: 5) { node { id } snippet } }', { s: text });
      for (const err of search.errors ?? []) expect(CLEAN_CODES.has(err.extensions.code)).toBe(true);
      if (!search.errors) expect(Array.isArray(search.data.search)).toBe(true);
    });
  });

  describe('after every hostile string', () => {
    it('the graph is unchanged', async () => {
      const before = (await api.run('{ stats { nodeCount relationshipCount } }')).data.stats;
      for (const text of HOSTILE) await api.run('query($s: String!) { search(text: $s) { score } node(id: $s) { id } }', { s: text });
      expect((await api.run('{ stats { nodeCount relationshipCount } }')).data.stats).toEqual(before);
    });

  });
});

describe('on the seed graph', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(await seededStore());
  });
  afterAll(() => api.server.stop());

  it('non-ASCII text is searchable', async () => {
    const res = await api.run('{ search(text: "Sandwell’s CCG") { node { id } } }');
    expect(res.data.search.map((h: { node: { id: string } }) => h.node.id)).toContain('sandwell-and-west-birmingham-ccg');
  });
});
