/**
 * npm run bench [-- --scales national,10,100] [--duration 5] [--connections 10] [--workers 2] [--only similarFindings,search]
 *
 * For each scale: generates the dataset (seeded, cached under bench-data/), starts the real HTTP
 * server in a child process, and drives it with autocannon through each document alone and the
 * mix. In the same run it times two baselines for the same documents: graphql-js `execute` on the
 * same schema with no HTTP, and the store calls alone. Prints figures; asserts nothing.
 * With NEO4J_URI set, the server and the baselines use Neo4j (seeded first).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { execute, parse } from 'graphql';
import pino from 'pino';
import { readConfig } from '../src/config';
import { createRequestContext } from '../src/api/context';
import { JitExecutor } from '../src/api/jit-executor';
import { buildSchema } from '../src/api/schema';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { chooseStore } from '../src/store/open-store';
import { baselineStore } from './baseline-store';
import { benchDocuments, FLOOR_DOCUMENT } from './documents';
import { datasetFor, ensureBuilt, fmt, load, peakRssMB, ROOT, serverTimes, startServer, timeCalls, type Figures, type ServerCode } from './harness';

const silent = pino({ level: 'silent' });
interface ScaleResult {
  scale: string;
  nodes: number;
  relationships: number;
  startupMs: number;
  serverStartupMs: number | null;
  peakRssMB: number;
  workers: number;
  http: Record<string, Figures>;
  /** The server's own time (Server-Timing) for one request at a time: what HTTP and Apollo add to execute. */
  single: Record<string, { p50: number; p99: number }>;
  execute: Record<string, { p50: number; p99: number }>;
  /** The same operation compiled (graphql-jit), as the server runs an operation it has seen before. */
  compiled: Record<string, { p50: number; p99: number }>;
  store: Record<string, { p50: number; p99: number }>;
}

