// The lock must record exactly package.json's dependencies with the same ranges. npm ci (10 and 11)
// refuses only a range the locked version does not satisfy: a range edited without rewriting the
// lock (^2.8.0 -> ^2.9.0 with 2.9.1 locked) passes it, and this check catches that.
const pkg = require('../package.json');
const lock = require('../package-lock.json');
const root = lock.packages && lock.packages[''];
if (!root) {
  console.error('package-lock.json has no root package entry: run "npm install" and commit it');
  process.exit(1);
}
const problems = [];
for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
  const want = pkg[field] || {};
  const have = root[field] || {};
  for (const name of new Set([...Object.keys(want), ...Object.keys(have)])) {
    if (want[name] !== have[name]) problems.push(`${field}.${name}: package.json ${want[name] ?? '(none)'}, lock ${have[name] ?? '(none)'}`);
    else if (!lock.packages[`node_modules/${name}`]) problems.push(`${field}.${name}: not resolved in the lock`);
  }
}
if (problems.length) {
  console.error(`package-lock.json does not match package.json:\n  ${problems.join('\n  ')}\nrun "npm install" and commit package-lock.json`);
  process.exit(1);
}
console.log(`package-lock.json matches package.json (${Object.keys(lock.packages).length - 1} packages locked)`);
