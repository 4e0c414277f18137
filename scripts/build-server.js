// npm run build: the server and CLI (src/cli.ts and everything it imports) as one CommonJS file,
// dist/cli.js, for Node to run without a TypeScript loader. esbuild joins the modules into one
// scope, so a call to a function from another module is a plain call (under tsx each went through
// a getter); packages stay in node_modules (pino starts its transports from there). esbuild does
// not check types: `npm run typecheck` does.
const { join } = require('node:path');

const root = join(__dirname, '..');
const OUTFILE = join(root, 'dist', 'cli.js');
/** What the build reads: a change to any of them makes dist/cli.js stale. */
const INPUTS = [join(root, 'src'), join(root, 'package.json'), join(root, 'package-lock.json'), __filename];

/** Bundles one TypeScript entry point and what it imports from the project into `outfile`. */
async function bundle(entry, outfile) {
  // Required here, so that reading OUTFILE needs no dev dependency.
  const esbuild = require('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

const buildServer = () => bundle(join(root, 'src', 'cli.ts'), OUTFILE);

module.exports = { bundle, buildServer, OUTFILE, INPUTS };

if (require.main === module) {
  buildServer().then(
    () => console.log(`built ${OUTFILE}`),
    () => process.exit(1), // esbuild has printed the errors
  );
}