async function runScale(label: string, scale: number, opts: { duration: number; connections: number; seed: number; port: number; workers: number; code: ServerCode; cacheDir: string; only: string[] | null }): Promise<ScaleResult> {
  console.log(`\n=== scale ${label}: ${AREAS_PER_SCALE * scale} areas`);
  const dir = datasetFor(scale, opts.seed);
  const docs = benchDocuments(AREAS_PER_SCALE * scale).filter((d) => !opts.only || opts.only.includes(d.name));
  if (docs.length === 0) throw new Error(`--only names none of the documents: ${benchDocuments(1).map((d) => d.name).join(', ')}`);

  // Baselines first, in this process, while the server is not yet running (it has the other core).
  const { store, close } = await baselineStore(dir);
  const stats = await store.stats();
  const schema = buildSchema();
  const executeFigures: ScaleResult['execute'] = {};
  const compiledFigures: ScaleResult['compiled'] = {};
  const jit = new JitExecutor(schema, 1);
  const storeFigures: ScaleResult['store'] = {};
  for (const d of [...docs, FLOOR_DOCUMENT]) {
    const document = parse(d.query);
    const check = await execute({ schema, document, variableValues: d.variables, contextValue: createRequestContext(store, silent) });
    if (check.errors) throw new Error(`${d.name}: ${check.errors[0].message}`);
    executeFigures[d.name] = await timeCalls(() => execute({ schema, document, variableValues: d.variables, contextValue: createRequestContext(store, silent) }) as Promise<unknown>, 2);
    compiledFigures[d.name] = await timeCalls(async () => jit.execute(document, undefined, createRequestContext(store, silent), d.variables), 2);
    if (d !== FLOOR_DOCUMENT) storeFigures[d.name] = await timeCalls(() => d.storeCall(store), 2);
  }
  await close();

  const { child, startupMs, serverStartupMs, url } = await startServer(dir, opts.port, docs, { workers: opts.workers, code: opts.code, cacheDir: opts.cacheDir });
  console.log(`server answered ${fmt(startupMs, 0)} ms after spawn (its own log: seeds read to listening in ${serverStartupMs} ms)`);
  const http: ScaleResult['http'] = {};
  const single: ScaleResult['single'] = {};
  try {
    const alive = (what: string) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server died during "${what}" (exit ${child.exitCode ?? child.signalCode}); figures for it and what follows are missing`);
      }
    };
    for (const d of docs) {
      single[d.name] = await serverTimes(url, d, Math.min(2, opts.duration));
      http[d.name] = await load(url, [d], opts.connections, opts.duration, child.pid!);
      alive(d.name);
    }
    http.mix = await load(url, docs, opts.connections, opts.duration, child.pid!);
    alive('mix');
    single[FLOOR_DOCUMENT.name] = await serverTimes(url, FLOOR_DOCUMENT, Math.min(2, opts.duration));
    http[FLOOR_DOCUMENT.name] = await load(url, [FLOOR_DOCUMENT], opts.connections, opts.duration, child.pid!);
    const peak = peakRssMB(child.pid!);
    return { scale: label, nodes: Object.values(stats.nodes).reduce((a, b) => a + b, 0), relationships: stats.relationships, startupMs, serverStartupMs, peakRssMB: peak, workers: opts.workers, http, single, execute: executeFigures, compiled: compiledFigures, store: storeFigures };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function report(r: ScaleResult, connections: number) {
  const processes = r.workers === 1 ? 'one server process' : `${r.workers} server processes`;
  console.log(`\nscale ${r.scale}: ${r.nodes} nodes, ${r.relationships} relationships; ${processes}; start-up ${fmt(r.startupMs, 0)} ms to first answer; server peak RSS ${r.peakRssMB} MB`);
  const head = ['document'.padEnd(20), 'req/s', 'p50 ms', 'p99 ms', 'errors', 'cpu/req', '|', 'server p50', '|', 'exec p50', 'p99', 'jit p50', '|', 'store p50', 'p99', '|', 'http/exec', 'cpu/exec', 'exec/store'];
  const widths = [20, 7, 7, 7, 6, 7, 1, 10, 1, 8, 7, 7, 1, 9, 7, 1, 9, 8, 10];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' '));
  line(head);
  for (const [name, h] of Object.entries(r.http)) {
    const e = r.execute[name];
    const s = r.store[name];
    const one = r.single[name];
    line([
      name, fmt(h.rps, 0), fmt(h.p50), fmt(h.p99), String(h.errors), fmt(h.cpuPerRequestMs, 3), '|',
      one ? fmt(one.p50, 3) : '', '|',
      e ? fmt(e.p50, 3) : '', e ? fmt(e.p99, 3) : '', r.compiled[name] ? fmt(r.compiled[name].p50, 3) : '', '|',
      s ? fmt(s.p50, 3) : '', s ? fmt(s.p99, 3) : '', '|',
      one && e ? fmt(one.p50 / e.p50) : '', e ? fmt(h.cpuPerRequestMs / e.p50) : '', e && s ? fmt(e.p50 / s.p50) : '',
    ]);
  }
  console.log(
    `(req/s, p50 and p99: autocannon at ${connections} connections, a closed loop, so p50 includes waiting behind the other connections.\n` +
      ' cpu/req: the server\'s CPU milliseconds (all its processes) per request answered under that load; cpu/exec = cpu/req / execute p50.\n' +
      ' server p50: the server\'s own time (its Server-Timing header) with one request at a time; http/exec = server p50 / execute p50.\n' +
      ' execute (graphql-js, no HTTP), jit (the same operation compiled, as the server runs one it has seen) and store (the store calls alone)\n' +
      ' are timed one call at a time in the bench process.\n' +
      ` ${FLOOR_DOCUMENT.name}: no resolver of ours runs, so its figures are what HTTP and Apollo cost alone; not part of the mix.)`,
  );
}

function growth(results: ScaleResult[]) {
  if (results.length < 2) return;
  const base = results[0];
  console.log(`\ngrowth relative to scale ${base.scale} (x = figure at that scale / figure at ${base.scale})`);
  console.log(`${'figure'.padEnd(28)} ${results.map((r) => r.scale.padStart(10)).join(' ')}`);
  const row = (name: string, get: (r: ScaleResult) => number) =>
    console.log(`${name.padEnd(28)} ${results.map((r) => `${fmt(get(r) / get(base))}x`.padStart(10)).join(' ')}`);
  row('nodes', (r) => r.nodes);
  row('start-up', (r) => r.startupMs);
  row('peak RSS', (r) => r.peakRssMB);
  for (const name of Object.keys(base.store)) row(`store p50: ${name}`, (r) => r.store[name].p50);
  for (const name of Object.keys(base.http)) row(`http p50: ${name}`, (r) => r.http[name].p50);
}

async function main() {
  const program = new Command()
    .option('--scales <list>', 'comma-separated: national, or multiples of it', 'national')
    .option('--duration <s>', 'seconds of load per document', '5')
    .option('--connections <n>', 'concurrent connections', '10')
    .option('--seed <n>', 'dataset seed', '42')
    .option('--port <n>', 'port for the server under test', '4399')
    .option('--workers <n>', 'server processes (WORKERS)', process.env.WORKERS ?? '1')
    .option('--code <kind>', 'the server\'s code: compiled (dist/cli.js, as npm start runs it) or source (TypeScript through tsx)', 'compiled')
    .option('--cache <dir>', 'the server\'s CACHE_DIR, or off', join(ROOT, 'bench-data', 'cache'))
    .option('--only <names>', 'comma-separated document names (default: all)')
    .parse();
  const o = program.opts<{ scales: string; duration: string; connections: string; seed: string; port: string; workers: string; code: string; cache: string; only?: string }>();
  if (o.code !== 'compiled' && o.code !== 'source') throw new Error(`--code must be compiled or source; got "${o.code}"`);
  if (o.code === 'compiled') ensureBuilt();
  const scales = o.scales.split(',').map((s) => s.trim());
  const workers = o.workers === 'auto' ? availableParallelism() : Number(o.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a whole number of 1 or more, or auto; got "${o.workers}"`);
  const opts = {
    duration: Number(o.duration), connections: Number(o.connections), seed: Number(o.seed), port: Number(o.port), workers,
    code: o.code as ServerCode, cacheDir: o.cache, only: o.only ? o.only.split(',').map((n) => n.trim()) : null,
  };
  console.log(`send-graph benchmark ${new Date().toISOString()} on node ${process.version}, ${chooseStore(readConfig()).kind} store, server from ${o.code === 'compiled' ? 'dist/cli.js' : 'src/ through tsx'}, CACHE_DIR ${o.cache}`);
  const results: ScaleResult[] = [];
  for (const s of scales) {
    const scale = s === 'national' ? 1 : Number(s);
    const r = await runScale(s === 'national' ? 'national' : `${s}x`, scale, opts);
    report(r, opts.connections);
    results.push(r);
  }
  growth(results);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
