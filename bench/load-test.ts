/**
 * npm run load-test [-- --connections 50 --duration 60]
 *
 * The query mix at 50 connections for 60 s against the real server on loopback (127.0.0.1 only),
 * on the national synthetic dataset. Reports errors (target 0), latency, and whether the
 * server's memory returns to its baseline once the load stops. Bounded in time; stops by itself.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { benchDocuments } from './documents';
import { datasetFor, ensureBuilt, fmt, load, startServer } from './harness';

const rssMB = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const o = new Command()
    .option('--connections <n>', 'concurrent connections', '50')
    .option('--duration <s>', 'seconds of load (at most 600)', '60')
    .option('--port <n>', 'loopback port for the server under test', '4398')
    .parse()
    .opts<{ connections: string; duration: string; port: string }>();
  const duration = Math.min(600, Number(o.duration));
  const docs = benchDocuments(AREAS_PER_SCALE);
  ensureBuilt();
  const { child, url } = await startServer(datasetFor(1, 42), Number(o.port), docs);
  try {
    await load(url, docs, 10, 5, child.pid!); // warm up
    await sleep(5000);
    const baseline = rssMB(child.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMB(child.pid!))), 500);
    console.log(`load: ${o.connections} connections, ${duration} s, the mix of ${docs.length} documents; server RSS before: ${baseline} MB`);
    const f = await load(url, docs, Number(o.connections), duration, child.pid!);
    clearInterval(sampler);
    await sleep(15_000);
    const after = rssMB(child.pid!);
    console.log(`requests/s ${fmt(f.rps, 0)}, p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms, errors ${f.errors}${f.errors ? ' (target 0)' : ''}`);
    console.log(`server RSS: ${baseline} MB before, ${peak} MB at peak, ${after} MB 15 s after (${after - baseline >= 0 ? '+' : ''}${after - baseline} MB)`);
    if (child.exitCode !== null) console.log(`the server exited during the test (code ${child.exitCode})`);
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
