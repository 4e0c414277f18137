import fc from 'fast-check';
import { generatedDocuments } from './generated-documents';
import { seededStore, startApi, type Api } from './harness';

/**
 * Whatever comes in, the API must answer: no crash, no internal error, no stack trace, and
 * nothing over the limits.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const ALLOWED_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'QUERY_LIMIT_EXCEEDED']);
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

let api: Api;
beforeAll(async () => {
  api = await startApi(await seededStore());
});
afterAll(() => api.server.stop());

describe(`fuzzing the API with ${CASES} generated documents`, () => {
  it('answers every one: no crash, no internal error, no stack trace, nothing over the limits', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(generatedDocuments, async (query) => {
        const res = await api.run(query);
        const json = JSON.stringify(res);
        expect(json.length).toBeLessThan(MAX_RESPONSE_BYTES);
        // A stack frame names a file with a line and column; the inspectors' words may say "at home (...)".
        expect(json).not.toMatch(/stacktrace|\bat \S+ \([^()]*:\d+:\d+\)|node_modules/);
        for (const err of res.errors ?? []) {
          const code = String(err.extensions?.code);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (!ALLOWED_CODES.has(code)) throw new Error(`unexpected ${code}: ${err.message}\nfor ${query}`);
        }
      }),
      { numRuns: CASES, seed: 20261122 },
    );
    // The generator reaches every kind of refusal as well as plain answers.
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']));
  }, 300_000);
});
