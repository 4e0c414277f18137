import { join } from 'node:path';
import type { ImportProblem } from '../outcomes/import-problem';
import type { DistrictAreas } from './district-areas';
import { FIRST_DAY, ICB_DAY, type Body, type NhsBodies } from './nhs-bodies';
import { readHeaded, type NhsTable } from './nhs-tables';

/**
 * Who served which area when, and for how much of it. The ONS lookups give each LSOA's CCG (from
 * July 2022 its sub-ICB location and ICB) and district on 1 April of each year (1 July 2022); a
 * body's share of an area in a year is the share of the area's LSOAs it held (a count of LSOAs,
 * not of people). Before April 2017 the 2017 lookup is read with that April's mergers undone: the
 * merged CCG's LSOAs go to each of its predecessors, with the share unknown when there were several.
 * A district counts for the area it lay in then, and, where that area has since been replaced,
 * also for the area that holds it today (so Cumberland has Cumbria's bodies before 2023).
 * Trusts: OHID's 2022 acute catchments by district, a trust's share being the share of its
 * catchment population living in the area (the sum over the area's districts), kept from 1%, dated
 * from April 2016 or the trust's opening to its closing (the catchment itself is of 2022).
 */

export interface Service {
  agency: Body;
  areaId: string;
  since: string;
  until: string | null;
  /** Null: not known (a merger undone, see above). */
  share: number | null;
}

/** England's LSOAs (2011): every lookup must give each one, or it is cut short. */
export const LSOA_COUNT = 32844;
export const TRUST_SHARE_FLOOR = 0.01;
const REORGANISED_AREAS_DAY = '2023-04-01';

interface Period {
  file: string;
  lsoa: string;
  body: string;
  district: string;
  /** The body column holds ONS codes (2021), to be turned into ODS codes. */
  onsCodes?: boolean;
  since: string;
  until: string | null;
  kind: 'CCG' | 'SUB_ICB_LOCATION' | 'ICB';
  undoMergersOf?: string;
}

const YEARS: Period[] = [
  { file: 'lsoa11-ccg17-lad17.csv', lsoa: 'LSOA11CD', body: 'CCG17CDH', district: 'LAD17CD', since: FIRST_DAY, until: '2017-03-31', kind: 'CCG', undoMergersOf: '2017-04-01' },
  { file: 'lsoa11-ccg17-lad17.csv', lsoa: 'LSOA11CD', body: 'CCG17CDH', district: 'LAD17CD', since: '2017-04-01', until: '2018-03-31', kind: 'CCG' },
  { file: 'lsoa11-ccg18-lad18.csv', lsoa: 'LSOA11CD', body: 'CCG18CDH', district: 'LAD18CD', since: '2018-04-01', until: '2019-03-31', kind: 'CCG' },
  { file: 'lsoa11-ccg19-lad19.csv', lsoa: 'LSOA11CD', body: 'CCG19CDH', district: 'LAD19CD', since: '2019-04-01', until: '2020-03-31', kind: 'CCG' },
  { file: 'lsoa11-ccg20-lad20.csv', lsoa: 'LSOA11CD', body: 'CCG20CDH', district: 'LAD20CD', since: '2020-04-01', until: '2021-03-31', kind: 'CCG' },
  { file: 'lsoa11-ccg21-stp21-lad21.csv', lsoa: 'lsoa11_code', body: 'ccg21_code', district: 'ltla21_code', onsCodes: true, since: '2021-04-01', until: '2022-06-30', kind: 'CCG' },
  { file: 'lsoa11-sicbl22-icb22-lad22.csv', lsoa: 'lsoa11_code', body: 'sicbl22_code_h', district: 'ltla22_code', since: ICB_DAY, until: '2023-03-31', kind: 'SUB_ICB_LOCATION' },
  { file: 'lsoa11-sicbl22-icb22-lad22.csv', lsoa: 'lsoa11_code', body: 'icb22_code_h', district: 'ltla22_code', since: ICB_DAY, until: '2023-03-31', kind: 'ICB' },
  { file: 'lsoa11-sicbl22-icb22-lad22.csv', lsoa: 'lsoa11_code', body: 'sicbl22_code_h', district: 'ltla22_code', since: REORGANISED_AREAS_DAY, until: null, kind: 'SUB_ICB_LOCATION' },
  { file: 'lsoa11-sicbl22-icb22-lad22.csv', lsoa: 'lsoa11_code', body: 'icb22_code_h', district: 'ltla22_code', since: REORGANISED_AREAS_DAY, until: null, kind: 'ICB' },
];

