import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'yaml';
import type { AreaKind } from '../domain/model';

/**
 * Builds the reference seed of England's SEND local areas (upper-tier and unitary authorities),
 * their regions and councils from mySociety's uk_local_authorities.csv: the current ones, and
 * those replaced since area SEND inspections began (former areas, with activeTo and SUCCEEDED_BY
 * to their successors, so that an inspection can belong to the area as it was).
 */

/** Area SEND inspections began in May 2016: authorities replaced before then had none. */
export const FORMER_AREAS_SINCE = '2016-05-01';

const AREA_KIND_BY_TYPE: Record<string, AreaKind> = {
  CTY: 'COUNTY',
  UA: 'UNITARY_AUTHORITY',
  MD: 'METROPOLITAN_DISTRICT',
  LBO: 'LONDON_BOROUGH',
  CC: 'CITY_CORPORATION',
};

export const slugify = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface CsvRow {
  'local-authority-code': string;
  'official-name': string;
  'nice-name': string;
  'gss-code': string;
  'start-date'?: string;
  'end-date': string;
  'replaced-by'?: string;
  nation: string;
  region: string;
  'local-authority-type': string;
  'county-la': string;
}

export interface RegionCorrection {
  area: string;
  listed: string;
  corrected: string;
}

/**
 * A county's region must be the one all its districts are in. Where the list disagrees with
 * every one of the county's own districts, the districts' region is taken and the change reported.
 */
function correctCountyRegions(current: CsvRow[]): RegionCorrection[] {
  const corrections: RegionCorrection[] = [];
  for (const county of current.filter((r) => r['local-authority-type'] === 'CTY')) {
    const districtRegions = new Set(current.filter((r) => r['county-la'] === county['local-authority-code']).map((r) => r.region));
    const [only] = districtRegions;
    if (districtRegions.size === 1 && only !== county.region) {
      corrections.push({ area: county['nice-name'], listed: county.region, corrected: only });
      county.region = only;
    }
  }
  return corrections;
}

