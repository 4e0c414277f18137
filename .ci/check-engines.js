// Every package the server loads at run time (the lock's non-dev packages) must run on the oldest
// Node that package.json's engines admit: a dependency upgrade that needs a newer Node fails here,
// naming the package, instead of on a user's machine. Dev tools are listed, not failed: they run
// on the Node CI tests with.
const semver = require('semver');
const pkg = require('../package.json');
const lock = require('../package-lock.json');

const oldest = semver.minVersion(pkg.engines.node).version;
const runtime = [];
const dev = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  const wants = entry.engines && entry.engines.node;
  if (!path || !wants || typeof wants !== 'string' || semver.satisfies(oldest, wants)) continue;
  (entry.dev ? dev : runtime).push(`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${wants}`);
}
if (dev.length) console.log(`dev tools that want a newer Node than ${oldest} (fine on the Node the tests run on):\n  ${[...new Set(dev)].join('\n  ')}`);
if (runtime.length) {
  console.error(`package.json engines admit Node ${oldest}, but the server loads packages that need more:\n  ${runtime.join('\n  ')}\nraise engines.node (and the README) or pin those packages`);
  process.exit(1);
}
console.log(`every run-time package runs on Node ${oldest} (package.json engines: ${pkg.engines.node})`);
