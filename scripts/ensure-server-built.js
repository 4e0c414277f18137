// Run before npm start (prestart): builds dist/cli.js when it is missing or older than its sources.
const { needsBuild } = require('./newer-than');
const { buildServer, OUTFILE, INPUTS } = require('./build-server');

if (needsBuild(OUTFILE, INPUTS)) {
  console.log(`building ${OUTFILE} (missing, or older than src/)`);
  buildServer().catch((err) => {
    if (err && err.code === 'MODULE_NOT_FOUND') {
      console.error(`${OUTFILE} cannot be built without esbuild, a dev dependency: run "npm install", then "npm run build"`);
    } // otherwise esbuild has printed the errors
    process.exit(1);
  });
}
