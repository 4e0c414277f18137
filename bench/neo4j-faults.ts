/**
 * npm run neo4j-faults — fault drills against a real Neo4j you can stop and start:
 *
 *   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... \
 *   NEO4J_STOP_CMD="docker compose stop neo4j" NEO4J_START_CMD="docker compose start neo4j" \
 *   npm run neo4j-faults
 *
 * 1. While Neo4j is stopped the server keeps answering /health (503) and queries answer
 *    UNAVAILABLE; when it is back, both recover without a restart.
 * 2. A seeding run killed part-way leaves the database as it was, and the next run completes.
 * It WIPES and reseeds the graph in NEO4J_DATABASE. Prints PASS or FAIL per check.
 */
import { execSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './harness';

const env = process.env;
const port = 4397;
const url = `http://127.0.0.1:${port}`;
let failed = 0;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (!ok) failed++;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
ensureBuilt();
const cli = (args: string[]) => spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
const run = (args: string[]) => new Promise<number>((resolve) => cli(args).on('exit', (code) => resolve(code ?? 1)));
const health = async () => (await fetch(`${url}/health`).catch(() => null))?.status ?? 0;
const query = async () => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodeCount relationshipCount } }' }) });
  return (await res.json()) as { data?: { stats: { nodeCount: number; relationshipCount: number } }; errors?: { extensions: { code: string } }[] };
};
async function until(what: string, test: () => Promise<boolean>, seconds: number) {
  for (let i = 0; i < seconds * 2; i++) {
    if (await test()) return true;
    await sleep(500);
  }
  console.log(`  (gave up waiting for ${what} after ${seconds} s)`);
  return false;
}

async function main() {
  for (const v of ['NEO4J_URI', 'NEO4J_STOP_CMD', 'NEO4J_START_CMD']) {
    if (!env[v]) throw new Error(`set ${v}: see the comment at the top of bench/neo4j-faults.ts`);
  }
  check((await run(['seed', '--reset'])) === 0, 'seeding from scratch');
  const server = cli(['serve']);
  try {
    check(await until('the server', async () => (await health()) === 200, 60), '/health answers 200 while Neo4j runs');
    const before = (await query()).data?.stats;

    execSync(env.NEO4J_STOP_CMD!, { stdio: 'inherit' });
    check(await until('/health 503', async () => (await health()) === 503, 30), '/health answers 503 while Neo4j is stopped');
    check((await query()).errors?.[0]?.extensions.code === 'UNAVAILABLE', 'a query answers UNAVAILABLE while Neo4j is stopped');

    execSync(env.NEO4J_START_CMD!, { stdio: 'inherit' });
    check(await until('/health 200', async () => (await health()) === 200, 180), '/health recovers when Neo4j is back');
    check(JSON.stringify((await query()).data?.stats) === JSON.stringify(before), 'queries recover with the same answers');

    // Kill a seeding run part-way: after it has started writing, before it commits.
    const seeding = cli(['seed']);
    await new Promise<void>((resolve) => seeding.stdout!.on('data', (chunk: Buffer) => /Seeding/.test(chunk.toString()) && resolve()));
    seeding.kill('SIGKILL');
    await new Promise((r) => seeding.once('exit', r));
    check(JSON.stringify((await query()).data?.stats) === JSON.stringify(before), 'a seeding run killed part-way leaves the database as it was');
    check((await run(['seed'])) === 0, 'the next seeding run completes');
    check(JSON.stringify((await query()).data?.stats) === JSON.stringify(before), 'and leaves the same counts');
  } finally {
    server.kill('SIGTERM');
  }
  console.log(failed ? `${failed} check(s) failed` : 'all checks passed');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
