/**
 * npm run load-test [-- --connections 50 --duration 60 --rounds 2]
 *
 * The query mix at 50 connections for 60 s against the real server on loopback (127.0.0.1 only),
 * on the national synthetic dataset. Reports errors (target 0), latency, and whether the
 * server's memory returns to its baseline once the load stops: its RSS 15 s after, then, after a
 * full garbage collection (the server runs with --expose-gc and collects on SIGUSR2, see
 * src/memory-report.ts), the heap still in use. Heap in use back at its baseline round after
 * round means what RSS keeps is memory V8 and the allocator hold on to, not a leak. Bounded in
 * time; stops by itself.
 */
import type { ChildProcess } from 'node:child_process';
import { Command } from 'commander';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { benchDocuments } from './documents';
import { datasetFor, fmt, load, rssMB, serverProcesses, startServer } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface GcReport {
  rssBeforeMB: number;
  heapUsedBeforeMB: number;
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
}

/** Asks each server process for a full garbage collection and waits (at most 10 s) for its report. */
function gcReporter(child: ChildProcess) {
  const reports: GcReport[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.includes('memory after a full garbage collection')) reports.push((JSON.parse(line) as { memory: GcReport }).memory);
  });
  return async (): Promise<GcReport> => {
    const pids = serverProcesses(child.pid!);
    const seen = reports.length;
    for (const pid of pids) process.kill(pid, 'SIGUSR2');
    const end = Date.now() + 10_000;
    while (reports.length < seen + pids.length) {
      if (Date.now() > end) throw new Error('no memory report from the server within 10 s (is it running with --expose-gc?)');
      await sleep(50);
    }
    const got = reports.slice(seen);
    const sum = (k: keyof GcReport) => got.reduce((n, r) => n + r[k], 0);
    return { rssBeforeMB: sum('rssBeforeMB'), heapUsedBeforeMB: sum('heapUsedBeforeMB'), rssMB: sum('rssMB'), heapUsedMB: sum('heapUsedMB'), heapTotalMB: sum('heapTotalMB'), externalMB: sum('externalMB') };
  };
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;

async function main() {
  const o = new Command()
    .option('--connections <n>', 'concurrent connections', '50')
    .option('--duration <s>', 'seconds of load per round (at most 600)', '60')
    .option('--rounds <n>', 'rounds of load, each followed by 15 s idle and a full garbage collection (at most 5)', '2')
    .option('--port <n>', 'loopback port for the server under test', '4398')
    .parse()
    .opts<{ connections: string; duration: string; rounds: string; port: string }>();
  const duration = Math.min(600, Number(o.duration));
  const rounds = Math.max(1, Math.min(5, Number(o.rounds)));
  const docs = benchDocuments(AREAS_PER_SCALE);
  const { child, url } = await startServer(datasetFor(1, 42), Number(o.port), docs, 1, ['--expose-gc']);
  const collect = gcReporter(child);
  // The server processes only: the supervisor holds no graph and does not change under load.
  const serverRss = () => serverProcesses(child.pid!).reduce((n, pid) => n + rssMB(pid), 0);
  try {
    await load(url, docs, 10, 5, child.pid!); // warm up
    await sleep(5000);
    const baseline = serverRss();
    const baseGc = await collect();
    console.log(`load: ${rounds} rounds of ${o.connections} connections for ${duration} s, the mix of ${docs.length} documents`);
    console.log(`server RSS before: ${baseline} MB; after a full GC: heap in use ${baseGc.heapUsedMB} MB (heap ${baseGc.heapTotalMB} MB, external ${baseGc.externalMB} MB), RSS ${baseGc.rssMB} MB`);
    const heapAfter: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const before = serverRss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, serverRss())), 500);
      const f = await load(url, docs, Number(o.connections), duration, child.pid!);
      clearInterval(sampler);
      await sleep(15_000);
      const after = serverRss();
      const gc = await collect();
      heapAfter.push(gc.heapUsedMB);
      console.log(`round ${round}: requests/s ${fmt(f.rps, 0)}, p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms, errors ${f.errors}${f.errors ? ' (target 0)' : ''}`);
      console.log(`  server RSS: ${before} MB before, ${peak} MB at peak, ${after} MB 15 s after (${signed(after - baseline)} MB on the first baseline)`);
      console.log(`  after a full GC: heap in use ${gc.heapUsedMB} MB (${signed(gc.heapUsedMB - baseGc.heapUsedMB)} MB on its baseline; ${gc.heapUsedBeforeMB} MB before collecting), heap ${gc.heapTotalMB} MB, RSS ${gc.rssMB} MB`);
    }
    const growth = heapAfter[heapAfter.length - 1] - baseGc.heapUsedMB;
    const tolerance = Math.max(5, Math.round(baseGc.heapUsedMB * 0.02));
    console.log(
      growth <= tolerance
        ? `verdict: no leak. After every round the heap in use returns to its baseline (${signed(growth)} MB, within ${tolerance} MB) once collected; what RSS keeps past the baseline is heap V8 has grown and not yet returned, and the allocator's, and it is reused by the next round.`
        : `verdict: the heap in use grew by ${growth} MB over ${rounds} rounds after full collections: memory is still referenced, a leak or a cache growing with requests. Take heap snapshots (node --inspect) to find it.`,
    );
    if (child.exitCode !== null) console.log(`the server exited during the test (code ${child.exitCode})`);
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
