import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { seedBundle } from './helpers';

const ROOT = join(__dirname, '..');

/** Runs `serve` in a child process, collecting what it prints. */
function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'src', 'cli.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 30_000) => {
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
    const server = startServe({ WORKERS: '2' });
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+\/graphql)/);
    await server.waitFor(/all 2 server processes are answering/);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(url, '{ stats { nodeCount } }')));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ data: { stats: { nodeCount: seedBundle().nodes.length } } })]));

    const pids = [...server.output().out.matchAll(/"pid":(\d+),"hostname":"[^"]*","worker":\d+,"store"/g)].map((m) => Number(m[1]));
    expect(new Set(pids).size).toBe(2);
    process.kill(pids[0], 'SIGKILL');
    await server.waitFor(/a server process died; starting a replacement[\s\S]*all 2 server processes are answering/);
    expect((await post(url, '{ stats { nodeCount } }')).data.stats.nodeCount).toBe(seedBundle().nodes.length);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('reports a bad seeds directory once and exits with an error', async () => {
    const server = startServe({ WORKERS: '2', SEEDS_DIR: join(ROOT, 'no-such-seeds') });
    expect(await server.exited).toBe(1);
    const { out, err } = server.output();
    expect((err + out).match(/set SEEDS_DIR to the seeds directory/g)).toHaveLength(1);
    expect(out).toMatch(/a server process failed to start/);
  });
});
