import fc from 'fast-check';
import { nationalStore } from '../national';
import { startApi, type Api } from './harness';

/**
 * Queries in the search syntax, well and badly formed, on the national synthetic dataset: each is
 * answered, or refused with BAD_USER_INPUT saying at which character; never another error. An
 * answer keeps to its filters, and its pages add up to its total.
 */
const CASES = Number(process.env.FUZZ_SEARCH_CASES ?? 600);
const WORDS = ['annual', 'reviews', 'plans', 'assessment', 'therapy', 'short', 'breaks', 'too', 'slow', 'weak', 'the', 'of', 'OR', 'or', 'AND', 'NOT', 'synthetic', 'area', 'ccg', 'camhs', 'ehc', 'spec', 'revi', 'a'];
const MARKS = ['"', '*', '-', ' ', ' ', '(', ')', ':', '~', '^', '\\', '+', '’', '🙂'];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const text = fc.array(fc.tuple(token, fc.constantFrom('', ' ', ' ')), { minLength: 1, maxLength: 12 }).map((ts) => ts.map(([t, gap]) => t + gap).join(''));
const filters = fc.record({
  polarity: fc.constantFrom(null, 'WEAKNESS', 'STRENGTH'),
  framework: fc.constantFrom(null, 'FRAMEWORK_2016', 'FRAMEWORK_2023'),
  regionId: fc.constantFrom(null, 'london', 'east-midlands', 'nowhere'),
  from: fc.constantFrom(null, '2017', '2020-06'),
  kinds: fc.constantFrom(null, ['FINDING'], ['FINDING', 'INSPECTION', 'ACTION'], ['AREA']),
});

describe(`${CASES} queries in the search syntax on the national synthetic dataset`, () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(await nationalStore());
  });
  afterAll(() => api.server.stop());

  it('answers each, within its filters, or refuses it with BAD_USER_INPUT saying where', async () => {
    let answered = 0, refused = 0;
    await fc.assert(
      fc.asyncProperty(text, filters, async (t, f) => {
        const res = await api.run(
          `query($t: String!, $polarity: Polarity, $framework: InspectionFramework, $regionId: ID, $from: String, $kinds: [NodeKind!]) {
            searchResults(text: $t, polarity: $polarity, framework: $framework, regionId: $regionId, from: $from, kinds: $kinds, first: 20) {
              totalCount pageInfo { hasNextPage }
              nodes { score snippet marks { start end } node { __typename ... on Finding { polarity } } }
            }
          }`,
          { t, ...f },
        );
        if (res.errors) {
          refused++;
          expect(res.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
          const where = /\(at character (\d+)\)/.exec(res.errors[0].message);
          // A text with no letter or digit, or too long, is refused before it is read.
          if (where) expect(Number(where[1])).toBeLessThanOrEqual(t.length);
          else expect(res.errors[0].message).toMatch(/"text" must/);
          return;
        }
        answered++;
        const r = res.data.searchResults;
        expect(r.nodes.length).toBeLessThanOrEqual(Math.min(20, r.totalCount));
        expect(r.pageInfo.hasNextPage).toBe(r.totalCount > r.nodes.length);
        for (const hit of r.nodes) {
          if (f.polarity) expect(hit.node).toEqual({ __typename: 'Finding', polarity: f.polarity });
          if (f.kinds) expect(f.kinds).toContain(hit.node.__typename.toUpperCase());
          if (f.framework || f.regionId || f.from) expect(['Finding', 'Inspection', 'Action']).toContain(hit.node.__typename);
          for (const m of hit.marks) expect(m.end).toBeLessThanOrEqual(hit.snippet.length);
        }
      }),
      { numRuns: CASES, seed: 2026120726 },
    );
    // The generator reaches both.
    expect(answered).toBeGreaterThan(CASES / 5);
    expect(refused).toBeGreaterThan(CASES / 20);
  }, 300_000);
});
