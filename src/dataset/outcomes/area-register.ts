import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/**
 * England's areas, current and former, as the areas seed holds them (ids, codes, dates,
 * succession), with every name the local authority register knows for each, so that a table's
 * row can be matched to the area as it was on a date: by name and by code, never by guessing.
 */

export interface RegisteredArea {
  id: string;
  name: string;
  gssCode: string;
  laCode: string;
  activeFrom: string | null;
  activeTo: string | null;
  /** The council that serves it (the owner of its statements of action). */
  councilId: string | null;
}

type Dated = { date: string } | undefined;

export const normaliseName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export class AreaRegister {
  readonly areas = new Map<string, RegisteredArea>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byCode = new Map<string, Set<string>>();
  private readonly successors = new Map<string, string[]>();
  private readonly predecessors = new Map<string, string[]>();

  /** `areasSeed`: seeds/reference/areas.yaml; `registerCsv`: the register it was made from (for other spellings). */
  static read(areasSeed: string, registerCsv: string): AreaRegister {
    const seed = parseYaml(readFileSync(areasSeed, 'utf8')) as {
      areas: { id: string; name: string; gssCode: string; laCode: string; activeFrom?: Dated; activeTo?: Dated }[];
      agencies: { id: string; kind: string; serves?: string[] }[];
      links?: { type: string; from: string; to: string }[];
    };
    const register = parseCsv(readFileSync(registerCsv), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    return new AreaRegister(seed, register);
  }

  constructor(
    seed: {
      areas: { id: string; name: string; gssCode: string; laCode: string; activeFrom?: Dated; activeTo?: Dated }[];
      agencies: { id: string; kind: string; serves?: string[] }[];
      links?: { type: string; from: string; to: string }[];
    },
    register: Record<string, string>[],
  ) {
    const council = new Map<string, string>();
    for (const a of seed.agencies) if (a.kind === 'COUNCIL') for (const area of a.serves ?? []) council.set(area, a.id);
    const registerByCode = new Map(register.map((r) => [r['local-authority-code'], r]));
    for (const a of seed.areas) {
      this.areas.set(a.id, {
        id: a.id, name: a.name, gssCode: a.gssCode, laCode: a.laCode,
        activeFrom: a.activeFrom?.date ?? null, activeTo: a.activeTo?.date ?? null, councilId: council.get(a.id) ?? null,
      });
      const r = registerByCode.get(a.laCode);
      const names = [a.name, r?.['nice-name'], r?.['official-name'], ...(r?.['alt-names'] ?? '').split(',')];
      for (const n of names) {
        if (!n || !n.trim()) continue;
        add(this.byName, normaliseName(n), a.id);
        // "Dorset County Council", "Dorset County": the publisher's notes say "Dorset".
        const bare = normaliseName(n).replace(/( county)?( council)?$/, '');
        if (bare) add(this.byName, bare, a.id);
      }
      add(this.byCode, a.gssCode, a.id);
      for (const old of (r?.['former-gss-codes'] ?? '').split(',')) if (old.trim()) add(this.byCode, old.trim(), a.id);
    }
    for (const l of seed.links ?? []) {
      if (l.type !== 'SUCCEEDED_BY' || !this.areas.has(l.from) || !this.areas.has(l.to)) continue;
      this.successors.set(l.from, [...(this.successors.get(l.from) ?? []), l.to]);
      this.predecessors.set(l.to, [...(this.predecessors.get(l.to) ?? []), l.from]);
    }
  }

  /** Whether the area existed on the ISO date (the register's dates, either end counted). */
  activeOn(id: string, on: string): boolean {
    const a = this.areas.get(id)!;
    return (!a.activeFrom || a.activeFrom <= on) && (!a.activeTo || on <= a.activeTo);
  }

  predecessorsOf(id: string): string[] {
    return this.predecessors.get(id) ?? [];
  }

  /**
   * The area a row means on a date: the areas its name names and those its code names (or, for a
   * code of an authority since replaced, its successors then), each kept only if it existed on
   * the date. One area between them is the match; several are narrowed to those both name and
   * code point to; otherwise there is no match, and the reason.
   */
  match(name: string, code: string, on: string): { id: string } | { reason: string } {
    const named = [...(this.byName.get(normaliseName(name)) ?? [])].filter((id) => this.activeOn(id, on));
    const coded = [...(this.byCode.get(code) ?? [])].flatMap((id) => this.asOf(id, on));
    const either = new Set([...named, ...coded]);
    if (either.size === 1) return { id: [...either][0] };
    const both = named.filter((id) => coded.includes(id));
    if (both.length === 1) return { id: both[0] };
    if (either.size === 0) return { reason: `no area of that name or code existed on ${on}` };
    return { reason: `could be any of ${[...either].sort().join(', ')} on ${on} (by name: ${named.join(', ') || 'none'}; by code: ${coded.join(', ') || 'none'})` };
  }

  /** The area if it existed on the date, else the successors that did (following later changes too). */
  private asOf(id: string, on: string, seen = new Set<string>()): string[] {
    if (seen.has(id)) return [];
    seen.add(id);
    if (this.activeOn(id, on)) return [id];
    return (this.successors.get(id) ?? []).flatMap((s) => this.asOf(s, on, seen));
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}
