import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ENGLAND_ID } from '../../domain/context';
import { AreaRegister, normaliseName } from '../outcomes/area-register';

/**
 * What a DfE row is about: England, a region (by name), or the area its codes and name mean on a
 * date, through the register (areas.yaml and the local authority register): a code of an
 * authority since replaced leads to its successors then, so Buckinghamshire's county code in 2023
 * is the unitary council's row, and Cumbria's rows to 2022 are Cumbria's.
 */
export class SubjectResolver {
  private readonly regions = new Map<string, string>();

  constructor(readonly register: AreaRegister, areasSeed: string) {
    const seed = parseYaml(readFileSync(areasSeed, 'utf8')) as { regions: { id: string; name: string }[] };
    for (const r of seed.regions) this.regions.set(normaliseName(r.name), r.id);
  }

  region(name: string): string | undefined {
    return this.regions.get(normaliseName(name));
  }

  /** The subject of a statistics row for a calendar year: the authority that existed at its end (the one that made the return). */
  resolve(level: string, regionName: string, laName: string, gssCode: string, dfeNumber: string, year: number): { id: string; byChange: boolean } | { reason: string } {
    if (level === 'National') return { id: ENGLAND_ID, byChange: false };
    if (level === 'Regional') {
      const id = this.region(regionName);
      return id ? { id, byChange: false } : { reason: `region "${regionName}" is not among the seeds' regions (${[...this.regions.values()].join(', ')})` };
    }
    if (level !== 'Local authority') return { reason: `geographic_level "${level}" is none of National, Regional, Local authority` };
    const on = `${year}-12-31`;
    const m = this.register.match(laName, gssCode, on);
    if ('reason' in m) return { reason: `${laName} (${gssCode}, DfE ${dfeNumber}): ${m.reason}` };
    return { id: m.id, byChange: this.register.areas.get(m.id)!.gssCode !== gssCode };
  }
}
