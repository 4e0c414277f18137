import type { InspectionRow } from './model';

/**
 * An inspection's place in time: its start date, else its publication date (three 2023-framework
 * rows give only the latter). Partial ISO dates compare as text, coarser first ("2017" < "2017-01").
 */
export const inspectionDate = (i: Pick<InspectionRow, 'startedOn' | 'publishedOn'>): string => i.startedOn ?? i.publishedOn ?? '';

/** Date order, ties (and undated inspections, first) by id: the order `Area.inspections` answers in. */
export const byInspectionDate = (a: InspectionRow, b: InspectionRow): number => {
  const da = inspectionDate(a), db = inspectionDate(b);
  return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** The outcome of the latest inspection (null when that one's outcome is not known). */
export const latestOutcome = (inspections: readonly InspectionRow[]): InspectionRow['outcome'] =>
  inspections.length ? [...inspections].sort(byInspectionDate)[inspections.length - 1].outcome : null;

/**
 * Whether a date (an ISO prefix) falls from `from` up to `to`, both ISO prefixes and included:
 * `to: "2023"` takes in every date of 2023. An undated inspection falls in no range.
 */
export function inDateRange(date: string | null, from: string | null | undefined, to: string | null | undefined): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date >= from) && (!to || date.slice(0, to.length) <= to);
}
