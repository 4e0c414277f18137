import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { InspectionOutcome } from '../../domain/model';
import { parseDayMonthYear } from './day-month-year';
import type { ImportProblem } from './import-problem';
import { findTable } from './table';

/**
 * The full inspections of the 2023 framework, compiled from Ofsted's reports by Data to Insight.
 * Missing is not malformed: an empty date, an outcome the compiler could not read ("nan") and a
 * due date it could not work out are recorded as unknown, with why; other unreadable text is refused.
 */

const COLUMNS = [
  'ltla23cd',
  'local_authority',
  'inspection_link',
  'outcome_grade',
  'previous_inspection_date',
  'inspection_start_date',
  'inspection_end_date',
  'publication_date',
  'next_inspection_by_date',
  'inspection_outcome_text',
] as const;
type Column = (typeof COLUMNS)[number];

const GRADES: Record<string, InspectionOutcome> = { '1': 'POSITIVE', '2': 'INCONSISTENT', '3': 'SYSTEMIC_FAILINGS' };

/** Texts the compiler writes where it found no value. */
const NOT_FOUND_OUTCOME = 'nan';
const NOT_FOUND_DATE = /^(last inspection date not provided|next inspection time frame not found)$/i;
/** The compiler's "no previous inspection found". */
const NO_PREVIOUS = '1900-01-01';

export interface SecondFrameworkRow {
  at: string;
  code: string;
  name: string;
  reportUrl: string | null;
  outcome: InspectionOutcome | null;
  /** Why a value is unknown, in words for the record's notes. */
  unknown: string[];
  previousInspectionOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
  publishedOn: string | null;
  nextInspectionDueBy: string | null;
}

export function readOutcomes2023(path: string, problems: ImportProblem[]): SecondFrameworkRow[] {
  const file = basename(path);
  let cells: string[][];
  try {
    cells = parseCsv(readFileSync(path), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    problems.push({ file, row: '(file)', column: '', message: `cannot be read as CSV: ${(err as Error).message}` });
    return [];
  }
  const table = findTable<Column>(file, cells, COLUMNS, problems);
  return (table?.rows ?? []).map((r) => {
    const at = `row ${r.number} (${r.cell('local_authority') || r.cell('ltla23cd')})`;
    const refuse = (column: Column, message: string) => problems.push({ file, row: at, column, message });
    const unknown: string[] = [];
    const date = (column: Column, what: string): string | null => {
      const text = r.cell(column);
      if (text === '' || NOT_FOUND_DATE.test(text)) {
        unknown.push(`the table gives no ${what}${text ? ` ("${text}")` : ''}`);
        return null;
      }
      const iso = parseDayMonthYear(text);
      if (!iso) refuse(column, `"${text}" is not a date written dd/mm/yy or dd/mm/yyyy`);
      return iso;
    };
    const grade = r.cell('outcome_grade');
    let outcome: InspectionOutcome | null = null;
    if (grade.toLowerCase() === NOT_FOUND_OUTCOME) {
      unknown.push(`the compiler could not read the outcome (outcome_grade "${grade}": "${r.cell('inspection_outcome_text')}")`);
    } else {
      outcome = GRADES[grade.replace(/\.0$/, '')] ?? null;
      if (!outcome) refuse('outcome_grade', `"${grade}" is not an outcome grade (1, 2 or 3, or nan where the outcome could not be read)`);
    }
    // Checked, but not relied on: see the source's notes (import-outcomes.ts).
    const previousText = r.cell('previous_inspection_date');
    const previous = previousText ? parseDayMonthYear(previousText) : null;
    if (previousText && !previous) refuse('previous_inspection_date', `"${previousText}" is not a date written dd/mm/yy or dd/mm/yyyy`);
    const link = r.cell('inspection_link');
    if (link && !/^https:\/\/\S+$/.test(link)) refuse('inspection_link', `"${link}" is not an https address`);
    return {
      at,
      code: r.cell('ltla23cd'),
      name: r.cell('local_authority'),
      reportUrl: link || null,
      outcome,
      unknown,
      previousInspectionOn: previous === NO_PREVIOUS ? null : previous,
      startedOn: date('inspection_start_date', 'inspection start date'),
      endedOn: date('inspection_end_date', 'inspection end date'),
      publishedOn: date('publication_date', 'publication date'),
      nextInspectionDueBy: date('next_inspection_by_date', 'date the next inspection is due by'),
    };
  });
}
