import type { FindingRow, NodeRow } from '../domain/model';
import { byId } from './ordering';
import { searchTerms } from './search-text';

/**
 * How alike two findings' wordings are, the same in both stores: each finding is a TF-IDF vector
 * over the stems of its text (see findingText; stop words dropped, as search does), weighted (1 + ln tf) * ln(N / df) over all N
 * findings, and scaled to length 1. Two findings' similarity is the cosine of their vectors: the
 * sum, over the stems they share, of the products of their weights. A stem found in every finding
 * weighs nothing; a rare one shared weighs most.
 */

/** The most stems a vector keeps (the weightiest): a Lucene query, which Neo4j uses to find candidates, takes at most 1024 clauses. */
export const MAX_VECTOR_TERMS = 1000;

export interface TermVector {
  /** Stems, in id order. */
  terms: string[];
  /** Their weights; the squares sum to 1. */
  weights: number[];
}

const EMPTY: TermVector = { terms: [], weights: [] };

/** The inspectors' words (quote) with our summary, unless the quote already holds it (a report's bullet and its first sentence). */
export function findingText(row: FindingRow): string {
  const summary = row.summary ?? '';
  if (!row.quote) return summary;
  return row.quote.includes(summary) ? row.quote : `${summary} ${row.quote}`;
}

/** Every finding's vector, in the order given. */
export function findingVectors(rows: readonly NodeRow[]): Map<string, TermVector> {
  const findings = rows.filter((r): r is FindingRow => r.label === 'Finding');
  const counts = findings.map((f) => {
    const tf = new Map<string, number>();
    for (const t of searchTerms(findingText(f))) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = findings.length;
  const out = new Map<string, TermVector>();
  findings.forEach((f, i) => {
    let entries: [string, number][] = [];
    for (const [t, tf] of counts[i]) {
      const w = (1 + Math.log(tf)) * Math.log(n / df.get(t)!);
      if (w > 0) entries.push([t, w]);
    }
    if (entries.length > MAX_VECTOR_TERMS) entries = entries.sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).slice(0, MAX_VECTOR_TERMS);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0));
    if (norm === 0) return void out.set(f.id, EMPTY);
    entries.sort((a, b) => byId(a[0], b[0]));
    out.set(f.id, { terms: entries.map(([t]) => t), weights: entries.map(([, w]) => w / norm) });
  });
  return out;
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
