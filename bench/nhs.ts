/**
 * npm run bench:nhs [-- --duration 3 --port 4399]
 *
 * The NHS bodies on the project's own seeds: the seeds' size and start-up before (the seeds
 * without import-nhs's files) and after, reading the seeds, writing the snapshot and restoring
 * it; then an ICB's agencyNetwork, agencyLineage and the new area and inspection fields over
 * HTTP, one request at a time and at 10 connections. Prints figures; asserts nothing.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { NHS_SEEDS } from '../src/dataset/nhs/import-nhs';
import type { BenchDocument } from './documents';
import { ensureBuilt, fmt, load, serverTimes, startServer, ROOT } from './harness';

const doc = (name: string, query: string): BenchDocument => ({ name, query, variables: {}, storeCall: async () => undefined });
const documents: BenchDocument[] = [
  doc('agencyNetwork ICB, depth 1', '{ agencyNetwork(agencyId: "west-yorkshire-icb", maxDepth: 1) { members(first: 1000) { depth agency { id name kind } } links(first: 1000) { from { id } to { id } kind } } }'),
  doc('agencyNetwork ICB, depth 2', '{ agencyNetwork(agencyId: "west-yorkshire-icb", maxDepth: 2) { members(first: 1000) { depth agency { id kind } } links(first: 1000) { from { id } to { id } kind } } }'),
  doc('agencyLineage CCG', '{ agencyLineage(agencyId: "sandwell-and-west-birmingham-ccg") { successors { from { id } to { id name } on depth sources { id } } predecessors { from { id } } } }'),
  doc('agencyLineage ICB', '{ agencyLineage(agencyId: "west-yorkshire-icb") { predecessors(first: 100) { from { id name } to { id } on depth } } }'),
  doc('Area.services', '{ area(id: "kent") { services(first: 100) { agency { id name kind } share from to } } }'),
  doc('Inspection.partners', '{ inspection(id: "leeds-2016-12") { partners { agency { id name kind } share from to } } }'),
];

const sizeOf = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`;

async function startup(seeds: string, port: number): Promise<string> {
  const times: string[] = [];
  const cache = mkdtempSync(join(tmpdir(), 'send-graph-nhs-cache-'));
  try {
    for (const [mode, cacheDir] of [['seeds read', 'off'], ['first start, snapshot written', cache], ['snapshot restored', cache]] as const) {
      const { child, startupMs, serverStartupMs } = await startServer(seeds, port, [documents[5]], { cacheDir });
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      times.push(`${mode} ${fmt(startupMs / 1000)} s (server ${serverStartupMs} ms)`);
    }
    const snapshot = readdirSync(cache).map((f) => statSync(join(cache, f)).size).reduce((a, b) => a + b, 0);
    return `${times.join('; ')}; snapshot ${mb(snapshot)}`;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function main() {
  const o = new Command().option('--duration <s>', 'seconds of load per document', '3').option('--port <n>', 'port', '4399').parse().opts<{ duration: string; port: string }>();
  ensureBuilt();
  const port = Number(o.port);
  const after = join(ROOT, 'seeds');
  const before = mkdtempSync(join(tmpdir(), 'send-graph-seeds-before-nhs-'));
  cpSync(after, before, { recursive: true, filter: (src) => !NHS_SEEDS.some((f) => src.endsWith(f)) });
  try {
    // Without the NHS files the inspection asked for at start-up still answers (an empty list of partners).
    console.log(`before (seeds without ${NHS_SEEDS.join(', ')}): ${mb(sizeOf(before))}; ${await startup(before, port)}`);
    console.log(`after: ${mb(sizeOf(after))}; ${await startup(after, port)}`);
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
  const { child, url } = await startServer(after, port, documents);
  try {
    console.log('document                      server p50  server p99 | 10 connections: req/s   p50   p99');
    for (const d of documents) {
      const one = await serverTimes(url, d, Math.min(2, Number(o.duration)));
      const many = await load(url, [d], 10, Number(o.duration), child.pid!);
      console.log(`${d.name.padEnd(30)}${fmt(one.p50, 3).padStart(10)}${fmt(one.p99, 3).padStart(12)} | ${fmt(many.rps, 0).padStart(20)} ${fmt(many.p50).padStart(5)} ${fmt(many.p99).padStart(5)}${many.errors ? ` errors ${many.errors}` : ''}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
