import { basename } from 'node:path';
import { ENGLAND_ID, sameMeasure } from '../../domain/context';
import type { ImportProblem } from '../outcomes/import-problem';
import { numberCell, readCsv } from './dfe-csv';
import type { IndicatorColumns, IndicatorDefinition } from './indicators';
import type { SubjectResolver } from './subjects';

/** Where a number was read: what a disagreement names. */
export interface CellAt {
  file: string;
  line: number;
  column: string;
}
export interface StatPoint {
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  at: CellAt;
}
/** Indicator id -> subject id -> year -> point. */
export type SeriesTable = Map<string, Map<string, Map<number, StatPoint>>>;

export interface StatisticsFile {
  file: string;
  indicators: IndicatorDefinition[];
  series: SeriesTable;
  /** Rows resolved through a code of an authority since replaced, or a name, as `name (code) year -> area`. */
  resolvedByChange: string[];
}

const ID_COLUMNS = ['time_period', 'geographic_level', 'region_name', 'new_la_code', 'old_la_code', 'la_name'] as const;

/**
 * One DfE statistics file read into series: each row's subject (England, a region, or the area the
 * row's codes and name mean at the end of its year), each indicator's cells as numbers or unknown.
 * An indicator covers the years in which England has a value; other years' cells are not applicable.
 * `keep` picks the rows to read (the timeliness file's headline rows).
 */
export function readStatistics(
  path: string,
  columns: IndicatorColumns[],
  subjects: SubjectResolver,
  problems: ImportProblem[],
  keep: (cell: (c: string) => string) => boolean = () => true,
  extraColumns: string[] = [],
): StatisticsFile {
  const file = basename(path);
  const wanted = [...new Set([...ID_COLUMNS, ...extraColumns, ...columns.flatMap((c) => [c.value, c.numerator, c.denominator].filter((x): x is string => !!x))])];
  const rows = readCsv(path, wanted, problems) ?? [];
  const series: SeriesTable = new Map(columns.map((c) => [c.indicator.id, new Map()]));
  const seenRow = new Map<string, number>();
  const resolvedByChange = new Set<string>();
  for (const row of rows) {
    const cell = row.cell as (c: string) => string;
    if (!keep(cell)) continue;
    const where = (column: string) => () => ({ file, row: `line ${row.line} (${cell('la_name') || cell('region_name') || cell('geographic_level')} ${cell('time_period')})`, column });
    const year = Number(cell('time_period'));
    if (!/^\d{4}$/.test(cell('time_period'))) {
      problems.push({ ...where('time_period')(), message: `"${cell('time_period')}" is not a calendar year` });
      continue;
    }
    const subject = subjects.resolve(cell('geographic_level'), cell('region_name'), cell('la_name'), cell('new_la_code'), cell('old_la_code'), year);
    if ('reason' in subject) {
      problems.push({ ...where(cell('geographic_level') === 'Regional' ? 'region_name' : 'new_la_code')(), message: subject.reason });
      continue;
    }
    if (subject.byChange) resolvedByChange.add(`${cell('la_name')} (${cell('new_la_code')}, ${cell('old_la_code')}) ${year} -> ${subject.id}`);
    const key = `${subject.id}|${year}`;
    const first = seenRow.get(key);
    if (first !== undefined) {
      problems.push({ ...where('time_period')(), message: `duplicates line ${first}: both are ${subject.id} in ${year}` });
      continue;
    }
    seenRow.set(key, row.line);
    // A column several indicators read (a denominator) is read, and reported, once.
    const parsed = new Map<string, number | null | undefined>();
    const read = (column: string | undefined) => {
      if (!column) return null;
      if (!parsed.has(column)) parsed.set(column, numberCell(cell(column), where(column), problems));
      return parsed.get(column);
    };
    for (const c of columns) {
      const value = read(c.value), numerator = read(c.numerator), denominator = read(c.denominator);
      if (value === undefined || numerator === undefined || denominator === undefined) continue;
      let bySubject = series.get(c.indicator.id)!.get(subject.id);
      if (!bySubject) series.get(c.indicator.id)!.set(subject.id, (bySubject = new Map()));
      // A percentage of no plans is no percentage (SEN2 prints 0 for 0 of 0 in 2022): unknown, like a suppressed cell.
      const undefinedRate = c.indicator.unit === 'PERCENT' && denominator === 0;
      bySubject.set(year, { year, value: undefinedRate ? null : value, numerator, denominator, at: { file, line: row.line, column: c.value } });
    }
  }
  for (const [, bySubject] of series) {
    const covered = new Set([...(bySubject.get(ENGLAND_ID)?.values() ?? [])].filter((p) => p.value !== null).map((p) => p.year));
    for (const points of bySubject.values()) for (const year of [...points.keys()]) if (!covered.has(year)) points.delete(year);
    for (const [subject, points] of [...bySubject]) if (points.size === 0) bySubject.delete(subject);
  }
  return { file, indicators: columns.map((c) => c.indicator), series, resolvedByChange: [...resolvedByChange].sort() };
}

/**
 * Where two files give the same indicator for the same subject and year, they must agree (value,
 * numerator and denominator, each to the coarser precision); a cell one suppresses and the other
 * gives is not a disagreement. Answers how many values were compared.
 */
export function checkAgreement(a: StatisticsFile, b: StatisticsFile, problems: ImportProblem[]): number {
  let compared = 0;
  for (const [indicator, bySubject] of a.series) {
    const other = b.series.get(indicator);
    if (!other) continue;
    for (const [subject, points] of bySubject) {
      for (const [year, p] of points) {
        const q = other.get(subject)?.get(year);
        if (!q) continue;
        compared++;
        for (const f of ['value', 'numerator', 'denominator'] as const) {
          const x = p[f], y = q[f];
          if (x === null || y === null || sameMeasure(x, y)) continue;
          problems.push({
            file: p.at.file, row: `line ${p.at.line}`, column: p.at.column,
            message: `${indicator} of ${subject} in ${year}: ${f} ${x} here but ${y} in ${q.at.file} line ${q.at.line} (column "${q.at.column}"); the two files give the same measure and must agree`,
          });
        }
      }
    }
  }
  return compared;
}
