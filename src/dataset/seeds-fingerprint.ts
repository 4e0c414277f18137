import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listSeedFiles } from './read-seeds';

/** A SHA-256 of the seed files loading reads (their paths within `dir` and their bytes): the same seeds, the same fingerprint. */
export function seedsFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const path of listSeedFiles(dir)) {
    const bytes = readFileSync(path);
    hash.update(`${relative(dir, path)}\0${bytes.byteLength}\0`).update(bytes);
  }
  return hash.digest('hex');
}
