import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { InspectionOutcome } from '../../domain/model';
import { parseDayMonthYear, parseMonthYear } from './day-month-year';
import type { ImportProblem } from './import-problem';
import { findTable } from './table';

/**
 * Ofsted's official statistics "Area SEND inspections and outcomes in England" (as at 31 August
 * 2022): one row per area for the whole 2016 framework, read from the .ods as published.
 */

export const DATA_SHEET = 'Area_SEND_up_to_31_Aug_2022';

const COLUMNS = [
  'Local authority code',
  'Area name',
  'Inspection start date',
  'Inspection publication date',
  'Inspection outcome: written statement of action required?',
  'Number significant weaknesses identified in written statement of action',
  'Revisit start date',
  'Revisit publication date',
  'Revisit outcome: sufficient progress in addressing all significant weaknesses?',
  'Number significant weaknesses where sufficient progress has been made',
  'Number significant weaknesses where sufficient progress has not been made',
] as const;
type Column = (typeof COLUMNS)[number];

export interface FirstFrameworkRow {
  /** Where the row is, for messages. */
  at: string;
  code: string;
  name: string;
  startedOn: string;
  publishedOn: string;
  wsoaRequired: boolean;
  significantWeaknesses: number | null;
  revisit: {
    startedOn: string;
    publishedOn: string;
    outcome: InspectionOutcome;
    withProgress: number | null;
    withoutProgress: number | null;
  } | null;
}

/** An inspection the publisher gives only in a note (areas replaced since, not rows of the table). */
export interface NotedInspection {
  note: string;
  name: string;
  /** "2017-01": the note gives the month. */
  startedOn: string;
  wsoaRequired: boolean;
  revisit: { startedOn: string; outcome: InspectionOutcome } | null;
}

const REVISIT_OUTCOMES: Record<string, InspectionOutcome> = {
  yes: 'SUFFICIENT_PROGRESS',
  some: 'PARTIAL_PROGRESS',
  no: 'INSUFFICIENT_PROGRESS',
};
/** How the table says a revisit has not happened: missing, not malformed. */
const NOT_REVISITED = new Set(['', 'not revisited yet']);

export function readStatistics2016(path: string, problems: ImportProblem[]): { rows: FirstFrameworkRow[]; noted: NotedInspection[]; unreadNotes: string[] } {
  const file = basename(path);
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(readFileSync(path), { type: 'buffer' });
  } catch (err) {
    problems.push({ file, row: '(file)', column: '', message: `cannot be read as a spreadsheet: ${(err as Error).message}` });
    return { rows: [], noted: [], unreadNotes: [] };
  }
  const sheet = book.Sheets[DATA_SHEET];
  if (!sheet) {
    problems.push({ file, row: '(file)', column: '', message: `has no sheet "${DATA_SHEET}" (it has ${book.SheetNames.join(', ')})` });
    return { rows: [], noted: [], unreadNotes: [] };
  }
  // Cells as the sheet shows them: dates in the publisher's dd/mm/yyyy, whatever the reader's time zone.
  const cells = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
  const table = findTable<Column>(file, cells, COLUMNS, problems);
  const rows: FirstFrameworkRow[] = [];
  for (const r of table?.rows ?? []) {
    const at = `row ${r.number} (${r.cell('Area name') || r.cell('Local authority code')})`;
    const refuse = (column: Column, message: string) => problems.push({ file, row: at, column, message });
    const date = (column: Column) => {
      const iso = parseDayMonthYear(r.cell(column));
      if (!iso) refuse(column, `"${r.cell(column)}" is not a date written dd/mm/yyyy`);
      return iso ?? '';
    };
    const count = (column: Column) => {
      const text = r.cell(column);
      if (text === '') return null;
      if (!/^\d+$/.test(text)) refuse(column, `"${text}" is not a whole number`);
      return Number(text);
    };
    const wsoa = r.cell('Inspection outcome: written statement of action required?').toLowerCase();
    if (wsoa !== 'yes' && wsoa !== 'no') refuse('Inspection outcome: written statement of action required?', `"${wsoa}" is neither Yes nor No`);
    const revisitStart = r.cell('Revisit start date');
    let revisit: FirstFrameworkRow['revisit'] = null;
    if (!NOT_REVISITED.has(revisitStart.toLowerCase())) {
      const said = r.cell('Revisit outcome: sufficient progress in addressing all significant weaknesses?').toLowerCase();
      const outcome = REVISIT_OUTCOMES[said];
      if (!outcome) refuse('Revisit outcome: sufficient progress in addressing all significant weaknesses?', `"${said}" is not Yes, Some or No`);
      revisit = {
        startedOn: date('Revisit start date'),
        publishedOn: date('Revisit publication date'),
        outcome,
        withProgress: count('Number significant weaknesses where sufficient progress has been made'),
        withoutProgress: count('Number significant weaknesses where sufficient progress has not been made'),
      };
    }
    rows.push({
      at,
      code: r.cell('Local authority code'),
      name: r.cell('Area name'),
      startedOn: date('Inspection start date'),
      publishedOn: date('Inspection publication date'),
      wsoaRequired: wsoa === 'yes',
      significantWeaknesses: count('Number significant weaknesses identified in written statement of action'),
      revisit,
    });
  }
  const { noted, unread } = readNotes(book);
  return { rows, noted, unreadNotes: unread };
}

const NOTE_OUTCOMES: Record<string, InspectionOutcome> = { all: 'SUFFICIENT_PROGRESS', some: 'PARTIAL_PROGRESS', no: 'INSUFFICIENT_PROGRESS' };
const NOTE = /^(.+?) were inspected in ([A-Za-z]+ \d{4}) and (required|did not require) a WSoA\.(?: The revisit took place in ([A-Za-z]+ \d{4}) and .*? sufficient progress in addressing (all|some|no) significant weaknesses\.)?/;

/**
 * The Notes sheet gives the inspections of two areas replaced since (Dorset, Northamptonshire) in
 * sentences of one form. Those are read; any other note that names an inspection is listed, not guessed.
 */
function readNotes(book: XLSX.WorkBook): { noted: NotedInspection[]; unread: string[] } {
  const sheet = book.Sheets.Notes;
  if (!sheet) return { noted: [], unread: [] };
  const noted: NotedInspection[] = [];
  const unread: string[] = [];
  for (const [number, text] of XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' })) {
    const m = NOTE.exec(String(text ?? ''));
    if (!m) {
      if (/were inspected in/i.test(String(text))) unread.push(`note ${number}: ${text}`);
      continue;
    }
    const startedOn = parseMonthYear(m[2]);
    const revisitOn = m[4] ? parseMonthYear(m[4]) : null;
    if (!startedOn || (m[4] && !revisitOn)) {
      unread.push(`note ${number}: ${text}`);
      continue;
    }
    noted.push({
      note: `note ${number}`,
      name: m[1],
      startedOn,
      wsoaRequired: m[3] === 'required',
      revisit: revisitOn ? { startedOn: revisitOn, outcome: NOTE_OUTCOMES[m[5].toLowerCase()] } : null,
    });
  }
  return { noted, unread };
}
