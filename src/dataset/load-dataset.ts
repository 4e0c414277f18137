import { existsSync } from 'node:fs';
import type { Bundle } from '../domain/model';
import { buildBundle } from './build-bundle';
import { readSeedFiles } from './read-seeds';
import { SeedError, type SeedProblem } from './seed-error';

/** Reads and validates every seed file under `dir`; throws SeedError (and returns nothing) if any is bad. */
export function loadDataset(dir: string, options: { maxFileBytes?: number } = {}): Bundle {
  const problems: SeedProblem[] = [];
  if (!existsSync(dir)) {
    throw new SeedError([{ file: dir, record: '(directory)', field: '', message: 'does not exist: set SEEDS_DIR to the seeds directory' }]);
  }
  const files = readSeedFiles(dir, problems, options.maxFileBytes);
  if (files.length === 0 && problems.length === 0) {
    problems.push({ file: dir, record: '(directory)', field: '', message: 'holds no .yaml, .yml or .json seed files' });
  }
  // Cross-file rules need every file read; checking them against a partial set would only add noise.
  if (problems.length > 0) throw new SeedError(problems);
  const bundle = buildBundle(files, problems);
  if (problems.length > 0) throw new SeedError(problems);
  return bundle;
}

export function countByLabel(bundle: Bundle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of bundle.nodes) counts[n.label] = (counts[n.label] ?? 0) + 1;
  return counts;
}
