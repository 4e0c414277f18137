#!/usr/bin/env node
// Builds the explorer page (web/dist) when it is missing or older than anything it is built from,
// so that `npm start` on a fresh clone serves it with no separate step (npm runs this before
// starting, as scripts/ensure-server-built.js does for the server). `npm run build:web` always builds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import newerThan from '../scripts/newer-than.js';

const web = fileURLToPath(new URL('.', import.meta.url));
const built = join(web, 'dist', 'index.html');
const inputs = ['src', 'public', 'index.html', 'graphiql.html', 'vite.config.mts', join('..', 'package-lock.json')].map((path) => join(web, path));

if (!newerThan.needsBuild(built, inputs)) process.exit(0);

console.log(existsSync(built) ? 'The explorer page is older than its sources: building it (vite)…' : 'Building the explorer page (vite, once)…');
let vite;
try {
  vite = await import('vite');
} catch {
  console.error('The explorer page cannot be built without vite, a dev dependency: run "npm install", then "npm run build:web"');
  process.exit(1);
}
await vite.build({ configFile: join(web, 'vite.config.mts') });
console.log('Built web/dist.');
