import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeFingerprint } from '../../code-fingerprint';
import { loadDataset } from '../../dataset/load-dataset';
import { seedsFingerprint } from '../../dataset/seeds-fingerprint';
import type { Logger } from '../../log';
import { restoreIndexes, saveIndexes } from './graph-snapshot';
import { buildIndexes } from './memory-indexes';
import { MemoryStore } from './memory-store';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where the snapshot of a seeds directory is kept: one file per directory, replaced when its seeds change. */
export const snapshotPath = (cacheDir: string, seedsDir: string) => join(cacheDir, `graph-${sha256(resolve(seedsDir)).slice(0, 16)}.snapshot`);

/**
 * The embedded store for a seeds directory. With a cache directory, the graph and its indexes are
 * restored from the snapshot made from the same seed files by the same code, when there is one,
 * and otherwise built from the seeds (read and validated in full) and saved for next time. A
 * snapshot that is damaged is rebuilt, never used; one that cannot be written costs a warning.
 */
export async function openMemoryStore(seedsDir: string, cacheDir: string | null, logger: Logger): Promise<MemoryStore> {
  const store = new MemoryStore();
  // A seeds directory that cannot be read is for loadDataset to report, in its own words.
  if (!cacheDir || !existsSync(seedsDir)) {
    store.serve(buildIndexes(loadDataset(seedsDir)));
    return store;
  }
  const path = snapshotPath(cacheDir, seedsDir);
  let started = performance.now();
  const key = sha256(`${codeFingerprint()}\n${seedsFingerprint(seedsDir)}`);
  try {
    const restored = restoreIndexes(path, key);
    if (restored) {
      store.serve(restored);
      logger.info({ cache: path, ms: Math.round(performance.now() - started) }, `graph restored from ${path} (the seeds have not changed)`);
      return store;
    }
    logger.info({ cache: path }, 'no snapshot of these seeds with this code yet: reading the seeds');
  } catch (err) {
    logger.warn({ cache: path, reason: (err as Error).message }, 'the snapshot cannot be used; reading the seeds and making it again');
  }
  const built = buildIndexes(loadDataset(seedsDir));
  store.serve(built);
  started = performance.now();
  try {
    saveIndexes(path, key, built);
    logger.info({ cache: path, ms: Math.round(performance.now() - started) }, `snapshot saved to ${path}`);
  } catch (err) {
    logger.warn({ cache: path, reason: (err as Error).message }, `could not save the snapshot (set CACHE_DIR to a writable directory, or to "off"); serving without it`);
  }
  return store;
}
