/** What the benchmark and the load test share: datasets, the server under test, autocannon. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { packageRoot } from '../src/package-root';
import { generateDataset } from '../src/synthetic/generate';
import type { BenchDocument } from './documents';

export const ROOT = packageRoot();

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's CPU time (user and system, all its processes) per request answered during the load. */
  cpuPerRequestMs: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const fmt = (n: number, digits = 2) => (n >= 100 ? n.toFixed(0) : n.toFixed(digits));

export function datasetFor(scale: number, seed: number): string {
  const dir = join(ROOT, 'bench-data', `scale-${scale}-seed-${seed}`);
  const marker = join(dir, '.complete');
  // A dataset generated before the generator wrote statistics (indicators, neighbours) is made again.
  if (!existsSync(marker) || !existsSync(join(dir, 'statistics.json'))) {
    process.stdout.write(`generating scale ${scale} (seed ${seed}) into ${dir} ... `);
    const s = generateDataset({ scale, seed, outDir: dir, themesFile: join(ROOT, 'seeds', 'reference', 'themes.yaml') });
    writeFileSync(marker, JSON.stringify(s));
    console.log(`${s.areas} areas, ${s.findings} findings`);
  }
  return dir;
}

/** Every timing has at least this many samples, however slow the call. */
const MIN_SAMPLES = 10;

/** Calls `measure` (after `warmUp` calls) for about `seconds`, and gives the p50 and p99 of what it returns. */
async function sample(measure: () => Promise<number>, seconds: number, maxCalls: number, warmUp: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < warmUp; i++) await measure();
  const values: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (values.length < MIN_SAMPLES || (values.length < maxCalls && performance.now() < until)) values.push(await measure());
  values.sort((a, b) => a - b);
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}

/** How long `run` takes, one call at a time. */
export function timeCalls(run: () => Promise<unknown>, seconds: number, maxCalls = 5000): Promise<{ p50: number; p99: number }> {
  const timed = async () => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  return sample(timed, seconds, maxCalls, 20);
}

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds used so far by a process and every process under it (Linux /proc). */
export const cpuSeconds = (pid: number): number => {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const own = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  return own + childrenOf(pid).reduce((sum, child) => sum + cpuSeconds(child), 0);
};

/** Resident memory now of a process and every process under it (the supervisor and its server processes). */
export const rssMB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round((m ? Number(m[1]) / 1024 : NaN) + childrenOf(pid).reduce((sum, child) => sum + rssMB(child), 0));
};

/** The processes under a process (its server processes, for a supervisor). */
export const serverProcesses = (pid: number): number[] => childrenOf(pid);

/** Peak resident memory of a process and every process under it (the server's workers), each at its own peak, summed. */
export const peakRssMB = (pid: number): number => {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  const own = m ? Number(m[1]) / 1024 : NaN;
  return Math.round(own + childrenOf(pid).reduce((sum, child) => sum + peakRssMB(child), 0));
};

const send = (url: string, doc: BenchDocument) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: doc.query, variables: doc.variables }) });

export async function post(url: string, doc: BenchDocument) {
  return (await (await send(url, doc)).json()) as { data?: unknown; errors?: unknown[] };
}

/** The server's own time per request (its Server-Timing header), one request at a time. */
export function serverTimes(url: string, doc: BenchDocument, seconds: number, maxCalls = 2000): Promise<{ p50: number; p99: number }> {
  const serverTime = async () => {
    const res = await send(url, doc);
    await res.arrayBuffer();
    const m = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (!m) throw new Error(`no Server-Timing header from ${url}`);
    return Number(m[1]);
  };
  return sample(serverTime, seconds, maxCalls, 5);
}

/** How the server under test runs: the compiled bundle (as npm start runs it), or the TypeScript sources through tsx (as it ran before there was a build). */
export type ServerCode = 'compiled' | 'source';

const serverArgs = (code: ServerCode) => (code === 'compiled' ? [join(ROOT, 'dist', 'cli.js'), 'serve'] : ['--require', 'tsx/cjs', join(ROOT, 'src', 'cli.ts'), 'serve']);

/** Builds dist/cli.js if it is missing or older than the sources, as npm start does. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-server-built.js')], { stdio: 'inherit' });
}

export interface ServerOptions {
  workers?: number;
  code?: ServerCode;
  /** CACHE_DIR for the server: "off" (the default here) for none. */
  cacheDir?: string;
  /** Arguments for node (and so for the server processes, which the cluster starts with them). */
  nodeArgs?: string[];
}

export async function startServer(seedsDir: string, port: number, docs: BenchDocument[], options: ServerOptions = {}): Promise<{ child: ChildProcess; startupMs: number; serverStartupMs: number | null; url: string }> {
  const { workers = 1, code = 'compiled', cacheDir = 'off', nodeArgs = [] } = options;
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...serverArgs(code)], {
    cwd: ROOT,
    env: { ...process.env, SEEDS_DIR: seedsDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', WORKERS: String(workers), CACHE_DIR: cacheDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let serverStartupMs: number | null = null;
  let allAnswering = workers === 1;
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    const m = /"startupMs":(\d+)/.exec(text);
    if (m && serverStartupMs === null) serverStartupMs = Number(m[1]);
    if (text.includes('server processes are answering')) allAnswering = true;
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const body = await post(url, docs[0]);
      if (body.errors) throw new Error(`first answer had errors: ${JSON.stringify(body.errors)}`);
      break;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('first answer')) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const startupMs = performance.now() - started;
  // The other processes are still loading; load them only once all answer.
  while (!allAnswering) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, startupMs, serverStartupMs, url };
}

export async function load(url: string, requests: BenchDocument[], connections: number, duration: number, serverPid: number): Promise<Figures> {
  const cpuBefore = cpuSeconds(serverPid);
  const result = await autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: requests.map((d) => ({ method: 'POST', body: JSON.stringify({ query: d.query, variables: d.variables }) })),
  });
  const cpuPerRequestMs = ((cpuSeconds(serverPid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, cpuPerRequestMs };
}