export const LOOKUP_FILES = [...new Set(YEARS.map((y) => y.file))];

const round = (x: number) => Math.round(x * 10000) / 10000;

export function readServices(dir: string, bodies: NhsBodies, districts: DistrictAreas, problems: ImportProblem[], changed: string[] = []): Service[] {
  const tables = new Map<string, NhsTable | null>();
  const table = (y: Period) => {
    if (!tables.has(y.file)) {
      const columns = YEARS.filter((p) => p.file === y.file).flatMap((p) => [p.lsoa, p.body, p.district]);
      const t = readHeaded(join(dir, y.file), [...new Set(columns)], problems);
      tables.set(y.file, t && complete(t, y.lsoa, problems) ? t : null);
    }
    return tables.get(y.file);
  };
  const pool = { CCG: bodies.ccgs, SUB_ICB_LOCATION: bodies.subIcbLocations, ICB: bodies.icbs } as const;
  const mergedInto = new Map<string, Body[]>();
  for (const s of bodies.successions) if (s.from.kind === 'CCG' && s.to.kind === 'CCG') mergedInto.set(`${s.to.odsCode}@${s.on}`, [...(mergedInto.get(`${s.to.odsCode}@${s.on}`) ?? []), s.from]);

  const services: Service[] = [];
  for (const y of YEARS) {
    const t = table(y);
    if (!t) continue;
    const counts = new Map<string, Map<Body, number>>();
    const totals = new Map<string, number>();
    const areaCache = new Map<string, string[] | null>();
    for (const r of t.rows) {
      const d = r.cell(y.district);
      let areas = areaCache.get(d);
      if (areas === undefined) {
        const then = districts.on(d, y.since);
        const now = districts.today(d);
        areas = then ? [...new Set([then, ...(now ? [now] : [])])] : null;
        areaCache.set(d, areas);
      }
      if (!areas) {
        problems.push({ file: t.file, row: `line ${r.line}`, column: y.district, message: `district ${d} is in no area the seeds hold on ${y.since}` });
        continue;
      }
      const raw = r.cell(y.body);
      const code = y.onsCodes ? bodies.ccgByOnsCode.get(raw) : raw;
      const body = code ? pool[y.kind].get(code) : undefined;
      if (!body) {
        problems.push({ file: t.file, row: `line ${r.line}`, column: y.body, message: `${raw} is no ${y.kind === 'SUB_ICB_LOCATION' ? 'sub-ICB location' : y.kind} of the ODS and ONS files` });
        continue;
      }
      for (const area of areas) {
        totals.set(area, (totals.get(area) ?? 0) + 1);
        const byBody = counts.get(area) ?? new Map<Body, number>();
        counts.set(area, byBody.set(body, (byBody.get(body) ?? 0) + 1));
      }
    }
    for (const [areaId, byBody] of counts) {
      for (const [body, n] of byBody) {
        const share = round(n / totals.get(areaId)!);
        const predecessors = y.undoMergersOf ? mergedInto.get(`${body.odsCode}@${y.undoMergersOf}`) : undefined;
        if (predecessors) {
          for (const p of predecessors) services.push({ agency: p, areaId, since: y.since, until: y.until, share: predecessors.length === 1 ? share : null });
        } else services.push({ agency: body, areaId, since: y.since, until: y.until, share });
      }
    }
  }
  return collapse(services, changed);
}

/** Every lookup gives each of England's LSOAs once: fewer, or one twice, means the file is cut short or malformed. */
function complete(t: NhsTable, lsoa: string, problems: ImportProblem[]): boolean {
  const seen = new Set<string>();
  for (const r of t.rows) {
    if (seen.has(r.cell(lsoa))) {
      problems.push({ file: t.file, row: `line ${r.line}`, column: lsoa, message: `LSOA ${r.cell(lsoa)} is given twice` });
      return false;
    }
    seen.add(r.cell(lsoa));
  }
  if (seen.size !== LSOA_COUNT) {
    const last = t.rows.at(-1)?.line ?? 1;
    problems.push({ file: t.file, row: `line ${last}`, column: '', message: `gives ${seen.size} LSOAs where England has ${LSOA_COUNT}: is the file cut short?` });
    return false;
  }
  return true;
}

