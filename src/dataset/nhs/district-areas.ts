import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/**
 * Which SEND area a local authority district belonged to on a date, and which holds it today,
 * from the local authority register (its districts, their counties and what replaced them) and
 * the areas seed (ids by register code). A district is found by its ONS code of any year (the
 * register's former codes too).
 */

interface RegisterRow {
  la: string;
  type: string;
  countyLa: string;
  start: string;
  end: string;
  replacedBy: string[];
}

/** The register's one known fault in the links used here: Forest Heath (FOR) lay in Suffolk (SFK), not Surrey. */
const COUNTY_CORRECTIONS: Record<string, string> = { FOR: 'SFK' };

export class DistrictAreas {
  private readonly byGss = new Map<string, RegisterRow>();
  private readonly byLa = new Map<string, RegisterRow>();
  private readonly areaByLa = new Map<string, string>();
  readonly corrections: string[] = [];

  static read(areasSeed: string, registerCsv: string): DistrictAreas {
    const seed = parseYaml(readFileSync(areasSeed, 'utf8')) as { areas: { id: string; laCode: string }[] };
    const register = parseCsv(readFileSync(registerCsv), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    return new DistrictAreas(seed.areas, register);
  }

  constructor(areas: { id: string; laCode: string }[], register: Record<string, string>[]) {
    for (const a of areas) this.areaByLa.set(a.laCode, a.id);
    for (const r of register) {
      if (r.nation !== 'England') continue;
      const la = r['local-authority-code'];
      let countyLa = r['county-la'];
      if (COUNTY_CORRECTIONS[la] && countyLa !== COUNTY_CORRECTIONS[la]) {
        this.corrections.push(`${r['nice-name']} (${la}): the register's county is ${countyLa}; using ${COUNTY_CORRECTIONS[la]}`);
        countyLa = COUNTY_CORRECTIONS[la];
      }
      const row: RegisterRow = {
        la, type: r['local-authority-type'], countyLa, start: r['start-date'], end: r['end-date'],
        replacedBy: r['replaced-by'] ? r['replaced-by'].split(',').map((s) => s.trim()) : [],
      };
      this.byLa.set(la, row);
      for (const code of [r['gss-code'], ...(r['former-gss-codes'] ?? '').split(',')].map((c) => c.trim()).filter(Boolean)) {
        if (!this.byGss.has(code) || code === r['gss-code']) this.byGss.set(code, row);
      }
    }
  }

  has(districtCode: string): boolean {
    return this.byGss.has(districtCode);
  }

  /** The area the district lay in on the ISO date (null: none the seeds hold). */
  on(districtCode: string, date: string): string | null {
    const row = this.byGss.get(districtCode);
    return row ? this.areaOf(this.asOf(row, date), date) : null;
  }

  /** The area that holds the district today. */
  today(districtCode: string): string | null {
    return this.on(districtCode, '9999-12-31');
  }

  /** The area's id if the seeds hold it and it had begun by the date. */
  private areaOf(row: RegisterRow | null, date: string): string | null {
    if (!row) return null;
    if (row.type === 'NMD' || row.type === 'DIS') {
      const county = this.byLa.get(row.countyLa);
      return county ? this.areaOf(this.asOf(county, date), date) : null;
    }
    return this.areaByLa.get(row.la) ?? null;
  }

  /**
   * The authority itself if it still existed on the date, else what replaced it then. The register
   * dates some endings the day before the successor begins and some the day it begins, so an
   * authority counts as ended once a successor has begun.
   */
  private asOf(row: RegisterRow, date: string, seen = new Set<string>()): RegisterRow | null {
    if (seen.has(row.la)) return null;
    seen.add(row.la);
    const next = row.replacedBy.map((la) => this.byLa.get(la)).filter((r): r is RegisterRow => !!r);
    const ended = row.end !== '' && row.end <= date && (next.length === 0 || next.some((n) => !n.start || n.start <= date));
    if (!ended) return row;
    // A district split between successors is not in this register; a county is, but never reached through a district.
    return next.length ? this.asOf(next[0], date, seen) : null;
  }
}
