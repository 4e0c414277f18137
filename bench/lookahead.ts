/**
 * npm run bench:lookahead [-- --scale 1] [--seconds 2] [--seeds]
 *
 * A/B in one run, on the same store and data: each benchmark document compiled (as the server
 * runs an operation it has seen), A with the nested lists a request asks for fetched together
 * with the field that asks (Loaders.node / Loaders.reached: as served from Neo4j), B one level
 * at a time (as before issue 15, and as the embedded store is still called). Prints store calls
 * per request (round trips on Neo4j), the p50 of each, and B/A. With NEO4J_URI set, on Neo4j
 * (WIPED and seeded first); without it, A on the embedded store shows what the tree costs in
 * process, where there is no round trip to save. With --seeds, on the project's own seeds (the
 * 45 full reports and the earlier inspections) with documents over their areas instead of the
 * synthetic dataset. Asserts nothing.
 */
import { Command } from 'commander';
import { parse } from 'graphql';
import pino from 'pino';
import { createRequestContext, type RequestContext } from '../src/api/context';
import { JitExecutor } from '../src/api/jit-executor';
import { buildSchema } from '../src/api/schema';
import type { GraphStore } from '../src/store/port';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { baselineStore } from './baseline-store';
import { benchDocuments, type BenchDocument } from './documents';
import { datasetFor, fmt, ROOT, timeCalls } from './harness';
import { join } from 'node:path';

const silent = pino({ level: 'silent' });

/** The nested document of issue 15, beside the mix. */
const nestedWithAgencies = (areaId: string): BenchDocument => ({
  name: 'area nested, agencies',
  query: 'query($id: ID!) { area(id: $id) { name inspections { outcome findings { summary themes { label } agencies { name } } } } }',
  variables: { id: areaId },
  storeCall: async () => undefined,
});

/** A store served as if its calls were round trips, so that A fetches trees on the embedded store too. */
const asRemote = (store: GraphStore): GraphStore => new Proxy(store, { get: (t, p, r) => (p === 'callsAreRoundTrips' ? true : Reflect.get(t, p, r)) });

function counting(store: GraphStore): { store: GraphStore; calls: () => number; reset: () => void } {
  let calls = 0;
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (...args: unknown[]) => (calls++, value.apply(target, args)) : value;
    },
  });
  return { store: counted, calls: () => calls, reset: () => (calls = 0) };
}

const levelByLevel = (ctx: RequestContext): RequestContext => {
  ctx.loaders.reached = (name, id) => ctx.loaders.traversal(name).load(id);
  ctx.loaders.node = (id) => ctx.loaders.nodes.load(id);
  return ctx;
};

const NESTED_FINDINGS = 'findings { summary themes { label } agencies { name } source { title } }';

/** Nested documents over the seeds' areas with full 2023 reports. */
const seedsDocuments = (): BenchDocument[] =>
  [
    { name: 'Hertfordshire nested', query: `query { area(id: "hertfordshire") { name inspections { outcome ${NESTED_FINDINGS} } } }` },
    { name: 'Sandwell nested', query: `query { area(id: "sandwell") { name inspections { outcome ${NESTED_FINDINGS} } } }` },
    { name: 'region areas nested', query: `query { region(id: "west-midlands") { areas { name inspections { outcome ${NESTED_FINDINGS} } } } }` },
    { name: '2023 inspections nested', query: `query { inspections(framework: FRAMEWORK_2023, kind: FULL, first: 100) { nodes { area { name } ${NESTED_FINDINGS} } } }` },
    { name: 'similarAreas nested', query: `query { similarAreas(areaId: "sandwell", first: 10) { score area { name inspections { ${NESTED_FINDINGS} } } } }` },
  ].map((d) => ({ ...d, variables: {}, storeCall: async () => undefined }));

async function main() {
  const opts = new Command()
    .option('--scale <n>', 'dataset scale (1 = national)', '1')
    .option('--seconds <s>', 'seconds per figure', '2')
    .option('--seeds', "the project's own seeds instead of a generated dataset")
    .parse()
    .opts();
  const scale = Number(opts.scale);
  const seconds = Number(opts.seconds);
  const { store, close } = await baselineStore(opts.seeds ? join(ROOT, 'seeds') : datasetFor(scale, 42));
  const docs = opts.seeds ? seedsDocuments() : [...benchDocuments(AREAS_PER_SCALE * scale)];
  if (!opts.seeds) docs.splice(1, 0, nestedWithAgencies(String(docs[0].variables.id)));
  const jit = new JitExecutor(buildSchema(), 1);
  const c = counting(asRemote(store));
  console.log(`store: ${store.name}, ${opts.seeds ? 'seeds/' : `scale ${scale}`}; p50 in ms, compiled execution, one request at a time`);
  console.log(`${'document'.padEnd(24)} ${'calls A'.padStart(8)} ${'calls B'.padStart(8)} ${'A p50'.padStart(8)} ${'B p50'.padStart(8)} ${'B/A'.padStart(6)}`);
  for (const d of docs) {
    const document = parse(d.query);
    const run = (perLevel: boolean) => async () => {
      const ctx = createRequestContext(c.store, silent);
      const res = await jit.execute(document, undefined, perLevel ? levelByLevel(ctx) : ctx, d.variables);
      if (res.errors?.length) throw new Error(`${d.name}: ${res.errors[0].message}`);
    };
    const calls = async (perLevel: boolean) => (c.reset(), await run(perLevel)(), c.calls());
    const [callsA, callsB] = [await calls(false), await calls(true)];
    const a = await timeCalls(run(false), seconds);
    const b = await timeCalls(run(true), seconds);
    console.log(`${d.name.padEnd(24)} ${String(callsA).padStart(8)} ${String(callsB).padStart(8)} ${fmt(a.p50).padStart(8)} ${fmt(b.p50).padStart(8)} ${fmt(b.p50 / a.p50).padStart(6)}`);
  }
  await close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
