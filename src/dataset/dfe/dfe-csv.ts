import { basename } from 'node:path';
import { readCsvRecords } from '../csv-file';
import type { ImportProblem } from '../outcomes/import-problem';

/** A DfE CSV file as rows of cells read by column name, each row with its line in the file. */
export interface CsvRow<C extends string> {
  line: number;
  cell: (column: C) => string;
}

/** The DfE's marks for a cell with no number: not available, confidential, not applicable, and the older ":" and "..". */
export const SUPPRESSION_MARKS = new Set(['x', 'c', ':', 'z', '..', 'u', 'low']);

/**
 * Reads the file (byte-order mark and CRLF allowed) and checks that it has every column asked for;
 * a file that is not well-formed CSV, or lacks a column, is a problem naming the file and line.
 */
export function readCsv<C extends string>(path: string, columns: readonly C[], problems: ImportProblem[]): CsvRow<C>[] | null {
  const file = basename(path);
  const records = readCsvRecords(path, problems);
  if (!records) return null;
  if (records.length === 0) {
    problems.push({ file, row: '(file)', column: '', message: 'is empty' });
    return null;
  }
  const header = records[0].cells.map((h) => h.trim());
  const index = new Map<C, number>();
  for (const c of columns) {
    const i = header.indexOf(c);
    if (i < 0) problems.push({ file, row: 'line 1 (header)', column: c, message: 'is missing: the importer reads this column by its name' });
    else index.set(c, i);
  }
  if (index.size < columns.length) return null;
  return records.slice(1).map(({ cells, line }) => ({ line, cell: (c: C) => (cells[index.get(c)!] ?? '').trim() }));
}

/** A cell as a number; null for a suppression mark; a problem (and undefined) for anything else, empty included. */
export function numberCell(text: string, where: () => Omit<ImportProblem, 'message'>, problems: ImportProblem[]): number | null | undefined {
  if (SUPPRESSION_MARKS.has(text.toLowerCase())) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  problems.push({ ...where(), message: text === '' ? 'is empty: a cell with no number carries a mark (x, c, z, ...)' : `"${text}" is neither a number nor a suppression mark (x, c, :, z, ..)` });
  return undefined;
}
