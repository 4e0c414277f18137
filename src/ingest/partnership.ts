import { agencyKey } from './match-names';

/**
 * The health bodies named in "Information about the local area partnership": the integrated
 * care boards, and the clinical commissioning groups whose duties passed to them on 1 July 2022.
 */

export interface NamedBody {
  kind: 'ICB' | 'CCG';
  /** The distinguishing words as the report writes them: "Hertfordshire and West Essex". */
  name: string;
  key: string;
  /** Other ways the report writes it: an abbreviation ("BSW"), or a shorter form of the name. */
  aliases: string[];
}

const SUFFIX = {
  ICB: /^(?:[Ii]ntegrated [Cc]are [Bb]oard|ICB)\b(?!s)/,
  CCG: /^(?:[Cc]linical [Cc]ommissioning [Gg]roup|CCG)\b(?!s)/,
};
/** One suffix shared by several names: "NHS Leeds and NHS Bradford District and Craven Clinical Commissioning Groups". */
const PLURAL = {
  ICB: /^(?:[Ii]ntegrated [Cc]are [Bb]oards|ICBs)\b/,
  CCG: /^(?:[Cc]linical [Cc]ommissioning [Gg]roups|CCGs)\b/,
};

/** Words that end a body's name when reading backwards from "ICB" or "CCG". */
const STOP = /^(?:NHS|Council|Councils|Borough|Trust|Board|Group|Groups|Partnership|Authority|ICB|CCG|ICS|from|to|in|by|with|for|a|an|new|as|is|are|was|were|On|In|At|Since)$/;
const CONNECTOR = /^(?:and|of|the|The|upon|on|&)$/;

/** Each name written before the kind's suffix ("... Integrated Care Board", "... ICB"). */
function namesBefore(text: string, kind: 'ICB' | 'CCG'): WrittenName[] {
  const out: WrittenName[] = [];
  const tokens = text.split(/\s+/);
  tokens.forEach((token, i) => {
    const rest = tokens.slice(i).join(' ');
    if (PLURAL[kind].test(rest)) {
      out.push(...sharedSuffixNames(tokens, i));
      return;
    }
    const found = SUFFIX[kind].test(rest) ? nameEndingAt(tokens, i) : null;
    if (found) out.push(found);
  });
  return out;
}

interface WrittenName {
  name: string;
  /** Whether it follows "Borough of" (a council's designation the sentence runs on from). */
  afterCouncil: boolean;
  /** The token the reading stopped at ("NHS", "and", a council's "Council"...), or -1. */
  stop: number;
}

/**
 * The names before a plural suffix, each written with its own "NHS" ("NHS X and NHS Y ... Boards");
 * written any other way the names cannot be told apart, so none is taken.
 */
function sharedSuffixNames(written: readonly string[], i: number): WrittenName[] {
  const tokens = written.map((t, k) => (written[k + 1] === 'NHS' ? t.replace(/,$/, '') : t));
  const names: WrittenName[] = [];
  let end = i;
  for (;;) {
    const found = nameEndingAt(tokens, end);
    if (!found || tokens[found.stop] !== 'NHS') break;
    names.unshift(found);
    const before = tokens[found.stop - 1] ?? '';
    if (before === 'and') end = found.stop - 1; // "NHS X and NHS Y"
    else if (/^[A-Z]/.test(before)) end = found.stop; // "NHS X, NHS Y": the comma was dropped above
    else break;
  }
  return names.length >= 2 ? names : [];
}

/** The name read backwards from the suffix at token i, if any. */
function nameEndingAt(tokens: readonly string[], i: number): WrittenName | null {
  const name: string[] = [];
  let stoppedAt = '';
  let stop = -1;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j];
    const bare = t.replace(/,$/, '');
    if (STOP.test(bare) || /[.;:()]$/.test(t)) {
      stoppedAt = bare;
      stop = j;
      break;
    }
    // A comma may separate the places of one name ("Buckinghamshire, Oxfordshire and Berkshire West"), only between capitalised words.
    if (t.endsWith(',') && !(name.length && /^[A-Z]/.test(name[0]))) {
      stop = j;
      break;
    }
    if (!/^[A-Z&]/.test(bare) && !CONNECTOR.test(bare) && !/^[A-Z][\w’'&-]*$/.test(bare)) {
      stop = j;
      break;
    }
    name.unshift(t);
  }
  const afterCouncil = stoppedAt === 'Borough' && name[0] === 'of';
  while (name.length && CONNECTOR.test(name[0].replace(/,$/, ''))) name.shift();
  while (name.length && CONNECTOR.test(name[name.length - 1])) name.pop();
  return name.length ? { name: name.join(' ').replace(/,$/, ''), afterCouncil, stop } : null;
}

/** `areaName`: the report's area, which a sentence may run into a body's name ("Enfield and the North Central London ICB"). */
export function namedBodies(paragraphs: readonly string[], areaName: string): NamedBody[] {
  const lead = new RegExp(`^${areaName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},? and (?:the )?`, 'i');
  const out: NamedBody[] = [];
  for (const kind of ['ICB', 'CCG'] as const) {
    const found: NamedBody[] = [];
    for (const p of paragraphs) {
      for (const written of namesBefore(p, kind)) {
        const name = written.afterCouncil ? written.name.replace(lead, '') : written.name;
        const key = agencyKey(name);
        if (key && !found.some((b) => b.key === key)) found.push({ kind, name, key, aliases: [] });
      }
    }
    // An abbreviation, or a name whose words are all in another's, is another way of writing that one.
    const isAbbreviation = (b: NamedBody) => !/[a-z]/.test(b.name) && b.name.length <= 6;
    const full = found.filter((b) => !isAbbreviation(b));
    const kept = full.filter((b) => !full.some((o) => o !== b && o.key.length > b.key.length && b.key.split(' ').every((w) => o.key.split(' ').includes(w))));
    for (const b of found) {
      if (kept.includes(b)) continue;
      const into = isAbbreviation(b)
        ? kept.length === 1 ? kept[0] : undefined
        : kept.find((o) => b.key.split(' ').every((w) => o.key.split(' ').includes(w)));
      into?.aliases.push(b.name);
    }
    out.push(...kept);
  }
  return out;
}

/** Whether the partnership's paragraphs state the day health duties passed to the ICB. */
export const statesTransferDay = (paragraphs: readonly string[]) => paragraphs.some((p) => /1 July 2022/.test(p) && /(ICB|Integrated Care Board)/.test(p));

/** The ICBs a CCG passed to: the one ICB, or those sharing most of its words. */
export function successorsOf(ccg: NamedBody, icbs: readonly NamedBody[]): NamedBody[] {
  if (icbs.length <= 1) return [...icbs];
  const words = new Set(ccg.key.split(' ').filter((w) => w !== 'and' && w !== 'of'));
  const shared = icbs.map((icb) => icb.key.split(' ').filter((w) => words.has(w)).length);
  const best = Math.max(...shared);
  return best === 0 ? [...icbs] : icbs.filter((_, i) => shared[i] === best);
}
