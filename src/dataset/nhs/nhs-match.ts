import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ImportProblem } from '../outcomes/import-problem';
import type { Body, NhsBodies, NhsKind } from './nhs-bodies';

/**
 * One node per body: the CCGs, ICBs and trusts the other seed files declare (from articles and
 * reports) are matched to the imported ones by code or by name (their names and aliases), and the
 * imported body takes the declared id and name (the official name becomes an alias), so that the
 * two declarations are one node with every source. A declared body that matches none stops the import.
 */

export interface DeclaredBody {
  id: string;
  name: string;
  kind: NhsKind;
  aliases: string[];
  odsCode?: string;
  file: string;
}

const NHS_KINDS = new Set<string>(['CCG', 'SUB_ICB_LOCATION', 'ICB', 'NHS_TRUST']);

/** Names compared without case, punctuation, "NHS", "the", or the long forms of CCG and ICB. */
export const nameKey = (name: string): string =>
  ` ${name.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ')} `
    .replace(/ clinical commissioning groups? /g, ' ccg ')
    .replace(/ integrated care board /g, ' icb ')
    .replace(/ (nhs|the) /g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Every NHS body declared in the seed files other than `generated` (the importer's own files). */
export function declaredBodies(seedsDir: string, generated: readonly string[]): DeclaredBody[] {
  const out: DeclaredBody[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(entry.name) && !generated.includes(entry.name)) {
        const seed = parseYaml(readFileSync(path, 'utf8')) as { agencies?: (Omit<DeclaredBody, 'file'> & { kind: string })[] } | null;
        for (const a of seed?.agencies ?? []) {
          const kind = String(a.kind).toUpperCase().replace(/[\s-]+/g, '_');
          if (NHS_KINDS.has(kind)) out.push({ ...a, kind: kind as NhsKind, aliases: a.aliases ?? [], file: relative(seedsDir, path) });
        }
      }
    }
  };
  walk(seedsDir);
  return out;
}

export function matchDeclared(bodies: NhsBodies, declared: DeclaredBody[], problems: ImportProblem[]): void {
  const pools: Record<NhsKind, Body[]> = {
    CCG: [...bodies.ccgs.values()],
    SUB_ICB_LOCATION: [...bodies.subIcbLocations.values()],
    ICB: [...bodies.icbs.values()],
    NHS_TRUST: [...bodies.trusts.values()],
  };
  const taken = new Map<Body, DeclaredBody>();
  for (const d of declared) {
    const pool = pools[d.kind];
    const keys = new Set([d.name, ...d.aliases].map(nameKey));
    const found = d.odsCode
      ? pool.filter((b) => b.odsCode === d.odsCode)
      : pool.filter((b) => keys.has(nameKey(b.name)) || b.aliases.some((a) => keys.has(nameKey(a))));
    const where = { file: d.file, row: `agency "${d.id}"`, column: '' };
    if (found.length !== 1) {
      const what = d.kind === 'NHS_TRUST' ? 'NHS trust' : d.kind === 'SUB_ICB_LOCATION' ? 'sub-ICB location' : d.kind;
      problems.push({
        ...where,
        message: found.length === 0
          ? `"${d.name}" matches no ${what} in the ODS and ONS files by ${d.odsCode ? `ODS code ${d.odsCode}` : 'name or alias'}: correct its name, add the official name as an alias, or give its odsCode`
          : `"${d.name}" could be any of ${found.map((b) => `${b.name} (${b.odsCode})`).join(', ')}: give its odsCode`,
      });
      continue;
    }
    const body = found[0];
    const before = taken.get(body);
    if (before && before.id !== d.id) {
      problems.push({ ...where, message: `is the same body (${body.odsCode}) as "${before.id}" in ${before.file}: one body, one id; use "${before.id}"` });
      continue;
    }
    taken.set(body, d);
    if (body.name !== d.name && !body.aliases.includes(body.name)) body.aliases.push(body.name);
    body.id = d.id;
    body.name = d.name;
  }
}
