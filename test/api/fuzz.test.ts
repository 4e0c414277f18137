import fc from 'fast-check';
import type { GraphStore } from '../../src/store/port';
import { NATIONAL_IDS, nationalStore } from '../national';
import { documentsOver, generatedDocuments } from './generated-documents';
import { seededStore, startApi } from './harness';

/**
 * Whatever comes in, the API must answer: no crash, no internal error, no stack trace, and
 * nothing over the limits; on the seed graph, and on the national synthetic dataset, where
 * heavy answers exist (there with every argument's maximum drawn often).
 */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const NATIONAL_CASES = Number(process.env.FUZZ_NATIONAL_CASES ?? 1000);
const ALLOWED_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'QUERY_LIMIT_EXCEEDED']);
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
/** The deadline stops a request at its next check; past the timeout by more than this, the check is missing somewhere. */
const DEADLINE_SLACK_MS = 5_000;

async function fuzz(store: GraphStore, documents: fc.Arbitrary<string>, numRuns: number, seed: number) {
  const api = await startApi(store, { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
  const codes = new Map<string, number>();
  let slowest = { ms: 0, query: '' };
  let largest = 0;
  try {
    await fc.assert(
      fc.asyncProperty(documents, async (query) => {
        const started = performance.now();
        const res = await api.run(query);
        const ms = performance.now() - started;
        if (ms > slowest.ms) slowest = { ms, query };
        expect(ms).toBeLessThan(TIMEOUT_MS + DEADLINE_SLACK_MS);
        const json = JSON.stringify(res);
        largest = Math.max(largest, json.length);
        expect(json.length).toBeLessThan(MAX_RESPONSE_BYTES);
        // A stack frame names a file with a line and column; the inspectors' words may say "at home (...)".
        expect(json).not.toMatch(/stacktrace|\bat \S+ \([^()]*:\d+:\d+\)|node_modules/);
        for (const err of res.errors ?? []) {
          const code = String(err.extensions?.code);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (!ALLOWED_CODES.has(code)) throw new Error(`unexpected ${code}: ${err.message}\nfor ${query}`);
        }
      }),
      { numRuns, seed },
    );
  } finally {
    await api.server.stop();
  }
  return { codes, slowest, largest };
}

describe(`fuzzing the API with ${CASES} generated documents on the seed graph`, () => {
  it('answers every one: no crash, no internal error, no stack trace, nothing over the limits', async () => {
    const { codes } = await fuzz(await seededStore(), generatedDocuments, CASES, 20261122);
    // The generator reaches every kind of refusal as well as plain answers.
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']));
  }, 300_000);
});

describe(`fuzzing the API with ${NATIONAL_CASES} generated documents on the national synthetic dataset`, () => {
  it('answers every one within the time limit, bounded, or refuses it with a limit', async () => {
    const { codes, slowest, largest } = await fuzz(await nationalStore(), documentsOver({ knownIds: NATIONAL_IDS, maxima: true }), NATIONAL_CASES, 20261130);
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED']));
    console.log(`national fuzz: slowest ${Math.round(slowest.ms)} ms, largest answer ${Math.round(largest / 1024)} KB; refusals ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 300_000);
});
