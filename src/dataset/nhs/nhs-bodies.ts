import { join } from 'node:path';
import { slugify } from '../import-areas';
import type { ImportProblem } from '../outcomes/import-problem';
import { CodeNames, odsDate, readHeaded, readNumbered, type NhsTable } from './nhs-tables';

/**
 * The NHS bodies of 2016 onwards from the ODS and ONS files: every CCG open at any time from
 * 1 April 2016 to 30 June 2022, the 106 sub-ICB locations, the 42 ICBs and every NHS trust in the
 * ODS file, each with its codes and dates; and who succeeded whom (ODS successions, and each
 * last CCG to its ICB on 1 July 2022).
 */

export const FIRST_DAY = '2016-04-01';
export const LAST_CCG_DAY = '2022-06-30';
export const ICB_DAY = '2022-07-01';

export type NhsKind = 'CCG' | 'SUB_ICB_LOCATION' | 'ICB' | 'NHS_TRUST';

export interface Body {
  id: string;
  name: string;
  kind: NhsKind;
  odsCode: string;
  onsCode: string | null;
  activeFrom: string | null;
  activeTo: string | null;
  aliases: string[];
  notes: string | null;
  /** Which file declares it: the ODS organisation files, or the ONS lookups (the ICBs, which the ODS files here lack). */
  declaredBy: 'ODS' | 'ONS';
}

export interface Succession {
  from: Body;
  to: Body;
  on: string;
  /** Where it is stated: `ods-succ.csv line N`, or the ONS sub-ICB lookup. */
  at: string;
}

export interface NhsBodies {
  /** By ODS code: CCGs, ICBs and trusts. Sub-ICB locations share their CCG's code, so they are apart. */
  ccgs: Map<string, Body>;
  subIcbLocations: Map<string, Body>;
  icbs: Map<string, Body>;
  trusts: Map<string, Body>;
  /** Sub-ICB location code to its ICB. */
  partOf: Map<string, Body>;
  successions: Succession[];
  /** ONS CCG code (of any year) to ODS code: the 2021 lookup gives only ONS codes. */
  ccgByOnsCode: Map<string, string>;
}

const SMALL = new Set(['and', 'of', 'the', 'upon', 'on', 'for', 'in', 'with', 'at', 'by']);
const UPPER = new Set(['NHS', 'CCG', 'ICB', 'UK']);

