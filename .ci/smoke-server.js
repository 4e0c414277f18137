// Starts dist/cli.js serve on a free port (PORT=0), asks it one query, stops it: proves the server
// and everything it loads at run time work on the Node running this script.
const { spawn } = require('node:child_process');

const child = spawn(process.execPath, ['dist/cli.js', 'serve'], {
  env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEO4J_'))), PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let stopping = false;
const stop = () => { stopping = true; child.kill(); };
const fail = (why) => { console.error(`server smoke test on Node ${process.version}: ${why}`); stop(); process.exit(1); };
const timer = setTimeout(() => fail('no "listening on" line within 60 s'), 60_000);
let out = '';
child.stdout.on('data', async (chunk) => {
  out += chunk;
  const url = /listening on (http:\/\/[^\s"]+)/.exec(out)?.[1];
  if (!url) return;
  child.stdout.removeAllListeners('data');
  clearTimeout(timer);
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ area(id: \"sandwell\") { id name } }' }) });
    const body = await response.json();
    if (!response.ok || body.errors || !body.data.area) fail(`unexpected answer ${JSON.stringify(body)}`);
    console.log(`server smoke test on Node ${process.version}: ${url} answered ${JSON.stringify(body.data)}`);
    stop();
  } catch (error) { fail(String(error)); }
});
child.on('exit', (code, signal) => { if (!stopping) fail(`server exited before answering (${code ?? signal})`); });
