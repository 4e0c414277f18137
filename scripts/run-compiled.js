// node scripts/run-compiled.js bench/run.ts [args]: bundles a TypeScript entry point as the
// server is built (dist/cli.js) and runs it in this process, so that what a benchmark times
// in-process is the code production runs, not the sources through tsx.
const { basename, join, resolve } = require('node:path');
const { bundle } = require('./build-server');

const entry = resolve(process.argv[2]);
const outfile = join(__dirname, '..', 'dist', `${basename(entry, '.ts')}.js`);
process.argv.splice(2, 1);
bundle(entry, outfile).then(
  () => require(outfile),
  () => process.exit(1),
);
