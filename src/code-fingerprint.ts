import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root';

let memo: string | null = null;

/**
 * A SHA-256 of the code running: the compiled bundle (dist/cli.js) when this runs from it, or
 * every file under src/ when it runs from the sources. Anything saved by one version of the code
 * is not read by another.
 */
export function codeFingerprint(): string {
  if (memo) return memo;
  const hash = createHash('sha256');
  const files = __filename.endsWith('.ts') ? listFiles(join(packageRoot(), 'src')) : [__filename];
  for (const file of files) hash.update(file.slice(packageRoot().length)).update(readFileSync(file));
  return (memo = hash.digest('hex'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
