import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bundle } from '../src/domain/model';
import { loadDataset } from '../src/dataset/load-dataset';
import { SeedError } from '../src/dataset/seed-error';

export const SEEDS_DIR = resolve(__dirname, '..', 'seeds');

let cached: Bundle | null = null;
/** The project's real seeds, read once per test file. */
export function seedBundle(): Bundle {
  cached ??= loadDataset(SEEDS_DIR);
  return cached;
}

/** A scratch copy of the real seeds to break in one way. */
export function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-seeds-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

export function editFile(path: string, edit: (text: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${path} changed nothing: the test's search text is stale`);
  writeFileSync(path, after);
}

/** The problems loading a broken copy of the seeds reports; fails the test if it loads. */
export function problemsOf(dir: string) {
  try {
    loadDataset(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as SeedError).problems;
  }
  throw new Error('expected the seeds to be rejected');
}
