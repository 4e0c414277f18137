import { benchDocuments } from '../../bench/documents';
import { POLARITIES } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/port';
import { FindingSimilarityIndex } from '../../src/store/memory/finding-similarity-index';
import { similarFromClosest } from '../../src/store/similar-to';
import { AREAS_PER_SCALE } from '../../src/synthetic/generate';
import { nationalStore } from '../national';
import { countingStore, startApi } from './harness';

/**
 * Round trips per request on Neo4j, for each benchmark document (bench/documents.ts), through the
 * served path (Apollo, the loaders and their lookahead) on the synthetic national data. The
 * embedded store's data is served as a store whose calls are round trips, as Neo4j's are, and
 * each call is counted; test/store/neo4j-round-trips.test.ts checks on the recording driver that
 * each of these calls sends one Cypher statement (agencyNetwork: one for two levels). A change that adds
 * a round trip to a benchmark document fails here.
 */
const asRemote = (store: GraphStore): GraphStore => new Proxy(store, { get: (t, p, r) => (p === 'callsAreRoundTrips' ? true : Reflect.get(t, p, r)) });

/** Cypher statements Neo4jStore sends for a call, where not one (none now: agencyNetwork at maxDepth 2 is one statement for both levels). */
const EXTRA_STATEMENTS: Record<string, number> = {};

const EXPECTED: Record<string, { calls: string[]; statements: number }> = {
  'area nested': { calls: ['nodeTrees'], statements: 1 },
  sharedWeaknesses: { calls: ['sharedWeaknesses', 'nodes'], statements: 2 },
  similarAreas: { calls: ['similarAreas', 'nodes'], statements: 2 },
  'similarAreas FINDINGS': { calls: ['similarAreas', 'nodes'], statements: 2 },
  similarFindings: { calls: ['similarFindings', 'nodes'], statements: 2 },
  themeCooccurrence: { calls: ['themeCooccurrence', 'nodes'], statements: 2 },
  agencyNetwork: { calls: ['agencyNetwork', 'nodes'], statements: 2 },
  path: { calls: ['path', 'nodes'], statements: 2 },
  search: { calls: ['search', 'nodes'], statements: 2 },
  'search filtered': { calls: ['search', 'nodes'], statements: 2 },
  // The DfE context: the names an argument may take are read first (indicators, editions), to refuse an unknown one.
  indicatorByOutcome: { calls: ['indicators', 'indicatorByOutcome', 'nodes'], statements: 3 },
  neighbourComparison: { calls: ['neighbourEditions', 'neighbourComparison', 'nodes'], statements: 3 },
  // An area's series, its region's and England's: one call each, at the three levels they sit at.
  'area indicator': { calls: ['indicators', 'nodeTrees', 'indicatorSeries', 'indicatorSeries', 'nodes', 'indicatorSeries'], statements: 6 },
};

describe('round trips per benchmark document, through the served path (synthetic national)', () => {
  let memory: Awaited<ReturnType<typeof nationalStore>>;
  beforeAll(async () => {
    memory = await nationalStore();
  }, 120_000);
  afterAll(() => memory.close());

  it.each(benchDocuments(AREAS_PER_SCALE).map((d) => [d.name, d] as const))('%s', async (name, doc) => {
    const store = countingStore(asRemote(memory));
    const api = await startApi(store);
    const res = await api.run(doc.query, doc.variables);
    await api.server.stop();
    expect(res.errors).toBeUndefined();
    const statements = store.calls.reduce((n, call) => n + (EXTRA_STATEMENTS[call] ?? 1), 0);
    expect({ name, calls: store.calls, statements }).toEqual({ name, ...EXPECTED[name] });
  });

  it('has an expectation for every benchmark document', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(benchDocuments(AREAS_PER_SCALE).map((d) => d.name).sort());
  });

  it('answers the similarFindings document from the stored SIMILAR_TO lists, with no exhaustive second statement', () => {
    const doc = benchDocuments(AREAS_PER_SCALE).find((d) => d.name === 'similarFindings')!;
    const findingId = doc.variables.id as string;
    const index = (memory as unknown as { state: { findingSimilarity: FindingSimilarityIndex } }).state.findingSimilarity;
    let rows = null;
    // In finding id order: stops at the document's finding, one of the first.
    for (const r of index.similarToRows()) {
      if (r[0]?.from !== findingId) continue;
      rows = r;
      break;
    }
    expect(rows).not.toBeNull();
    const lists = POLARITIES.map((p) => rows!.filter((r) => r.polarity === p));
    expect(similarFromClosest(lists, { first: 10, framework: null, excludeSameArea: true }, ['area-000'])).toHaveLength(10);
  });
});
