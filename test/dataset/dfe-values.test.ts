import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SEEDS_DIR, seedBundle } from '../helpers';
import { SHARED } from '../shared-data';

/**
 * A sample of the graph's DfE values checked against the CSV files themselves, read here with a
 * few lines of code of their own (not the importer's reader, resolver or column map): each sampled
 * row is joined to its area by the GSS code alone, so only rows whose code is a current area's
 * own are sampled (the rows that need the register's changes of code are left to import-dfe.test.ts).
 */
const DFE = resolve(SHARED, 'reference', 'dfe');

/** RFC 4180 fields of one line (these files have no line breaks inside quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (out.push(field), (field = ''));
    else field += ch;
  }
  out.push(field);
  return out;
}

function table(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DFE, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  const names = fields(header);
  return lines.map((l) => Object.fromEntries(fields(l).map((v, i) => [names[i], v.trim()])));
}

const areas = (parseYaml(readFileSync(join(SEEDS_DIR, 'reference', 'areas.yaml'), 'utf8')) as { areas: { id: string; gssCode: string; activeTo?: unknown }[] }).areas;
const currentByGss = new Map(areas.filter((a) => !a.activeTo).map((a) => [a.gssCode, a.id]));
const number = (cell: string) => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : null);

/** Every 7th row: a sample across areas, years and regions that does not follow the files' order by accident. */
const sample = <T>(rows: T[]) => rows.filter((_, i) => i % 7 === 3);

const observations = new Map(seedBundle().context!.observations.map((o) => [`${o.indicatorId}|${o.subjectId}|${o.year}`, o]));
const valueOf = (indicator: string, subject: string, year: string) => observations.get(`${indicator}|${subject}|${year}`);

describe("the graph's DfE values against the CSV files", () => {
  it('SEN2: the 20-week rates with their counts, plans, refusals and mediation, for a sample of areas and years', () => {
    const rows = sample(table('ehc-plans-sen2-2014-2022.csv').filter((r) => r.geographic_level === 'Local authority' && currentByGss.has(r.new_la_code)));
    expect(rows.length).toBeGreaterThan(150);
    for (const r of rows) {
      const area = currentByGss.get(r.new_la_code)!;
      const rate = valueOf('ehc-20-week-rate', area, r.time_period);
      const denominator = number(r.tot_no_exc_ehc);
      expect({ area, year: r.time_period, rate: rate?.value ?? null, numerator: rate?.numerator ?? null }).toEqual({
        area, year: r.time_period,
        rate: denominator === 0 ? null : number(r.no_exc_20week_rate), numerator: number(r.no_exc_20week_ehc),
      });
      expect(rate?.sourceIds).toContain('dfe-ehc-plans-sen2-2014-2022');
      expect([area, r.time_period, valueOf('ehc-new-plans', area, r.time_period)?.value ?? null]).toEqual([area, r.time_period, number(r.new_all_ehc)]);
      expect([area, r.time_period, valueOf('mediation-cases', area, r.time_period)?.value ?? null]).toEqual([area, r.time_period, number(r.total_mediation)]);
      if (Number(r.time_period) >= 2016) {
        expect([area, r.time_period, valueOf('ehc-assessment-refusal-rate', area, r.time_period)?.denominator ?? null]).toEqual([area, r.time_period, number(r.inreq_ehc)]);
      }
    }
  });

  it("timeliness: the headline rows' rates and plans for a sample of areas, 2019 to 2024, and England's", () => {
    const headline = table('ehc-timeliness-20-week-2019-2024.csv').filter((r) => r.breakdown_topic === 'All EHC plans issued');
    const rows = sample(headline.filter((r) => r.geographic_level === 'Local authority' && currentByGss.has(r.new_la_code)));
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const area = currentByGss.get(r.new_la_code)!;
      const rate = valueOf('ehc-20-week-rate-including-exceptions', area, r.time_period);
      const denominator = number(r.plans_issued_den);
      if (denominator === null && number(r.pc_plans_issued_within_20_weeks) === null) {
        // Suppressed here: the graph holds SEN2's value where it gives one, never this file's as a number.
        expect([area, r.time_period, rate?.sourceIds.includes('dfe-ehc-plans-timeliness-2019-2024') && rate.value !== null]).toEqual([area, r.time_period, false]);
        continue;
      }
      // Where SEN2 gives the same year to more decimals (2022), the two agree to the timeliness file's one decimal.
      const expected = denominator === 0 ? null : number(r.pc_plans_issued_within_20_weeks);
      expect([area, r.time_period, rate?.value === null || rate?.value === undefined || expected === null ? rate?.value ?? null : Math.round(rate.value * 10) / 10]).toEqual([area, r.time_period, expected]);
      expect([area, r.time_period, rate?.denominator ?? null]).toEqual([area, r.time_period, denominator]);
      expect(rate?.sourceIds).toContain('dfe-ehc-plans-timeliness-2019-2024');
    }
    for (const r of headline.filter((x) => x.geographic_level === 'National')) {
      expect(valueOf('ehc-plans-issued', 'england', r.time_period)?.value).toBe(number(r.plans_issued_den));
    }
  });

  it("statistical neighbours 2025: every current area's ten, by rank and band, as the sheet lists them", () => {
    const lookup = new Map(table('ofsted-la-provider-lookup.csv').map((r) => [r.la_code, r.la_code_new]));
    const neighbours = seedBundle().context!.neighbours.filter((n) => n.edition === '2025');
    const rows = table('statistical-neighbours-2025.csv').filter((r) => r.sheet_section === 'current');
    expect(rows).toHaveLength(153);
    for (const r of rows) {
      const area = currentByGss.get(lookup.get(r.la_code)!)!;
      const expected = Array.from({ length: 10 }, (_, k) => [currentByGss.get(lookup.get(r[`sn${k + 1}_la_code`])!), k + 1, r[`sn${k + 1}_closeness`].toUpperCase().replace(/ /g, '_')]);
      expect([area, neighbours.filter((n) => n.areaId === area).map((n) => [n.neighbourId, n.rank, n.closeness])]).toEqual([area, expected]);
    }
    expect(neighbours).toHaveLength(1530);
  });
});
