import type { FindingRow, NodeRow } from '../domain/model';
import { byId } from './ordering';
import { eng as englishStopWords } from 'stopword';
import { STOP_WORDS, searchWords, stem } from './search-text';

/**
 * How alike two findings' wordings are, the same in both stores: each finding is a TF-IDF vector
 * over the stems of its text (see findingText), less the common English words of the stopword
 * package's list (too, been, has, many, ...: shared by two findings, they say nothing of what the
 * two are about) and search's own stop words, weighted (1 + ln tf) * ln(N / df) over all N
 * findings, and scaled to length 1. Two findings' similarity is the cosine of their vectors: the
 * sum, over the stems they share, of the products of their weights (single-precision values,
 * multiplied and added in double precision). A stem found in every finding
 * weighs nothing; a rare one shared weighs most.
 */

/** The most stems a vector keeps (the weightiest): a Lucene query, which Neo4j uses to find candidates, takes at most 1024 clauses. */
export const MAX_VECTOR_TERMS = 1000;

export interface TermVector {
  /** Stems, in id order. */
  terms: string[];
  /** Their weights (single-precision values); the squares sum to 1, to 7 digits. */
  weights: number[];
}

const SIMILARITY_STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...STOP_WORDS]);

/** The stems a finding's text is compared by. */
export function similarityTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of searchWords(text)) if (!SIMILARITY_STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}

/** The inspectors' words (quote) with our summary, unless the quote already holds it (a report's bullet and its first sentence). */
export function findingText(row: FindingRow): string {
  const summary = row.summary ?? '';
  if (!row.quote) return summary;
  return row.quote.includes(summary) ? row.quote : `${summary} ${row.quote}`;
}

/**
 * Every finding's vector, compactly: finding i (in the order given) has entries start[i] ..
 * start[i + 1] - 1, each a stem (its number in `vocabulary`) and a weight, stems in id order.
 * A few bytes an entry, so that a million findings fit.
 */
export interface FindingVectors {
  ids: string[];
  vocabulary: string[];
  start: Int32Array;
  terms: Int32Array;
  /** Single precision (7 digits are plenty for a weight, and half the bytes); Neo4j stores the same values. */
  weights: Float32Array;
}

/** A growable typed array (a plain array of millions of numbers costs more, and grows in bigger steps). */
class GrowableArray<T extends Int32Array | Float32Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}
const intList = () => new GrowableArray(new Int32Array(1024));

export function buildFindingVectors(findings: readonly FindingRow[]): FindingVectors {
  // First pass: each finding's distinct stems with their counts, and each stem's document frequency.
  const termNumber = new Map<string, number>();
  const vocabulary: string[] = [];
  const df: number[] = [];
  const rawStart = new Int32Array(findings.length + 1);
  const rawTerm = intList();
  const rawTf = intList();
  const tf = new Map<number, number>();
  findings.forEach((f, i) => {
    tf.clear();
    for (const t of similarityTerms(findingText(f))) {
      let n = termNumber.get(t);
      if (n === undefined) termNumber.set(t, (n = vocabulary.length)), vocabulary.push(t), df.push(0);
      tf.set(n, (tf.get(n) ?? 0) + 1);
    }
    for (const [n, c] of tf) rawTerm.push(n), rawTf.push(c), df[n]++;
    rawStart[i + 1] = rawTerm.length;
  });

  // Second pass: weights, the heaviest MAX_VECTOR_TERMS kept, stems in id order, scaled to length 1.
  const total = findings.length;
  const start = new Int32Array(findings.length + 1);
  const terms = intList();
  const weights = new GrowableArray(new Float32Array(1024));
  for (let i = 0; i < findings.length; i++) {
    let entries: { n: number; w: number }[] = [];
    for (let k = rawStart[i]; k < rawStart[i + 1]; k++) {
      const w = (1 + Math.log(rawTf.data[k])) * Math.log(total / df[rawTerm.data[k]]);
      if (w > 0) entries.push({ n: rawTerm.data[k], w });
    }
    if (entries.length > MAX_VECTOR_TERMS) entries = entries.sort((a, b) => b.w - a.w || byId(vocabulary[a.n], vocabulary[b.n])).slice(0, MAX_VECTOR_TERMS);
    entries.sort((a, b) => byId(vocabulary[a.n], vocabulary[b.n]));
    // Summed in stem order, so that every caller gets the same bits.
    let squares = 0;
    for (const e of entries) squares += e.w * e.w;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (const e of entries) terms.push(e.n), weights.push(e.w / norm);
    start[i + 1] = terms.length;
  }
  return { ids: findings.map((f) => f.id), vocabulary, start, terms: terms.trimmed(), weights: weights.trimmed() };
}

/** Finding i's vector as stems and weights. */
export function vectorAt(v: FindingVectors, i: number): TermVector {
  const terms: string[] = [];
  const weights: number[] = [];
  for (let k = v.start[i]; k < v.start[i + 1]; k++) terms.push(v.vocabulary[v.terms[k]]), weights.push(v.weights[k]);
  return { terms, weights };
}

/** Every finding's vector by id (for seeding Neo4j and for tests; the embedded store keeps the compact form). */
export function findingVectors(rows: readonly NodeRow[]): Map<string, TermVector> {
  const v = buildFindingVectors(rows.filter((r): r is FindingRow => r.label === 'Finding'));
  return new Map(v.ids.map((id, i) => [id, vectorAt(v, i)]));
}

/**
 * Scores rounded to 12 decimal places before they are compared: the two stores add the same
 * products in different orders, and ties must fall to the id in both.
 */
export const roundScore = (x: number): number => Math.round(x * 1e12) / 1e12;

/** Shared stems with their products of weights, as the answer lists them: the weightiest first, ties by stem. */
export const rankSharedTerms = (shared: readonly (readonly [string, number])[]): string[] =>
  [...shared].sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).map(([t]) => t);

/** The cosine of two vectors, with the stems they share. */
export function cosine(a: TermVector, b: TermVector): { score: number; sharedTerms: string[] } {
  const shared: [string, number][] = [];
  let score = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    const c = byId(a.terms[i], b.terms[j]);
    if (c < 0) i++;
    else if (c > 0) j++;
    else {
      const p = a.weights[i] * b.weights[j];
      score += p;
      shared.push([a.terms[i], p]);
      i++;
      j++;
    }
  }
  return { score: roundScore(score), sharedTerms: rankSharedTerms(shared) };
}
