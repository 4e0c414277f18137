import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { exitReason } from '../src/serve-workers';
import { seedBundle } from './helpers';
import { embeddedStoreEnv, freePort } from './server-process';

const ROOT = join(__dirname, '..');

/** How long any wait on a child process may last before the test fails (and the child is killed). */
const CHILD_WAIT_MS = 30_000;


const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});


/** A server process's start-up line, which carries its pid. */
const LISTENING = /"pid":(\d+),"hostname":"[^"]*","worker":\d+,"store"/;
const workerPids = (out: string) => [...out.matchAll(new RegExp(LISTENING.source, 'g'))].map((m) => Number(m[1]));

/** Runs `serve` on the embedded store in a child process, collecting what it prints. */
function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'src', 'cli.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...embeddedStoreEnv(), NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', CACHE_DIR: 'off', ...env },
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => (running.delete(child), resolve(code))));
  /** The child's exit code; fails (and kills it) if it has not exited within `ms`. */
  const exited = async (ms = CHILD_WAIT_MS) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`serve did not exit within ${ms} ms; output:\n${out}\n${err}`));
      }, ms);
    });
    try {
      return await Promise.race([exitCode, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  const waitFor = async (pattern: RegExp, ms = CHILD_WAIT_MS) => {
    const end = Date.now() + ms;
    while (!pattern.test(out)) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return pattern.exec(out)!;
  };
  return { child, exited, waitFor, output: () => ({ out, err }) };
}

const post = async (url: string, query: string) =>
  (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: { stats: { nodeCount: number } } };

describe('serve with WORKERS', () => {
  jest.setTimeout(60_000);

  it('starts the processes one after another on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    const server = startServe({ WORKERS: '2', PORT: String(await freePort()) });
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+\/graphql)/);
    await server.waitFor(/all 2 server processes are answering/);
    await server.waitFor(new RegExp(`(${LISTENING.source}[\\s\\S]*){2}`));
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(url, '{ stats { nodeCount } }')));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ data: { stats: { nodeCount: seedBundle().nodes.length } } })]));

    const pids = workerPids(server.output().out);
    expect(new Set(pids).size).toBe(2);
    process.kill(pids[0], 'SIGKILL');
    await server.waitFor(/a server process died \(killed by SIGKILL[^)]*\)\); starting a replacement[\s\S]*all 2 server processes are answering/);
    expect((await post(url, '{ stats { nodeCount } }')).data.stats.nodeCount).toBe(seedBundle().nodes.length);

    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
  });

  it('replaces the one server process of WORKERS=1 killed with -9, saying why it died, within seconds', async () => {
    const server = startServe({ WORKERS: '1', PORT: String(await freePort()) });
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+\/graphql)/);
    await server.waitFor(/the server process is answering/);
    await server.waitFor(LISTENING);
    const [pid] = workerPids(server.output().out);
    expect(pid).not.toBe(server.child.pid); // a supervisor holds no graph and outlives it
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    await server.waitFor(/a server process died \(killed by SIGKILL[^)]*\)\); starting a replacement[\s\S]*the server process is answering/, 20_000);
    expect((await post(url, '{ stats { nodeCount } }')).data.stats.nodeCount).toBe(seedBundle().nodes.length);
    expect(Date.now() - killedAt).toBeLessThan(20_000);
    await server.waitFor(new RegExp(`(${LISTENING.source}[\\s\\S]*){2}`)); // the replacement's own line may come after the supervisor's
    const [, replacement] = workerPids(server.output().out);
    expect(replacement).toBeGreaterThan(0);
    expect(replacement).not.toBe(pid);

    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
  });

  it('reports a bad seeds directory once and exits with an error, even when the shell running the tests points at Neo4j', async () => {
    const shellUri = process.env.NEO4J_URI;
    process.env.NEO4J_URI = shellUri ?? 'bolt://127.0.0.1:9';
    let server: ReturnType<typeof startServe>;
    try {
      server = startServe({ WORKERS: '2', SEEDS_DIR: join(ROOT, 'no-such-seeds') });
    } finally {
      if (shellUri === undefined) delete process.env.NEO4J_URI;
    }
    expect(await server.exited()).toBe(1);
    const { out, err } = server.output();
    expect((err + out).match(/set SEEDS_DIR to the seeds directory/g)).toHaveLength(1);
    expect(out).toMatch(/a server process failed to start/);
  });
});

describe('why a server process ended, as the log says it', () => {
  it('names the signal or exit code, and what an out-of-memory death looks like', () => {
    expect(exitReason(null, 'SIGKILL')).toMatch(/^killed by SIGKILL \(the system's out-of-memory killer, or by hand\)$/);
    expect(exitReason(null, 'SIGABRT')).toMatch(/^aborted by SIGABRT \(V8 aborts when the heap is out of memory/);
    expect(exitReason(134, null)).toMatch(/^exited with code 134 \(an abort/);
    expect(exitReason(1, null)).toBe('exited with code 1');
    expect(exitReason(null, 'SIGSEGV')).toBe('killed by SIGSEGV');
  });
});
