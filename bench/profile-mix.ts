/**
 * npm run bench:profile [-- --duration 10 --port 4396 --only NAMES]
 *
 * The national mix against one compiled server run under `node --cpu-prof`, for finding what a
 * request costs: a warm-up, then autocannon at 10 connections; the profile (.cpuprofile, for
 * Chrome's DevTools or speedscope) is written to bench-data/profiles when the server stops.
 * Prints figures and where the profile is; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { benchDocuments } from './documents';
import { datasetFor, ensureBuilt, fmt, load, post, ROOT } from './harness';

async function main() {
  const o = new Command()
    .option('--duration <s>', 'seconds of load', '10')
    .option('--port <n>', 'port for the server under test', '4396')
    .option('--only <names>', 'comma-separated document names (default: the whole mix)')
    .parse()
    .opts<{ duration: string; port: string; only?: string }>();
  ensureBuilt();
  const only = o.only?.split(',').map((n) => n.trim());
  const docs = benchDocuments(AREAS_PER_SCALE).filter((d) => !only || only.includes(d.name));
  if (docs.length === 0) throw new Error(`--only names none of the documents: ${benchDocuments(1).map((d) => d.name).join(', ')}`);
  const dir = join(ROOT, 'bench-data', 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const url = `http://127.0.0.1:${o.port}/graphql`;
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'dist', 'cli.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, SEEDS_DIR: datasetFor(1, 42), PORT: o.port, HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', CACHE_DIR: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      try {
        await post(url, docs[0]);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await load(url, docs, 10, 3, child.pid!); // warm up: every operation compiled
    const f = await load(url, docs, 10, Number(o.duration), child.pid!);
    console.log(`${docs.map((d) => d.name).join(', ')}: ${fmt(f.rps, 0)} req/s, p50 ${f.p50} ms, ${fmt(f.cpuPerRequestMs, 3)} ms CPU a request, ${f.errors} errors`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const written = readdirSync(dir).filter((f) => !before.has(f));
  console.log(`profile: ${written.map((f) => join(dir, f)).join(', ') || 'none written'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
