import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listSeedFiles, parseSeedText } from '../dataset/read-seeds';
import { SeedError, type SeedProblem } from '../dataset/seed-error';
import type { SeedFile } from '../dataset/seed-schema';

/**
 * What the ingester knows besides the PDF: the project's reference seeds (areas, councils,
 * health bodies, themes, and the inspections the outcomes import declares). Read through the
 * same parser and schema as every seed file, so a reference the dataset would refuse is refused.
 */

type Area = SeedFile['areas'][number];
type Agency = SeedFile['agencies'][number];
type Inspection = SeedFile['inspections'][number];
type Source = NonNullable<SeedFile['source']>;

export interface Reference {
  areas: Area[];
  agencies: Agency[];
  themes: Set<string>;
  /** Inspections with the file that declares them (its source gives, for instance, the report's address). */
  inspections: { inspection: Inspection; source: Source | null; file: string }[];
  /** Area successions: former area id to its successors. */
  areaSuccessors: Map<string, string[]>;
}

export function readReference(seedsDir: string): Reference {
  const dir = join(seedsDir, 'reference');
  const problems: SeedProblem[] = [];
  const ref: Reference = { areas: [], agencies: [], themes: new Set(), inspections: [], areaSuccessors: new Map() };
  for (const path of listSeedFiles(dir)) {
    const parsed = parseSeedText(relative(seedsDir, path), readFileSync(path, 'utf8'), problems);
    if (!parsed) continue;
    const { seed, file } = parsed;
    ref.areas.push(...seed.areas);
    ref.agencies.push(...seed.agencies);
    for (const t of seed.themes) ref.themes.add(t.id);
    for (const i of seed.inspections) ref.inspections.push({ inspection: i, source: seed.source ?? null, file });
    for (const l of seed.links) {
      if (l.type === 'SUCCEEDED_BY') ref.areaSuccessors.set(l.from, [...(ref.areaSuccessors.get(l.from) ?? []), l.to]);
    }
  }
  if (problems.length) throw new SeedError(problems);
  if (ref.areas.length === 0) throw new SeedError([{ file: dir, record: '(directory)', field: '', message: 'holds no areas: the ingester matches reports to the areas of seeds/reference' }]);
  return ref;
}
