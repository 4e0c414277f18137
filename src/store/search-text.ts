import { stemmer as porterStem } from 'stemmer';
import type { NodeRow } from '../domain/model';

/** How both adapters read text for search: the fields searched, the words of a query, and snippets. */

/** The text fields searched, in the order a snippet is taken from. */
export const SEARCH_FIELDS = ['quote', 'summary', 'name', 'title', 'aliases', 'description', 'role'] as const;

/** How much a match in each field counts, relative to 1. */
export const FIELD_BOOSTS: Partial<Record<(typeof SEARCH_FIELDS)[number], number>> = { name: 3, title: 3, aliases: 2, quote: 1.5 };

export const fieldText = (row: NodeRow, field: string): string | null => {
  const v = (row as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v.length ? v.join('; ') : null;
  return typeof v === 'string' && v ? v : null;
};

/** The words of a text: letters and digits only, so no query syntax survives; lone letters (the s of "Sandwell's") are dropped. */
export const searchWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 || /\p{N}/u.test(t));

/**
 * The stop words of Lucene's English analyzer (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), which
 * Neo4j's `english` full-text analyzer drops: the embedded store drops the same, so that both
 * stores index and query the same terms.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on',
  'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

/** Stems already worked out: indexing meets the same words again and again. Emptied when full, so queries cannot grow it without bound. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

/** A word's stem, by the Porter algorithm that Lucene's English analyzer also applies ("schools" and "school" are "school"). */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, (s = porterStem(word)));
  }
  return s;
}

/** The indexed terms of a text: its words less stop words, stemmed. */
export const searchTerms = (text: string): string[] => {
  const out: string[] = [];
  for (const w of searchWords(text)) if (!STOP_WORDS.has(w)) out.push(stem(w));
  return out;
};

/** A query term of this many letters or more (after stemming) also matches as a prefix ("plan" finds "planning"). */
export const MIN_PREFIX_LENGTH = 4;

/**
 * The stems one query word matches: its own, and for a stem ending in -ism or -ist the other of
 * the pair, which stemming leaves apart ("autism" finds "autistic"): only where the other is a
 * stem itself, so that Neo4j's analyzer, stemming it again, reads the same term.
 */
export function queryStems(word: string): string[] {
  const s = stem(word);
  const pair = /ism$/.test(s) ? `${s.slice(0, -1)}t` : /ist$/.test(s) ? `${s.slice(0, -1)}m` : null;
  return pair && stem(pair) === pair ? [s, pair] : [s];
}

/** The words of a query, each with the stems it matches; stop words and repeats dropped. */
export function queryWords(text: string): { word: string; stems: string[] }[] {
  const seen = new Set<string>();
  const out: { word: string; stems: string[] }[] = [];
  for (const word of searchWords(text)) {
    if (STOP_WORDS.has(word)) continue;
    const stems = queryStems(word);
    if (seen.has(stems[0])) continue;
    seen.add(stems[0]);
    out.push({ word, stems });
  }
  return out;
}

/** A window of the first field that contains a query term, so a reader sees why it matched. */
export function snippetFor(row: NodeRow, terms: string[], width = 160): string | null {
  for (const field of SEARCH_FIELDS) {
    const text = fieldText(row, field);
    if (!text) continue;
    const lower = text.toLowerCase();
    const hit = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (hit === undefined) continue;
    if (text.length <= width) return text;
    const start = Math.max(0, Math.min(hit - Math.floor(width / 3), text.length - width));
    return `${start > 0 ? '…' : ''}${text.slice(start, start + width).trim()}${start + width < text.length ? '…' : ''}`;
  }
  return null;
}
