import { basename } from 'node:path';
import { CLOSENESS_BANDS, type Closeness } from '../../domain/context';
import type { ImportProblem } from '../outcomes/import-problem';
import { readCsv } from './dfe-csv';
import type { SubjectResolver } from './subjects';

const RANKS = Array.from({ length: 10 }, (_, k) => k + 1);
const NEIGHBOUR_COLUMNS = ['la_code', 'la_name', 'sheet_section', ...RANKS.flatMap((k) => [`sn${k}_la_code`, `sn${k}_la_name`, `sn${k}_closeness`])];

export interface NeighbourSeed {
  area: string;
  edition: string;
  ranked: { area: string; closeness: Closeness }[];
}
export interface NeighbourEdition {
  file: string;
  edition: string;
  seeds: NeighbourSeed[];
  /** Authorities of the edition's main block that it gives no neighbours (named, with why). */
  without: string[];
  /** The sheet's "Old SNs" block, not imported: groups of authorities gone before the edition, undated. */
  old: string[];
}

/** The provider lookup: DfE number to GSS code, for the current authorities (former ones have none there). */
export function readDfeNumbers(path: string, problems: ImportProblem[]): Map<string, string> {
  const file = basename(path);
  const byNumber = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (const row of readCsv(path, ['la_code', 'la_code_new'] as const, problems) ?? []) {
    const n = row.cell('la_code');
    if (!/^\d{3}$/.test(n)) {
      problems.push({ file, row: `line ${row.line}`, column: 'la_code', message: `"${n}" is not a DfE three-digit LA number` });
      continue;
    }
    if (firstLine.has(n)) {
      problems.push({ file, row: `line ${row.line}`, column: 'la_code', message: `duplicates line ${firstLine.get(n)} (LA ${n})` });
      continue;
    }
    firstLine.set(n, row.line);
    if (row.cell('la_code_new')) byNumber.set(n, row.cell('la_code_new'));
  }
  return byNumber;
}

const band = (text: string): Closeness | undefined => {
  const b = text.trim().toUpperCase().replace(/\s+/g, '_');
  return (CLOSENESS_BANDS as readonly string[]).includes(b) ? (b as Closeness) : undefined;
};

/**
 * One edition of the DfE's statistical neighbours: each authority of the main block and its ten
 * neighbours, nearest first, as areas of the edition's date. A DfE number is matched through the
 * provider lookup's GSS code and the authority's name; a number or name that leads to no area that
 * existed then stops the import, naming the file, line and column.
 */
export function readNeighbours(path: string, edition: string, on: string, dfeNumbers: Map<string, string>, subjects: SubjectResolver, problems: ImportProblem[]): NeighbourEdition {
  const file = basename(path);
  const seeds: NeighbourSeed[] = [];
  const without: string[] = [];
  const old: string[] = [];
  const seen = new Map<string, number>();
  const areaOf = (line: number, column: string, n: string, name: string): string | undefined => {
    if (!/^\d{3}$/.test(n)) {
      problems.push({ file, row: `line ${line}`, column, message: `"${n}" is not a DfE three-digit LA number` });
      return undefined;
    }
    const m = subjects.register.match(name, dfeNumbers.get(n) ?? '', on);
    if ('id' in m) return m.id;
    problems.push({ file, row: `line ${line}`, column, message: `LA ${n} "${name}" is no area of the register on ${on}: ${m.reason}` });
    return undefined;
  };
  for (const row of readCsv(path, NEIGHBOUR_COLUMNS, problems) ?? []) {
    const name = `${row.cell('la_name')} (${row.cell('la_code')})`;
    const section = row.cell('sheet_section');
    if (section === 'old') {
      old.push(name);
      continue;
    }
    if (section !== 'current') {
      problems.push({ file, row: `line ${row.line}`, column: 'sheet_section', message: `"${section}" is neither current nor old` });
      continue;
    }
    const key = row.cell('la_code');
    if (seen.has(key)) {
      problems.push({ file, row: `line ${row.line}`, column: 'la_code', message: `duplicates line ${seen.get(key)} (LA ${key})` });
      continue;
    }
    seen.set(key, row.line);
    const ranks = RANKS.filter((k) => row.cell(`sn${k}_la_code`) !== '');
    if (ranks.length === 0) {
      without.push(`${name}: the edition gives it no neighbours`);
      continue;
    }
    if (ranks.length !== ranks[ranks.length - 1]) {
      problems.push({ file, row: `line ${row.line}`, column: `sn${ranks.find((k, i) => k !== i + 1)! - 1}_la_code`, message: 'a neighbour is missing between ranked ones' });
      continue;
    }
    const area = areaOf(row.line, 'la_code', key, row.cell('la_name'));
    const ranked: NeighbourSeed['ranked'] = [];
    for (const k of ranks) {
      const neighbour = areaOf(row.line, `sn${k}_la_code`, row.cell(`sn${k}_la_code`), row.cell(`sn${k}_la_name`));
      const closeness = band(row.cell(`sn${k}_closeness`));
      if (!closeness) problems.push({ file, row: `line ${row.line}`, column: `sn${k}_closeness`, message: `"${row.cell(`sn${k}_closeness`)}" is not a closeness band (${CLOSENESS_BANDS.join(', ')})` });
      if (neighbour && closeness) ranked.push({ area: neighbour, closeness });
    }
    if (area && ranked.length === ranks.length) seeds.push({ area, edition, ranked });
  }
  seeds.sort((a, b) => (a.area < b.area ? -1 : 1));
  return { file, edition, seeds, without, old };
}
