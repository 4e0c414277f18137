import { existsSync, statSync } from 'node:fs';
import type { Bundle } from '../domain/model';
import { buildBundle, type SeedFilePasses } from './build-bundle';
import { listSeedFiles, readSeedFile, type ParsedSeedFile } from './read-seeds';
import { SeedError, type SeedProblem } from './seed-error';

/**
 * Seeds up to this size are held in memory between the two passes over them; larger ones are read
 * twice, so that the parsed files and the graph built from them are never all in memory at once.
 */
export const HOLD_SEEDS_BYTES = 64 * 1024 * 1024;

export interface LoadOptions {
  maxFileBytes?: number;
  holdBytes?: number;
}

/** Reads and validates every seed file under `dir`; throws SeedError (and returns nothing) if any is bad. */
export function loadDataset(dir: string, options: LoadOptions = {}): Bundle {
  if (!existsSync(dir)) {
    throw new SeedError([{ file: dir, record: '(directory)', field: '', message: 'does not exist: set SEEDS_DIR to the seeds directory' }]);
  }
  const paths = listSeedFiles(dir);
  if (paths.length === 0) {
    throw new SeedError([{ file: dir, record: '(directory)', field: '', message: 'holds no .yaml, .yml or .json seed files' }]);
  }
  const readProblems: SeedProblem[] = [];
  const read = function* (): Generator<ParsedSeedFile> {
    for (const path of paths) {
      const file = readSeedFile(dir, path, readProblems, options.maxFileBytes);
      if (file) yield file;
    }
  };
  const hold = paths.reduce((sum, p) => sum + statSync(p).size, 0) <= (options.holdBytes ?? HOLD_SEEDS_BYTES);
  const held: (ParsedSeedFile | undefined)[] = [];
  const passes: SeedFilePasses = {
    first: hold ? keeping(read(), held) : read(),
    second: () => {
      // Cross-file rules need every file read; checking them against a partial set would only add noise.
      if (readProblems.length > 0) throw new SeedError(readProblems);
      return hold ? releasing(held) : read();
    },
  };
  const problems: SeedProblem[] = [];
  const bundle = buildBundle(passes, problems);
  if (readProblems.length > 0 || problems.length > 0) throw new SeedError([...readProblems, ...problems]);
  return bundle;
}

function* keeping<T>(items: Iterable<T>, into: (T | undefined)[]): Generator<T> {
  for (const item of items) {
    into.push(item);
    yield item;
  }
}

/** Hands over each item and lets it go, so memory is freed as the second pass goes on. */
function* releasing<T>(items: (T | undefined)[]): Generator<T> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    items[i] = undefined;
    yield item;
  }
}

export function countByLabel(bundle: Bundle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of bundle.nodes) counts[n.label] = (counts[n.label] ?? 0) + 1;
  return counts;
}
