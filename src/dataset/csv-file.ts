import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import type { ImportProblem } from './outcomes/import-problem';

/** One record of a CSV file and the line it ends on (a quoted field may span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * The records of a reference CSV file (a byte-order mark and CRLF allowed, empty lines skipped).
 * A file that cannot be read or is not well-formed CSV is a problem naming the file and line, and
 * null. Records of differing lengths are malformed unless `relaxColumnCount`, for importers that
 * check the lengths themselves.
 */
export function readCsvRecords(path: string, problems: ImportProblem[], options: { relaxColumnCount?: boolean } = {}): CsvRecord[] | null {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    problems.push({ file, row: '(file)', column: '', message: `cannot be read (${(err as Error).message})` });
    return null;
  }
  try {
    const records = parseCsv(bytes, { bom: true, info: true, skip_empty_lines: true, relax_column_count: options.relaxColumnCount ?? false }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (err) {
    const line = err instanceof CsvError ? (err as CsvError & { lines?: number }).lines : undefined;
    const message = (err as Error).message.replace(/^Invalid Record Length: /, '');
    problems.push({ file, row: line ? `line ${line}` : '(file)', column: '', message: `is not well-formed CSV: ${message}` });
    return null;
  }
}
