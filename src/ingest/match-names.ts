import type { Reference } from './reference-seeds';
import { ReportRefusal } from './report-parser';

/** Matching the names a report writes to the records of the reference seeds: never guessed, only compared. */

/** A name reduced to the words that tell it apart: case, "&", "the", "NHS" and punctuation aside. */
export const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[’‘']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|nhs)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Area names with the prefixes and suffixes registers and reports add or drop ("City of Bristol", "County Durham"). */
const areaKeys = (name: string): string[] => {
  const key = nameKey(name);
  const bare = key.replace(/^(city of|county of|county|royal borough of|london borough of)\s+/, '').replace(/\s+(city|county|borough|council)$/, '');
  return [...new Set([key, bare])];
};

const activeOn = (area: Reference['areas'][number], date: string) =>
  (!area.activeFrom || area.activeFrom.date <= date) && (!area.activeTo || area.activeTo.date >= date);

/** The one area, active on the date, whose name matches; a refusal naming the candidates otherwise. */
export function matchArea(ref: Reference, reportName: string, date: string): Reference['areas'][number] {
  const wanted = new Set(areaKeys(reportName));
  const candidates = ref.areas.filter((a) => areaKeys(a.name).some((k) => wanted.has(k)));
  const active = candidates.filter((a) => activeOn(a, date));
  if (active.length === 1) return active[0];
  if (active.length > 1) {
    throw new ReportRefusal(`its area "${reportName}" matches more than one area of seeds/reference (${active.map((a) => a.id).join(', ')}); give the areas distinct names there`);
  }
  throw new ReportRefusal(
    `its area "${reportName}" matches no area of seeds/reference${candidates.length ? ` active on ${date} (${candidates.map((a) => a.id).join(', ')} by name only)` : ''}: ` +
      'add the area (or its name as the register writes it) to seeds/reference/areas.yaml',
  );
}

/** The council of an area: the reference's COUNCIL agency that serves it. */
export function councilOf(ref: Reference, areaId: string) {
  const councils = ref.agencies.filter((a) => a.kind === 'COUNCIL' && a.serves.includes(areaId));
  if (councils.length !== 1) {
    throw new ReportRefusal(`seeds/reference has ${councils.length === 0 ? 'no council' : `${councils.length} councils`} serving "${areaId}"; it needs exactly one to own the report's actions`);
  }
  return councils[0];
}

/** The reference agency (of the kind) whose name or an alias has this key, if any. */
export function matchAgency(ref: Reference, kind: string, key: string) {
  return ref.agencies.find((a) => a.kind === kind && [a.name, ...a.aliases].some((n) => agencyKey(n) === key)) ?? null;
}

/** An ICB's or CCG's distinguishing words: "NHS Black Country Integrated Care Board" -> "black country". */
export const agencyKey = (name: string) =>
  nameKey(name)
    .replace(/\b(integrated care boards?|icbs?|clinical commissioning groups?|ccgs?)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