export function readTrustServices(dir: string, bodies: NhsBodies, districts: DistrictAreas, problems: ImportProblem[]): Service[] {
  const t = readHeaded(join(dir, 'nhs-trust-catchments-2022-by-ltla21.csv'), ['nhs_trust22_code', 'ltla21_code', 'proportion_trust_came_from_ltla'], problems);
  if (!t) return [];
  // Each trust's share of each area before and from the 2023 reorganisation (Cumbria, North Yorkshire, Somerset).
  const shares = new Map<string, { trust: Body; areaId: string; before: boolean; share: number }>();
  for (const r of t.rows) {
    const trust = bodies.trusts.get(r.cell('nhs_trust22_code'));
    const share = Number(r.cell('proportion_trust_came_from_ltla'));
    const d = r.cell('ltla21_code');
    const where = { file: t.file, row: `line ${r.line}` };
    if (!trust) {
      problems.push({ ...where, column: 'nhs_trust22_code', message: `${r.cell('nhs_trust22_code')} is no trust of ods-etr.csv` });
      continue;
    }
    if (!Number.isFinite(share) || share < 0 || share > 1) {
      problems.push({ ...where, column: 'proportion_trust_came_from_ltla', message: `"${r.cell('proportion_trust_came_from_ltla')}" is not a proportion from 0 to 1` });
      continue;
    }
    const before = districts.on(d, ICB_DAY);
    const after = districts.on(d, REORGANISED_AREAS_DAY);
    if (!before || !after) {
      problems.push({ ...where, column: 'ltla21_code', message: `district ${d} is in no area the seeds hold` });
      continue;
    }
    for (const [areaId, isBefore] of [[before, true], [after, false]] as const) {
      const key = `${trust.odsCode}|${areaId}|${isBefore}`;
      const s = shares.get(key) ?? { trust, areaId, before: isBefore, share: 0 };
      s.share += share;
      shares.set(key, s);
    }
  }
  const services: Service[] = [];
  for (const s of shares.values()) {
    if (s.share < TRUST_SHARE_FLOOR) continue;
    const { activeFrom, activeTo } = s.trust;
    const since = s.before ? (activeFrom && activeFrom > FIRST_DAY ? activeFrom : FIRST_DAY) : REORGANISED_AREAS_DAY;
    const until = s.before ? (activeTo && activeTo < '2023-03-31' ? activeTo : '2023-03-31') : activeTo;
    if (until && since > until) continue;
    services.push({ agency: s.trust, areaId: s.areaId, since, until, share: round(s.share) });
  }
  return collapse(services);
}

const dayAfter = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

/**
 * One service per body and area (the graph holds one SERVES between two nodes), over the days of
 * every year it served. Where its share changed while it served (three Lancashire CCGs in April
 * 2018, after a boundary change) the share is the latest, and the change is reported.
 */
function collapse(services: Service[], changed: string[] = []): Service[] {
  const sorted = [...services].sort(
    (a, b) => a.agency.odsCode.localeCompare(b.agency.odsCode) || a.agency.kind.localeCompare(b.agency.kind) || a.areaId.localeCompare(b.areaId) || a.since.localeCompare(b.since),
  );
  const out: Service[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (!last || last.agency !== s.agency || last.areaId !== s.areaId) {
      out.push({ ...s });
      continue;
    }
    if (last.until && dayAfter(last.until) !== s.since) changed.push(`${s.agency.name} in ${s.areaId}: a gap from ${last.until} to ${s.since}`);
    if (last.share !== s.share) changed.push(`${s.agency.name} in ${s.areaId}: ${last.share ?? 'unknown'} until ${last.until}, then ${s.share ?? 'unknown'}`);
    last.until = s.until;
    last.share = s.share;
  }
  return out;
}
