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

/** Area names with the prefixes and suffixes registers and reports add or drop ("City of Bristol", "Bristol, City of", "County Durham"). */
const areaKeys = (name: string): string[] => {
  const key = nameKey(name);
  const bare = key
    .replace(/^(city of|county of|county|royal borough of|london borough of)\s+/, '')
    .replace(/\s+(city|county) of$/, '')
    .replace(/\s+(city|county|borough|council)$/, '');
  return [...new Set([key, bare])];
};

type Dated = { activeFrom?: { date: string } | null; activeTo?: { date: string } | null };
const activeOn = (record: Dated, date: string) => (!record.activeFrom || record.activeFrom.date <= date) && (!record.activeTo || record.activeTo.date >= date);

type Area = Reference['areas'][number];
export interface AreaMatch {
  area: Area;
  /** Set when the title's name matched no area and the council the partnership section names did: that council's name. */
  byCouncil?: string;
}

/**
 * The one area, active on the date, whose name matches the title's; failing that, the one area
 * served by the councils the "Information about the local area partnership" paragraphs name (as
 * the register writes them, "Hull City Council" for "Kingston upon Hull"). A refusal naming the
 * candidates otherwise.
 */
export function matchArea(ref: Reference, reportName: string, date: string, partnership: readonly string[] = []): AreaMatch {
  const wanted = new Set(areaKeys(reportName));
  const candidates = ref.areas.filter((a) => areaKeys(a.name).some((k) => wanted.has(k)));
  const active = candidates.filter((a) => activeOn(a, date));
  if (active.length === 1) return { area: active[0] };
  if (active.length > 1) {
    throw new ReportRefusal(`its area "${reportName}" matches more than one area of seeds/reference (${active.map((a) => a.id).join(', ')}); give the areas distinct names there`);
  }
  const councils = councilsNamed(ref, partnership, date);
  const served = [...new Set(councils.flatMap((c) => c.serves))].map((id) => ref.areas.find((a) => a.id === id)).filter((a): a is Area => !!a && activeOn(a, date));
  if (served.length === 1) return { area: served[0], byCouncil: councils.map((c) => c.name).join(', ') };
  throw new ReportRefusal(
    `its area "${reportName}" matches no area of seeds/reference${candidates.length ? ` active on ${date} (${candidates.map((a) => a.id).join(', ')} by name only)` : ''}` +
      (served.length > 1 ? `, and the councils its partnership section names serve more than one (${served.map((a) => a.id).join(', ')})` : ', nor does a council its partnership section names') +
      ': add the area (or its name as the register writes it) to seeds/reference/areas.yaml',
  );
}

/** The councils, active on the date, whose name or an alias the text writes in full. */
function councilsNamed(ref: Reference, paragraphs: readonly string[], date: string) {
  const text = ` ${nameKey(paragraphs.join(' '))} `;
  return ref.agencies.filter(
    (a) => a.kind === 'COUNCIL' && activeOn(a, date) && [a.name, ...a.aliases].some((n) => nameKey(n).includes(' ') && text.includes(` ${nameKey(n)} `)),
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
