import { stemmer as porterStem } from 'stemmer';
import type { NodeRow } from '../domain/model';

/** How both adapters read text for search: the fields searched and their weights, the analysis of words, and snippets. */

/** The text fields searched, in the order a snippet is taken from. */
export const SEARCH_FIELDS = ['quote', 'summary', 'name', 'title', 'aliases', 'description', 'role'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** How much a match in each field counts, relative to 1 (summary, quote, description, role): a name or title is what the node is called. */
export const FIELD_BOOSTS: Partial<Record<SearchField, number>> = { name: 3, title: 3, aliases: 2 };

/**
 * BM25 as Lucene computes it (and so Neo4j's full-text index): k1 saturates a word repeated in
 * one field, b the normalisation by the field's length against the average length of that field.
 * Lucene's defaults.
 */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

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
    .filter(isWord);

const isWord = (t: string) => t.length > 1 || /\p{N}/u.test(t);

/** The words of a text where they stand in it (UTF-16 offsets), lower-cased: for phrases and marked snippets. */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    if (isWord(word)) out.push({ word, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

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

/**
 * Words the project joins beyond what the stemmer does: each pair means the same thing in this
 * field, and the stemmer leaves them apart. A query word of one pair also finds the other.
 * Nothing else is joined: no prefix matching unless asked (`spec*`), so "special" never finds
 * "specialist" (special provision and specialist provision are different things), nor "therapy"
 * "therapist", nor "psychology" "psychologist" (a service is not a person).
 */
export const SEARCH_JOINS: readonly (readonly [string, string])[] = [
  ['autism', 'autistic'],
  ['child', 'children'],
  ['person', 'people'],
  ['dyslexia', 'dyslexic'],
  ['dyspraxia', 'dyspraxic'],
  ['epilepsy', 'epileptic'],
];

const joinsByStem = new Map<string, string[]>();
for (const pair of SEARCH_JOINS) {
  for (const [a, b] of [pair, [pair[1], pair[0]] as const]) joinsByStem.set(stem(a), [...(joinsByStem.get(stem(a)) ?? []), b]);
}

/** The words a query word also matches by the joins (none for most words), so that Neo4j's analyzer, given them, reads the same terms. */
export const joinedWords = (word: string): string[] => joinsByStem.get(stem(word)) ?? [];

/** The stems a query word matches: its own, then its joined words'. */
export const wordStems = (word: string): string[] => [...new Set([stem(word), ...joinedWords(word).map(stem)])];

/** What a snippet marks: the stems and prefixes the query looks for. */
export interface SnippetMatcher {
  stems: ReadonlySet<string>;
  prefixes: readonly string[];
}

const matches = (m: SnippetMatcher, word: string) => !STOP_WORDS.has(word) && (m.stems.has(stem(word)) || m.prefixes.some((p) => stem(word).startsWith(p)));

/**
 * A window of the field that holds the most of the query's words (the first such field in
 * SEARCH_FIELDS order), where it holds the most of them, so a reader sees why it matched; the
 * matched words in it marked ([start, end) UTF-16 offsets).
 */
export function snippetFor(row: NodeRow, matcher: SnippetMatcher, width = 160): { snippet: string | null; marks: [number, number][] } {
  let best: { text: string; spans: { word: string; start: number; end: number }[]; distinct: number } | null = null;
  for (const field of SEARCH_FIELDS) {
    const text = fieldText(row, field);
    if (!text) continue;
    const spans = wordSpans(text).filter((s) => matches(matcher, s.word));
    const distinct = new Set(spans.map((s) => stem(s.word))).size;
    if (distinct > (best?.distinct ?? 0)) best = { text, spans, distinct };
  }
  if (!best) return { snippet: null, marks: [] };
  const { text, spans } = best;
  let start = 0, end = text.length;
  if (text.length > width) {
    // The window, led by one of the matched words, that holds the most different ones.
    let most = 0;
    for (const lead of spans) {
      const at = Math.max(0, Math.min(lead.start - Math.floor(width / 3), text.length - width));
      const held = new Set(spans.filter((s) => s.start >= at && s.end <= at + width).map((s) => stem(s.word))).size;
      if (held > most) [most, start] = [held, at];
    }
    end = start + width;
  }
  // Trimmed where the window cuts a text, with an ellipsis.
  const body = text.slice(start, end);
  const from = start + (body.length - body.trimStart().length);
  const to = from + body.trim().length;
  const lead = start > 0 ? '…' : '';
  const snippet = `${lead}${text.slice(from, to)}${end < text.length ? '…' : ''}`;
  const marks = spans.filter((s) => s.start >= from && s.end <= to).map((s): [number, number] => [s.start - from + lead.length, s.end - from + lead.length]);
  return { snippet, marks };
}