/** ODS names are in capitals: "THE ROYAL WOLVERHAMPTON NHS TRUST" as "The Royal Wolverhampton NHS Trust". */
export const titleCase = (name: string): string =>
  name
    .toLowerCase()
    .split(/(\s+|-|\(|,)/)
    .map((w, i) => {
      if (UPPER.has(w.toUpperCase())) return w.toUpperCase();
      if (i > 0 && SMALL.has(w)) return w;
      return w.replace(/^([a-z])/, (c) => c.toUpperCase()).replace(/'([a-z])\b/, (m) => m.toLowerCase());
    })
    .join('');

const longCcgName = (name: string) => name.replace(/\bCCG$/, 'Clinical Commissioning Group');
/** A name without "NHS " or "The " in front, or apostrophes ("Women's" makes `womens`). */
const bareName = (name: string) => name.replace(/^NHS\s+/i, '').replace(/^the\s+/i, '').replace(/['’]/g, '');

export function readNhsBodies(dir: string, problems: ImportProblem[]): NhsBodies | null {
  const eccg = readNumbered(join(dir, 'ods-eccg.csv'), 27, [1, 2, 11], problems);
  const etr = readNumbered(join(dir, 'ods-etr.csv'), 27, [1, 2, 11], problems);
  const succ = readNumbered(join(dir, 'ods-succ.csv'), 5, [1, 2, 4], problems);
  const onsNames = [
    readHeaded(join(dir, 'ccg-names-codes-2017.csv'), ['CCG17CD', 'CCG17CDH', 'CCG17NM'], problems),
    readHeaded(join(dir, 'lsoa11-ccg18-lad18.csv'), ['CCG18CD', 'CCG18CDH', 'CCG18NM'], problems),
    readHeaded(join(dir, 'ccg-names-codes-2019.csv'), ['CCG19CD', 'CCG19CDH', 'CCG19NM'], problems),
    readHeaded(join(dir, 'ccg-names-codes-2020.csv'), ['CCG20CD', 'CCG20CDH', 'CCG20NM'], problems),
    readHeaded(join(dir, 'ccg-names-codes-2021.csv'), ['CCG21CD', 'CCG21CDH', 'CCG21NM'], problems),
  ];
  const subIcb = readHeaded(join(dir, 'sub-icb-locations-to-icb-2022.csv'), ['SICBL22CD', 'SICBL22CDH', 'SICBL22NM', 'ICB22CD', 'ICB22CDH', 'ICB22NM'], problems);
  const icb24 = readHeaded(join(dir, 'icb-names-codes-2024.csv'), ['ICB24CD', 'ICB24CDH', 'ICB24NM'], problems);
  if (!eccg || !etr || !succ || onsNames.some((t) => !t) || !subIcb || !icb24) return null;

  // ONS names and codes of each CCG, the latest year last; a code named twice differently in one file is refused.
  const onsName = new Map<string, string>();
  const onsCode = new Map<string, string>();
  const ccgByOnsCode = new Map<string, string>();
  [17, 18, 19, 20, 21].forEach((yy, i) => {
    const t = onsNames[i]!;
    const names = new CodeNames(problems);
    for (const r of t.rows) {
      const [code, ods, name] = [r.cell(`CCG${yy}CD`), r.cell(`CCG${yy}CDH`), r.cell(`CCG${yy}NM`)];
      names.add(ods, name, t.file, r.line);
      onsName.set(ods, name);
      onsCode.set(ods, code);
      ccgByOnsCode.set(code, ods);
    }
  });

  const odsNames = new CodeNames(problems);
  const ccgs = new Map<string, Body>();
  for (const r of eccg.rows) {
    const code = r.cell('1');
    odsNames.add(code, r.cell('2'), eccg.file, r.line);
    const roles = r.cell('14');
    if (roles !== '' && !roles.split('|').includes('RO319')) continue; // reporting entities and commissioning hubs
    const open = odsDate(eccg, r, 11, problems);
    const closed = odsDate(eccg, r, 12, problems);
    const subIcbLocation = roles.split('|').includes('RO319');
    if (!open || open > LAST_CCG_DAY || (closed && closed < FIRST_DAY)) continue;
    const name = longCcgName(onsName.get(code) ?? titleCase(r.cell('2')));
    ccgs.set(code, {
      id: `${slugify(bareName(name).replace(/ Clinical Commissioning Group$/, ''))}-ccg`, name, kind: 'CCG', odsCode: code,
      onsCode: onsCode.get(code) ?? null, activeFrom: open, activeTo: subIcbLocation ? LAST_CCG_DAY : closed, aliases: [],
      notes: subIcbLocation ? 'From 1 July 2022 its ground is a sub-ICB location of its ICB, with the same ODS code.' : null, declaredBy: 'ODS',
    });
  }

  const icbs = new Map<string, Body>();
  for (const r of icb24.rows) {
    const name = r.cell('ICB24NM');
    icbs.set(r.cell('ICB24CDH'), {
      id: `${slugify(bareName(name).replace(/ Integrated Care Board$/, ''))}-icb`, name, kind: 'ICB', odsCode: r.cell('ICB24CDH'),
      onsCode: r.cell('ICB24CD'), activeFrom: ICB_DAY, activeTo: null, aliases: [], notes: null, declaredBy: 'ONS',
    });
  }
  const subIcbLocations = new Map<string, Body>();
  const partOf = new Map<string, Body>();
  const subNames = new CodeNames(problems);
  for (const r of subIcb.rows) {
    const code = r.cell('SICBL22CDH');
    subNames.add(code, r.cell('SICBL22NM'), subIcb.file, r.line);
    const icb = icbs.get(r.cell('ICB22CDH'));
    if (!icb) {
      problems.push({ file: subIcb.file, row: `line ${r.line}`, column: 'ICB22CDH', message: `ICB ${r.cell('ICB22CDH')} is not among the 42 of icb-names-codes-2024.csv` });
      continue;
    }
    if (icb.onsCode !== r.cell('ICB22CD')) icb.notes = `ONS code ${r.cell('ICB22CD')} until 2024, when ONS gave it ${icb.onsCode}; the ODS code is unchanged.`;
    const name = r.cell('SICBL22NM');
    const sub: Body = {
      id: slugify(bareName(name)), name, kind: 'SUB_ICB_LOCATION', odsCode: code, onsCode: r.cell('SICBL22CD'), activeFrom: ICB_DAY,
      activeTo: null, aliases: [], notes: `Part of ${icb.name}; it took the ground of the CCG with the same ODS code.`, declaredBy: 'ONS',
    };
    subIcbLocations.set(code, sub);
    partOf.set(code, icb);
    if (!ccgs.has(code)) problems.push({ file: subIcb.file, row: `line ${r.line}`, column: 'SICBL22CDH', message: `sub-ICB location ${code} has no CCG of that code in ods-eccg.csv` });
  }
  if (icbs.size !== 42) problems.push({ file: icb24.file, row: '(file)', column: '', message: `lists ${icbs.size} ICBs; England has 42` });

  const trustNames = new CodeNames(problems);
  const trusts = new Map<string, Body>();
  for (const r of etr.rows) {
    const code = r.cell('1');
    trustNames.add(code, r.cell('2'), etr.file, r.line);
    const name = titleCase(r.cell('2'));
    trusts.set(code, {
      id: slugify(bareName(name)), name, kind: 'NHS_TRUST', odsCode: code, onsCode: null, activeFrom: odsDate(etr, r, 11, problems),
      activeTo: odsDate(etr, r, 12, problems), aliases: [], notes: null, declaredBy: 'ODS',
    });
  }

  const successions = readSuccessions(succ, ccgs, trusts, problems);
  for (const [code, icb] of partOf) {
    const ccg = ccgs.get(code);
    if (ccg) successions.push({ from: ccg, to: icb, on: ICB_DAY, at: `${subIcb.file}` });
  }
  uniqueIds([...ccgs.values(), ...subIcbLocations.values(), ...icbs.values(), ...trusts.values()]);
  return { ccgs, subIcbLocations, icbs, trusts, partOf, successions, ccgByOnsCode };
}

function readSuccessions(succ: NhsTable, ccgs: Map<string, Body>, trusts: Map<string, Body>, problems: ImportProblem[]): Succession[] {
  const out: Succession[] = [];
  const seen = new Set<string>();
  for (const r of succ.rows) {
    const [a, b] = [r.cell('1'), r.cell('2')];
    const from = ccgs.get(a) ?? trusts.get(a);
    const to = (from?.kind === 'CCG' ? ccgs : trusts).get(b);
    if (!from || !to) continue;
    const on = odsDate(succ, r, 4, problems);
    if (!on || seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    out.push({ from, to, on, at: `${succ.file} line ${r.line}` });
  }
  const loop = findLoop(out);
  if (loop) {
    problems.push({
      file: succ.file, row: loop[0].at.replace(`${succ.file} `, ''), column: '',
      message: `the successions form a loop (${[...loop.map((s) => s.from.odsCode), loop[0].from.odsCode].join(' -> ')}): a body cannot succeed itself`,
    });
  }
  return out;
}

function findLoop(successions: Succession[]): Succession[] | null {
  const next = new Map<string, Succession[]>();
  for (const s of successions) next.set(s.from.odsCode, [...(next.get(s.from.odsCode) ?? []), s]);
  const state = new Map<string, 'active' | 'done'>();
  const path: Succession[] = [];
  const visit = (code: string): Succession[] | null => {
    state.set(code, 'active');
    for (const s of next.get(code) ?? []) {
      const to = s.to.odsCode;
      if (state.get(to) === 'active') {
        const start = path.findIndex((p) => p.from.odsCode === to);
        return start < 0 ? [s] : [...path.slice(start), s];
      }
      if (state.get(to) === 'done') continue;
      path.push(s);
      const loop = visit(to);
      if (loop) return loop;
      path.pop();
    }
    state.set(code, 'done');
    return null;
  };
  for (const code of [...next.keys()].sort()) if (!state.has(code)) {
    const loop = visit(code);
    if (loop) return loop;
  }
  return null;
}

/** Two bodies whose names make the same id (a later body reusing a name) are told apart by their ODS codes. */
function uniqueIds(bodies: Body[]) {
  const byId = new Map<string, Body[]>();
  for (const b of bodies) byId.set(b.id, [...(byId.get(b.id) ?? []), b]);
  for (const same of byId.values()) if (same.length > 1) for (const b of same) b.id = `${b.id}-${b.odsCode.toLowerCase()}`;
}
