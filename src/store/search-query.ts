import { STOP_WORDS, joinedWords, wordSpans, wordStems } from './search-text';

/**
 * The search syntax, a small subset of Lucene's that both stores answer alike:
 *   special schools       every word required (stop words ignored)
 *   "special schools"     the words next to each other, in that order
 *   spec*                 any word whose stem begins so (at least 3 letters before the *)
 *   -specialist           no text with that word (or -"a phrase")
 *   autism OR adhd        either (binds tighter than the implicit AND: `a b OR c` is a AND (b OR c))
 * Other punctuation separates words; several words joined by it ("EHC-plan") are a phrase.
 */

export interface QueryWord {
  /** The word as the query has it, lower-cased. */
  word: string;
  /** The stems it matches: its own and its joined words' (search-text.ts SEARCH_JOINS). */
  stems: string[];
  /** The word and its joined words, for an analyzer that stems them itself (Neo4j's). */
  words: string[];
}
export interface WordClause extends QueryWord {
  kind: 'word';
}
export interface PrefixClause {
  kind: 'prefix';
  /** Lower-cased; matched against indexed stems, as Lucene matches a prefix against indexed terms. */
  prefix: string;
}
export interface PhraseClause {
  kind: 'phrase';
  /** The phrase's words (stop words left out) with their offset from the first: a stop word keeps its place ("quality of plans": plans at 2). */
  words: (QueryWord & { offset: number })[];
}
export type Clause = WordClause | PrefixClause | PhraseClause;

/** Every group must match (a group matches when any of its clauses does); no excluded clause may. */
export interface SearchQuery {
  required: Clause[][];
  excluded: Clause[];
}

/** A query the parser cannot read: `column` (1-based) says where. */
export class SearchSyntaxError extends Error {
  constructor(readonly reason: string, readonly column: number) {
    super(`${reason} (at character ${column})`);
    this.name = 'SearchSyntaxError';
  }
}

export const MIN_PREFIX_LETTERS = 3;
/**
 * The most terms a query may ask for, counting each joined word and each way of reading a
 * phrase with joined words in it: Lucene refuses a query of more than 1,024 clauses, and Neo4j's
 * asks for each term in each of the seven fields.
 */
export const MAX_QUERY_TERMS = 100;

const queryWord = (word: string): QueryWord => ({ word, stems: wordStems(word), words: [word, ...joinedWords(word)] });

/** The clause for a run of words: null when all are stop words, a word when one is left, else a phrase. */
function wordsClause(text: string): WordClause | PhraseClause | null {
  const all = wordSpans(text).map((s) => s.word);
  const kept = all.map((w, i) => ({ w, i })).filter(({ w }) => !STOP_WORDS.has(w));
  if (kept.length === 0) return null;
  if (kept.length === 1) return { kind: 'word', ...queryWord(kept[0].w) };
  return { kind: 'phrase', words: kept.map(({ w, i }) => ({ ...queryWord(w), offset: i - kept[0].i })) };
}

interface Item {
  clause: Clause | null;
  excluded: boolean;
  column: number;
}
type Token = Item | { or: true; column: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/u.test(text[i])) {
      i++;
      continue;
    }
    const column = i + 1;
    let excluded = false;
    if (text[i] === '-') {
      excluded = true;
      i++;
      if (i >= text.length || /\s/u.test(text[i]) || text[i] === '-') throw new SearchSyntaxError('"-" must be followed by a word or a "phrase" to leave out', column);
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw new SearchSyntaxError('a quote is not closed', i + 1);
      if (text[close + 1] === '*') throw new SearchSyntaxError('a "phrase" cannot end in *', close + 2);
      tokens.push({ clause: wordsClause(text.slice(i + 1, close)), excluded, column });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/u.test(text[end]) && text[end] !== '"') end++;
    const chunk = text.slice(i, end);
    if (chunk === 'OR' && !excluded) tokens.push({ or: true, column });
    else tokens.push({ clause: chunkClause(chunk, i), excluded, column });
    i = end;
  }
  return tokens;
}

function chunkClause(chunk: string, at: number): Clause | null {
  const star = chunk.indexOf('*');
  if (star < 0) return wordsClause(chunk);
  if (star !== chunk.length - 1) throw new SearchSyntaxError('* may only end a word, as in spec*', at + star + 1);
  const words = wordSpans(chunk.slice(0, -1));
  const letters = words.length === 1 ? words[0].word : '';
  if (words.length !== 1 || words[0].end !== chunk.length - 1 || [...letters].length < MIN_PREFIX_LETTERS) {
    throw new SearchSyntaxError(`* must follow a word of at least ${MIN_PREFIX_LETTERS} letters or digits, as in spec*`, at + star + 1);
  }
  return { kind: 'prefix', prefix: letters };
}

/** Reads a query (see the syntax above); throws SearchSyntaxError saying where it cannot. */
export function parseSearch(text: string): SearchQuery {
  const tokens = tokenize(text);
  const required: Clause[][] = [];
  const excluded: Clause[] = [];
  let anyRequired = false;
  let group: Clause[] | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if ('or' in t) {
      const before = tokens[k - 1], after = tokens[k + 1];
      if (!before || 'or' in before || before.excluded) throw new SearchSyntaxError('OR must stand between two words or phrases to find', t.column);
      if (!after || 'or' in after || after.excluded) throw new SearchSyntaxError('OR must be followed by a word or phrase to find', t.column);
      continue;
    }
    if (t.excluded) {
      if (t.clause) excluded.push(t.clause);
      group = null;
      continue;
    }
    anyRequired = true;
    const joined = k > 0 && 'or' in tokens[k - 1];
    if (!joined || !group) {
      group = [];
      required.push(group);
    }
    if (t.clause) group.push(t.clause);
  }
  if (!anyRequired && excluded.length) throw new SearchSyntaxError('a query needs a word or phrase to find besides the ones left out', 1);
  const terms = [...required.flat(), ...excluded].reduce((n, c) => n + termCount(c), 0);
  if (terms > MAX_QUERY_TERMS) throw new SearchSyntaxError(`a query may ask for at most ${MAX_QUERY_TERMS} words; this one asks for ${terms} (joined words included)`, 1);
  // A group all of stop words asks for nothing; an OR with a stop word in it matches what its other words match.
  return { required: required.filter((g) => g.length), excluded };
}

/** The terms a clause asks for: its words and their joined words; a phrase, each way of reading it. */
const termCount = (c: Clause): number => (c.kind === 'prefix' ? 1 : c.kind === 'word' ? c.words.length : c.words.reduce((n, w) => n * w.words.length, 1));

/** Every stem and prefix the query looks for (not the excluded ones): what a snippet marks. */
export function wantedTerms(q: SearchQuery): { stems: Set<string>; prefixes: string[] } {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const c of q.required.flat()) {
    if (c.kind === 'prefix') prefixes.push(c.prefix);
    else for (const w of c.kind === 'word' ? [c] : c.words) for (const s of w.stems) stems.add(s);
  }
  return { stems, prefixes };
}
