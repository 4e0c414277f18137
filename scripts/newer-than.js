// Whether a built file needs building again: it is missing, or a file it is built from changed
// after it. Shared by the build hooks npm start runs first (prestart).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** The newest modification time (ms) of the files at these paths, directories walked. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return newest;
}

/** True when `output` is missing or older than any file under `inputs`. */
function needsBuild(output, inputs) {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(inputs);
}

module.exports = { needsBuild, newestMtime };
