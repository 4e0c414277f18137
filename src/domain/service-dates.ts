import type { AgencyRow, RelRow } from './model';

/**
 * When an agency served an area. A SERVES relationship the NHS lookups date holds from `since`
 * to `until` (ISO dates, both included; no `until`: still). One no source dates (a council, a body
 * a report names) holds while the agency existed (its activeFrom and activeTo, which may be partial).
 * A day asked about may be partial too ("2019", "2017-01"): it counts every day of it.
 */

export interface Days {
  first: string;
  last: string;
}

/** Every day of an ISO date or prefix: "2017" is 2017-01-01 to 2017-12-31. */
export function daysOf(iso: string): Days {
  const [y, m, d] = iso.split('-');
  if (d) return { first: iso, last: iso };
  if (m) return { first: `${y}-${m}-01`, last: `${y}-${m}-31` };
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** Whether a partial date range (either end open) shares a day with `days`; an end "2021" holds to the year's end. */
const overlaps = (from: string | null | undefined, to: string | null | undefined, days: Days) =>
  (!from || from <= days.last) && (!to || to >= days.first.slice(0, to.length));

export const isDated = (rel: RelRow): boolean => rel.since != null || rel.until != null;

export function servedDuring(rel: RelRow, agency: AgencyRow, days: Days): boolean {
  return isDated(rel) ? overlaps(rel.since, rel.until, days) : overlaps(agency.activeFrom, agency.activeTo, days);
}

/** Whether an agency existed on any day of `days`. */
export const activeDuring = (agency: AgencyRow, days: Days): boolean => overlaps(agency.activeFrom, agency.activeTo, days);
