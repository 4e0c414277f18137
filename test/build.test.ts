import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedBundle } from './helpers';
import { embeddedStoreEnv } from './server-process';

// The build scripts are plain CommonJS run by npm before the server starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildServer, OUTFILE } = require('../scripts/build-server') as { buildServer: () => Promise<void>; OUTFILE: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { needsBuild } = require('../scripts/newer-than') as { needsBuild: (output: string, inputs: string[]) => boolean };

describe('the production build', () => {
  jest.setTimeout(180_000);

  it('compiles to dist/cli.js, which serves the API and the explorer page with the package\'s schema, seeds and web/dist from any working directory', async () => {
    await buildServer();
    // npm start's other build step: the page, when missing or stale (the browser tests need it too).
    execFileSync(process.execPath, [join(__dirname, '..', 'web', 'build-if-stale.mjs')], { stdio: 'inherit' });
    const env: NodeJS.ProcessEnv = { ...embeddedStoreEnv(), NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', CACHE_DIR: 'off' };
    delete env.SEEDS_DIR; // the default: the package's own seeds/
    const child = spawn(process.execPath, [OUTFILE, 'serve'], {
      cwd: tmpdir(),
      env,
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const end = Date.now() + 30_000;
      while (!/listening on (http:\/\/\S+\/graphql)/.test(out)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`the compiled server did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /listening on (http:\/\/\S+\/graphql)/.exec(out)![1];
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ area(id: "sandwell") { name region { name } } stats { nodeCount } }' }) });
      expect(await res.json()).toEqual({ data: { area: { name: 'Sandwell', region: { name: 'West Midlands' } }, stats: { nodeCount: seedBundle().nodes.length } } });
      const page = await fetch(url.replace(/\/graphql$/, '/explorer/'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>send-graph explorer</title>');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('whether a build is needed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-build-'));
  const src = join(dir, 'src');
  mkdirSync(join(src, 'deep'), { recursive: true });
  const input = join(src, 'deep', 'a.ts');
  const output = join(dir, 'out.js');
  writeFileSync(input, '');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('is when the output is missing', () => {
    expect(needsBuild(output, [src])).toBe(true);
  });

  it('is when a source, however deep, changed after the output; not otherwise', () => {
    writeFileSync(output, '');
    at(input, 1_000);
    at(output, 2_000);
    expect(needsBuild(output, [src, join(dir, 'missing.json')])).toBe(false);
    at(input, 3_000);
    expect(needsBuild(output, [src])).toBe(true);
  });
});
