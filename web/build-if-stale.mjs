#!/usr/bin/env node
// Builds the explorer page (web/dist) when it is missing or older than anything it is built from,
// so that `npm start` on a fresh clone serves it with no separate step. `npm run build:web` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('.', import.meta.url));
const built = join(web, 'dist', 'index.html');
const inputs = [join(web, '..', 'package-lock.json'), join(web, 'index.html'), join(web, 'graphiql.html'), join(web, 'vite.config.mts')];
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
inputs.push(...walk(join(web, 'src')), ...walk(join(web, 'public')));

const newest = Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
if (existsSync(built) && statSync(built).mtimeMs >= newest) process.exit(0);

console.log(existsSync(built) ? 'The explorer page is older than its sources: building it (vite)…' : 'Building the explorer page (vite, once)…');
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.mts') });
console.log('Built web/dist.');
