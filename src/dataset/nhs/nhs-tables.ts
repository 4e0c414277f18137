import { basename } from 'node:path';
import { readCsvRecords } from '../csv-file';
import type { ImportProblem } from '../outcomes/import-problem';

/**
 * The NHS reference files read as rows of text, each row with its line in the file. A file that
 * cannot be parsed, or a row with more or fewer fields than the file's others (a file cut short),
 * is a problem naming the file and line; nothing is guessed.
 */

export interface Row {
  line: number;
  cell: (column: string) => string;
}
export interface NhsTable {
  file: string;
  rows: Row[];
}

const parse = (path: string, problems: ImportProblem[]): string[][] | null =>
  readCsvRecords(path, problems, { relaxColumnCount: true })?.map((r) => r.cells) ?? null;

/** A CSV file with a header row naming (at least) `columns`. */
export function readHeaded(path: string, columns: readonly string[], problems: ImportProblem[]): NhsTable | null {
  const cells = parse(path, problems);
  if (!cells) return null;
  const file = basename(path);
  const header = cells[0] ?? [];
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = columns.filter((c) => !index.has(c));
  if (missing.length) {
    problems.push({ file, row: 'line 1 (header)', column: missing.join(', '), message: 'is missing: the importer reads these columns by name; is this the right file?' });
    return null;
  }
  return rowsOf(file, cells.slice(1), header.length, 2, (r, c) => r[index.get(c)!] ?? '', columns, problems);
}

/** A CSV file without a header (the ODS files): columns are numbered from 1, as the ODS documents them. */
export function readNumbered(path: string, width: number, required: readonly number[], problems: ImportProblem[]): NhsTable | null {
  const cells = parse(path, problems);
  if (!cells) return null;
  return rowsOf(basename(path), cells, width, 1, (r, c) => r[Number(c) - 1] ?? '', required.map(String), problems);
}

function rowsOf(
  file: string, cells: string[][], width: number, firstLine: number, get: (r: string[], c: string) => string,
  required: readonly string[], problems: ImportProblem[],
): NhsTable | null {
  const rows: Row[] = [];
  const before = problems.length;
  cells.forEach((r, i) => {
    const line = firstLine + i;
    if (r.length !== width) {
      problems.push({ file, row: `line ${line}`, column: '', message: `has ${r.length} fields where the file's others have ${width}: is the file cut short or malformed?` });
      return;
    }
    const empty = required.filter((c) => get(r, c).trim() === '');
    if (empty.length) {
      problems.push({ file, row: `line ${line}`, column: empty.join(', '), message: 'is empty: every row must give it' });
      return;
    }
    rows.push({ line, cell: (c) => get(r, c).trim() });
  });
  if (problems.length > before + 20) problems.splice(before + 20, Infinity, { file, row: '(file)', column: '', message: 'and more rows like these' });
  return problems.length > before ? null : { file, rows };
}

/** An ODS date, `yyyymmdd`, as ISO; a problem when present but not a real date. */
export function odsDate(table: NhsTable, row: Row, column: number, problems: ImportProblem[]): string | null {
  const v = row.cell(String(column));
  if (v === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    problems.push({ file: table.file, row: `line ${row.line}`, column: `column ${column}`, message: `"${v}" is not a date written yyyymmdd` });
    return null;
  }
  return iso;
}

/**
 * Names by code, as files give them: a code given two different names (in one file, or across
 * the files that must agree) is refused with both places.
 */
export class CodeNames {
  private readonly seen = new Map<string, { name: string; at: string }>();

  constructor(private readonly problems: ImportProblem[]) {}

  add(code: string, name: string, file: string, line: number): void {
    const at = `${file} line ${line}`;
    const before = this.seen.get(code);
    if (!before) this.seen.set(code, { name, at });
    else if (before.name.toLowerCase() !== name.toLowerCase()) {
      this.problems.push({
        file, row: `line ${line}`, column: '',
        message: `code ${code} is named "${name}" here but "${before.name}" at ${before.at}: one code, one body`,
      });
    }
  }

  get(code: string): string | undefined {
    return this.seen.get(code)?.name;
  }
}
