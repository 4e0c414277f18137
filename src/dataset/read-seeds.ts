import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { seedFileSchema, type SeedFile } from './seed-schema';
import type { SeedProblem } from './seed-error';

export interface ParsedSeedFile {
  /** Path relative to the seeds directory, used in every message. */
  file: string;
  seed: SeedFile;
}

const SEED_EXTENSIONS = /\.(ya?ml|json)$/i;

export function listSeedFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SEED_EXTENSIONS.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Names the record an issue path points into, with its id when it has one. */
function locate(raw: unknown, path: readonly PropertyKey[]): { record: string; field: string } {
  if (path.length < 2 || typeof path[1] !== 'number') {
    return { record: '(file)', field: path.map(String).join('.') };
  }
  const [section, index, ...rest] = path;
  const rec = (raw as Record<string, unknown[]>)[section as string]?.[index as number] as { id?: unknown } | undefined;
  const id = rec && typeof rec.id === 'string' ? ` "${rec.id}"` : '';
  const field = rest.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
  return { record: `${String(section)}[${index}]${id}`, field };
}

const valueAt = (raw: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.path.length > 0 && valueAt(raw, issue.path) === undefined) return `is required: ${issue.message}`;
  return issue.message;
}

export function parseSeedText(file: string, text: string, problems: SeedProblem[]): ParsedSeedFile | null {
  let raw: unknown;
  try {
    raw = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    problems.push({ file, record: '(file)', field: '', message: `cannot be parsed: ${(err as Error).message.split('\n')[0]}` });
    return null;
  }
  if (raw === null || raw === undefined) raw = {};
  const result = seedFileSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const { record, field } = locate(raw, issue.path);
      problems.push({ file, record, field, message: describeIssue(raw, issue) });
    }
    return null;
  }
  return { file, seed: result.data };
}

/** Far above any real document's seed file; a larger one is a mistake (a data dump, a wrong file), not seeds. */
export const MAX_SEED_FILE_BYTES = 50 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or a problem saying why it cannot be read as seed text. */
export function decodeSeedFile(file: string, bytes: Uint8Array, problems: SeedProblem[]): string | null {
  const refuse = (message: string) => (problems.push({ file, record: '(file)', field: '', message }), null);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return refuse('is UTF-16 text: save it as UTF-8');
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return refuse('is not valid UTF-8 text (perhaps Latin-1 or Windows-1252): save it as UTF-8');
  }
}

/** One seed file read, decoded, parsed and validated; null (with problems) if it cannot be. */
export function readSeedFile(dir: string, path: string, problems: SeedProblem[], maxFileBytes = MAX_SEED_FILE_BYTES): ParsedSeedFile | null {
  const file = relative(dir, path);
  const size = statSync(path).size;
  if (size > maxFileBytes) {
    // Refused before reading, so a huge file never fills memory.
    problems.push({ file, record: '(file)', field: '', message: `is ${size} bytes, over the ${maxFileBytes}-byte limit for a seed file: split it, one file per source document` });
    return null;
  }
  const text = decodeSeedFile(file, readFileSync(path), problems);
  return text === null ? null : parseSeedText(file, text, problems);
}
