import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '../src/domain/model';
import { loadDataset } from '../src/dataset/load-dataset';
import { generateDataset } from '../src/synthetic/generate';
import { MemoryStore } from '../src/store/memory/memory-store';
import { SEEDS_DIR } from './helpers';

/**
 * The synthetic national dataset (`npm run cli -- generate --scale national`, seed 42), where
 * heavy answers exist: 152 areas, about 13,000 findings, patterns shared by hundreds of areas.
 * Generated into a temporary directory once per test file and removed when the process ends.
 */
export const NATIONAL_SEED = 42;

let dir: string | null = null;
export function nationalSeedsDir(): string {
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'send-graph-national-'));
    generateDataset({ scale: 1, seed: NATIONAL_SEED, outDir: made, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    dir = made;
  }
  return dir;
}

let bundle: Bundle | null = null;
export async function nationalStore(): Promise<MemoryStore> {
  bundle ??= loadDataset(nationalSeedsDir());
  const store = new MemoryStore();
  await store.load(bundle);
  return store;
}

/** Ids that exist in the national dataset, for generated documents. */
export const NATIONAL_IDS = [
  'area-000', 'area-151', 'east-midlands', 'london', 'ehc-plan-quality', 'area-000-council', 'ccg-000', 'ccg-merged-000', 'icb-000',
  'trust-000', 'ofsted', 'area-000-inspection-1', 'area-000-inspection-1-f01', 'report-area-000', 'area-000-director', 'synthetic-reference',
];