export function importAreas(
  csvPath: string,
  today = new Date().toISOString().slice(0, 10),
): { yaml: string; areaCount: number; formerCount: number; corrections: RegionCorrection[] } {
  const rows = parseCsv(readFileSync(csvPath), { columns: true, skip_empty_lines: true }) as CsvRow[];
  const england = rows.filter((r) => r.nation === 'England');
  const inEngland = england.filter((r) => !r['end-date'] || r['end-date'] > today);
  const corrections = correctCountyRegions(inEngland);
  const bySlug = (a: CsvRow, b: CsvRow) => slugify(a['nice-name']).localeCompare(slugify(b['nice-name']));
  const current = inEngland.filter((r) => AREA_KIND_BY_TYPE[r['local-authority-type']]).sort(bySlug);
  if (current.length === 0) throw new Error(`${csvPath} holds no current English upper-tier or unitary authorities: is it mySociety's uk_local_authorities.csv?`);
  const former = england
    .filter((r) => AREA_KIND_BY_TYPE[r['local-authority-type']] && r['end-date'] && r['end-date'] <= today && r['end-date'] >= FORMER_AREAS_SINCE)
    .sort(bySlug);

  // A former area takes its own slug unless a current area has it (North Yorkshire, Somerset): then "-county".
  const idOf = new Map<string, string>(current.map((r) => [r['local-authority-code'], slugify(r['nice-name'])]));
  const taken = new Set(idOf.values());
  for (const r of former) {
    const slug = slugify(r['nice-name']);
    idOf.set(r['local-authority-code'], taken.has(slug) ? `${slug}-${r['local-authority-type'] === 'CTY' ? 'county' : 'former'}` : slug);
  }
  const rowOf = new Map([...current, ...former].map((r) => [r['local-authority-code'], r]));
  const successorsOf = (r: CsvRow) =>
    (r['replaced-by'] ?? '').split(',').map((c) => c.trim()).filter(Boolean).map((code) => {
      const successor = rowOf.get(code);
      if (!successor) throw new Error(`${csvPath}: ${r['nice-name']} (${r['local-authority-code']}) was replaced by "${code}", which is not an English upper-tier or unitary authority in the file`);
      return successor;
    });
  const successions = former.flatMap((r) => successorsOf(r).map((s) => ({ from: r, to: s })));
  if (former.length && successions.length === 0) throw new Error(`${csvPath} gives no successors (replaced-by) for its former authorities`);
  const successorCodes = new Set(successions.map((s) => s.to['local-authority-code']));
  const stated = (date: string) => ({ date, certainty: 'STATED' });
  const changedOn = (s: { from: CsvRow; to: CsvRow }) => s.to['start-date'] || s.from['end-date'];
  const regionOf = (r: CsvRow): string => r.region || successorsOf(r).map(regionOf).find(Boolean) || '';

  const all = [...current, ...former].sort((a, b) => idOf.get(a['local-authority-code'])!.localeCompare(idOf.get(b['local-authority-code'])!));
  const regions = [...new Set(current.map((r) => r.region))].sort().map((name) => ({ id: slugify(name), name }));
  const dates = (r: CsvRow) => ({
    ...(successorCodes.has(r['local-authority-code']) && r['start-date'] ? { activeFrom: stated(r['start-date']) } : {}),
    ...(r['end-date'] && r['end-date'] <= today ? { activeTo: stated(r['end-date']) } : {}),
  });
  // A former area whose name a current one has (North Yorkshire, Somerset) is named as the county it was.
  const nameOf = (r: CsvRow) => (idOf.get(r['local-authority-code'])!.endsWith('-county') && !/county$/i.test(r['nice-name']) ? `${r['nice-name']} County` : r['nice-name']);
  const areas = all.map((r) => ({
    id: idOf.get(r['local-authority-code'])!,
    name: nameOf(r),
    kind: AREA_KIND_BY_TYPE[r['local-authority-type']],
    region: slugify(regionOf(r)),
    gssCode: r['gss-code'],
    laCode: r['local-authority-code'],
    ...dates(r),
  }));
  const agencies = all.map((r) => ({
    id: `${idOf.get(r['local-authority-code'])}-council`,
    name: r['official-name'],
    kind: 'COUNCIL',
    serves: [idOf.get(r['local-authority-code'])!],
    ...dates(r),
  }));
  const links = successions.flatMap((s) => {
    const [from, to] = [idOf.get(s.from['local-authority-code'])!, idOf.get(s.to['local-authority-code'])!];
    const on = stated(changedOn(s));
    return [
      { type: 'SUCCEEDED_BY', from, to, on },
      { type: 'SUCCEEDED_BY', from: `${from}-council`, to: `${to}-council`, on },
    ];
  });
  const seed = {
    source: {
      id: 'mysociety-uk-local-authorities',
      title: 'UK local authority names and codes',
      kind: 'DATASET',
      publisher: 'mySociety',
      url: 'https://github.com/mysociety/uk_local_authority_names_and_codes',
      licence: 'CC BY 4.0',
      notes:
        `England's current county, unitary, metropolitan, London borough and City of London authorities (${current.length}), imported by "send-graph import-areas"` +
        (former.length
          ? `, and the ${former.length} replaced since ${FORMER_AREAS_SINCE} (${former.map((r) => r['nice-name']).join(', ')}), with the register's end dates and successors; a succession is dated by the successor's start date.`
          : '.') +
        corrections.map((c) => ` ${c.area} is listed in ${c.listed} but all its districts are in ${c.corrected}; ${c.corrected} is used.`).join(''),
    },
    regions,
    areas,
    agencies,
    ...(links.length ? { links } : {}),
  };
  const yaml =
    '# Generated by `npm run cli -- import-areas --csv <uk_local_authorities.csv>`; do not edit by hand.\n' +
    '# Data: mySociety, uk_local_authority_names_and_codes, CC BY 4.0.\n' +
    stringify(seed, { lineWidth: 0, aliasDuplicateObjects: false });
  return { yaml, areaCount: current.length, formerCount: former.length, corrections };
}
