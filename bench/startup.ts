/**
 * npm run bench:startup [-- --scales national,10,100]
 *
 * Start-up before and after the production build, in one run: for each scale, the time from
 * spawning the server to its first correct answer, and its peak RSS by then, for
 *   before         the TypeScript sources through tsx, reading the seeds (as npm start ran until now)
 *   compiled       dist/cli.js, reading the seeds (CACHE_DIR=off)
 *   first start    dist/cli.js with an empty CACHE_DIR: reads the seeds and saves the snapshot
 *   snapshot       dist/cli.js again: restores the graph from the snapshot
 * Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { benchDocuments } from './documents';
import { cpuSeconds, datasetFor, ensureBuilt, fmt, peakRssMB, post, startServer, type ServerOptions } from './harness';

async function startOnce(dir: string, port: number, scale: number, options: ServerOptions): Promise<{ ms: number; cpu: number; rssMB: number; answer: string }> {
  const docs = benchDocuments(AREAS_PER_SCALE * scale);
  const { child, startupMs, url } = await startServer(dir, port, docs, options);
  const cpu = cpuSeconds(child.pid!);
  try {
    // The same question to every mode: the answers must match.
    const answer = JSON.stringify(await Promise.all(docs.map((d) => post(url, d))));
    return { ms: startupMs, cpu, rssMB: peakRssMB(child.pid!), answer };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const o = new Command()
    .option('--scales <list>', 'comma-separated: national, or multiples of it', 'national,10')
    .option('--seed <n>', 'dataset seed', '42')
    .option('--port <n>', 'port for the server under test', '4397')
    .parse()
    .opts<{ scales: string; seed: string; port: string }>();
  ensureBuilt();
  console.log(`send-graph start-up ${new Date().toISOString()} on node ${process.version}`);
  console.log(`${'scale'.padEnd(10)} ${'before (tsx)'.padStart(28)} ${'compiled'.padStart(28)} ${'first start'.padStart(28)} ${'snapshot'.padStart(28)}   answers`);
  for (const s of o.scales.split(',').map((x) => x.trim())) {
    const scale = s === 'national' ? 1 : Number(s);
    const dir = datasetFor(scale, Number(o.seed));
    const cacheDir = mkdtempSync(join(tmpdir(), 'send-graph-startup-'));
    try {
      const port = Number(o.port);
      const runs = [
        await startOnce(dir, port, scale, { code: 'source', cacheDir: 'off' }),
        await startOnce(dir, port, scale, { code: 'compiled', cacheDir: 'off' }),
        await startOnce(dir, port, scale, { code: 'compiled', cacheDir }),
        await startOnce(dir, port, scale, { code: 'compiled', cacheDir }),
      ];
      const same = runs.every((r) => r.answer === runs[0].answer) ? 'the same' : 'DIFFER';
      const cell = (r: { ms: number; cpu: number; rssMB: number }) => `${fmt(r.ms / 1000)} s (${fmt(r.cpu)} cpu) ${String(r.rssMB).padStart(5)} MB`.padStart(28);
      console.log(`${(s === 'national' ? s : `${s}x`).padEnd(10)} ${runs.map(cell).join(' ')}   ${same}`);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  console.log('(seconds from spawning node to the first correct answer; the CPU seconds the server used by then, which depend less on what else the machine runs; its peak RSS by then; "answers": whether the bench documents got the same answers in all four)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
