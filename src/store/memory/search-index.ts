import { deadlineTicker } from '../deadline';
import type { NodeRow } from '../../domain/model';
import type { SearchPage } from '../port';
import { byId } from '../ordering';
import { insertTop } from '../top-k';
import { BM25_B, BM25_K1, FIELD_BOOSTS, SEARCH_FIELDS, STOP_WORDS, fieldText, searchTerms, snippetFor, stem, wordSpans } from '../search-text';
import { wantedTerms, type Clause, type PhraseClause, type SearchQuery } from '../search-query';

const FIELD_COUNT = SEARCH_FIELDS.length;
const BOOST = Float64Array.from(SEARCH_FIELDS, (f) => FIELD_BOOSTS[f] ?? 1);

/** A field's terms with how often each occurs, and its length as Lucene counts it: the terms indexed (stop words not counted). */
interface FieldTerms {
  counts: ReadonlyMap<string, number>;
  length: number;
}
const NO_TERMS: FieldTerms = { counts: new Map(), length: 0 };

/** Each field's terms (one shared empty value for the many empty fields). */
function fieldTerms(row: NodeRow): FieldTerms[] {
  return SEARCH_FIELDS.map((field) => {
    const text = fieldText(row, field);
    if (!text) return NO_TERMS;
    const counts = new Map<string, number>();
    const terms = searchTerms(text);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    return terms.length ? { counts, length: terms.length } : NO_TERMS;
  });
}

/** The index's contents: what is built from the rows, and saved in a snapshot. */
export interface SearchIndexParts {
  vocabulary: string[];
  termStart: Int32Array;
  postingDoc: Int32Array;
  postingField: Uint8Array;
  postingFreq: Uint16Array;
  fieldLength: Uint16Array;
  /** Per field: the documents that have it, and their mean length (Lucene's docCount and avgdl). */
  fieldDocs: Int32Array;
  avgFieldLength: Float64Array;
}

function buildParts(rows: NodeRow[]): SearchIndexParts {
  // First pass: the vocabulary and how many postings each word has.
  const postingCount = new Map<string, number>();
  for (const row of rows) for (const { counts } of fieldTerms(row)) for (const t of counts.keys()) postingCount.set(t, (postingCount.get(t) ?? 0) + 1);
  const vocabulary = [...postingCount.keys()].sort(byId);
  const termId = new Map(vocabulary.map((t, i) => [t, i]));
  const termStart = new Int32Array(vocabulary.length + 1);
  vocabulary.forEach((t, i) => (termStart[i + 1] = termStart[i] + postingCount.get(t)!));
  postingCount.clear();

  // Second pass: fill the postings in document order.
  const total = termStart[vocabulary.length];
  const p: SearchIndexParts = {
    vocabulary, termStart,
    postingDoc: new Int32Array(total),
    postingField: new Uint8Array(total),
    postingFreq: new Uint16Array(total),
    fieldLength: new Uint16Array(rows.length * FIELD_COUNT),
    fieldDocs: new Int32Array(FIELD_COUNT),
    avgFieldLength: new Float64Array(FIELD_COUNT),
  };
  const next = termStart.slice(0, vocabulary.length);
  rows.forEach((row, doc) => {
    fieldTerms(row).forEach(({ counts, length }, field) => {
      if (!length) return;
      p.fieldLength[doc * FIELD_COUNT + field] = Math.min(length, 0xffff);
      p.fieldDocs[field]++;
      p.avgFieldLength[field] += length;
      for (const [t, freq] of counts) {
        const id = termId.get(t)!;
        const at = next[id]++;
        p.postingDoc[at] = doc;
        p.postingField[at] = field;
        p.postingFreq[at] = Math.min(freq, 0xffff);
      }
    });
  });
  for (let f = 0; f < FIELD_COUNT; f++) p.avgFieldLength[f] = p.fieldDocs[f] ? p.avgFieldLength[f] / p.fieldDocs[f] : 0;
  return p;
}

/** Documents (ascending) with a score each. */
interface Scored {
  docs: number[];
  scores: number[];
}
const NONE: Scored = { docs: [], scores: [] };

export interface SearchOptions {
  first: number;
  /** Hits to skip, best first: the page's start. */
  offset?: number;
  /** Which documents (row positions) may be answered: the filters. */
  accept?: ((doc: number) => boolean) | null;
}

/**
 * Full-text search over names, titles, summaries and quotes: an inverted index of stemmed terms in
 * typed arrays (a few bytes per posting, no positions: a phrase is checked against the text of
 * the documents that hold all its words), ranked by BM25 (Lucene's k1 and b) over each word's
 * best field: its count in each field, weighted (FIELD_BOOSTS) and normalised by that field's
 * length against the field's mean, the largest taken (a disjunction max, Elasticsearch's
 * best_fields). A finding's summary and quote often say the same thing; summed, every finding
 * with both would outrank a short, exact one with a summary alone. Each clause's documents are found from the postings, the groups
 * intersected smallest first, so the cost follows the postings read.
 */
export class SearchIndex {
  private readonly rows: NodeRow[];
  /** Sorted vocabulary; a term's id is its position. */
  private readonly vocabulary: string[];
  /** Term t's postings are positions termStart[t] .. termStart[t + 1] - 1, ordered by document, then field. */
  private readonly termStart: Int32Array;
  private readonly postingDoc: Int32Array;
  private readonly postingField: Uint8Array;
  private readonly postingFreq: Uint16Array;
  /** Terms in document d's field f: fieldLength[d * FIELD_COUNT + f]. */
  private readonly fieldLength: Uint16Array;
  private readonly fieldDocs: Int32Array;
  private readonly avgFieldLength: Float64Array;
  // Scratch space for unions, one query at a time (queries run synchronously).
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;
  /** Documents with any text: BM25's N. */
  private docCount = 0;

  /** Indexes the rows, or takes the index built before from the same rows (a snapshot). */
  constructor(rows: NodeRow[], built?: SearchIndexParts) {
    this.rows = rows;
    const parts = built ?? buildParts(rows);
    this.vocabulary = parts.vocabulary;
    this.termStart = parts.termStart;
    this.postingDoc = parts.postingDoc;
    this.postingField = parts.postingField;
    this.postingFreq = parts.postingFreq;
    this.fieldLength = parts.fieldLength;
    this.fieldDocs = parts.fieldDocs;
    this.avgFieldLength = parts.avgFieldLength;
    this.sums = new Float64Array(rows.length);
    this.seen = new Uint8Array(rows.length);
    for (let d = 0; d < rows.length; d++) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (this.fieldLength[d * FIELD_COUNT + f]) {
          this.docCount++;
          break;
        }
      }
    }
  }

  /** The index's arrays, for a snapshot. */
  parts(): SearchIndexParts {
    const { vocabulary, termStart, postingDoc, postingField, postingFreq, fieldLength, fieldDocs, avgFieldLength } = this;
    return { vocabulary, termStart, postingDoc, postingField, postingFreq, fieldLength, fieldDocs, avgFieldLength };
  }

  /** The index's size in bytes, for the memory benchmark. */
  get byteLength(): number {
    return [this.termStart, this.postingDoc, this.postingField, this.postingFreq, this.fieldLength, this.fieldDocs, this.avgFieldLength, this.sums, this.seen].reduce((n, a) => n + a.byteLength, 0);
  }

  query(q: SearchQuery, { first, offset = 0, accept }: SearchOptions): SearchPage {
    if (q.required.length === 0) return { hits: [], totalCount: 0 };
    const tick = deadlineTicker(1024);
    const groups = q.required.map((g) => this.union(g.map((c) => this.clause(c, accept))));
    groups.sort((a, b) => a.docs.length - b.docs.length);
    let found = groups[0];
    for (let i = 1; i < groups.length && found.docs.length; i++) found = intersect(found, groups[i], tick);
    const excluded = new Set(q.excluded.flatMap((c) => this.clause(c, accept).docs));

    const k = offset + first;
    const better = (a: { doc: number; score: number }, b: { doc: number; score: number }) => b.score - a.score || byId(this.rows[a.doc].id, this.rows[b.doc].id);
    let top: { doc: number; score: number }[] = [];
    let totalCount = 0;
    for (let i = 0; i < found.docs.length; i++) {
      tick();
      const doc = found.docs[i];
      if (excluded.has(doc) || (accept && !accept(doc))) continue;
      totalCount++;
      // A deep page is sorted once rather than kept in order hit by hit.
      if (k <= 256) insertTop(top, { doc, score: found.scores[i] }, k, better);
      else top.push({ doc, score: found.scores[i] });
    }
    if (k > 256) top = top.sort(better).slice(0, k);
    // Snippets only for the hits answered: a broad query can match thousands of nodes.
    const matcher = wantedTerms(q);
    const hits = top.slice(offset).map(({ doc, score }) => ({ id: this.rows[doc].id, score, ...snippetFor(this.rows[doc], matcher) }));
    return { hits, totalCount };
  }

  /** The documents a clause matches, with its BM25 score in each (a phrase: only among the documents the filters accept, as it costs a reading of each). */
  private clause(c: Clause, accept?: ((doc: number) => boolean) | null): Scored {
    switch (c.kind) {
      case 'word': return this.union(c.stems.map((s) => this.term(this.termId(s))));
      case 'prefix': return this.union(this.prefixTerms(c.prefix).map((t) => this.term(t)));
      case 'phrase': return this.phrase(c, accept);
    }
  }

  private termId(word: string): number {
    const at = lowerBound(this.vocabulary, word);
    return this.vocabulary[at] === word ? at : -1;
  }

  private prefixTerms(prefix: string): number[] {
    const out: number[] = [];
    for (let t = lowerBound(this.vocabulary, prefix); t < this.vocabulary.length && this.vocabulary[t].startsWith(prefix); t++) out.push(t);
    return out;
  }

  /** A field's weighted, length-normalised count of a term (or a phrase) in one document. */
  private fieldTf(field: number, doc: number, freq: number): number {
    const norm = 1 - BM25_B + (BM25_B * this.fieldLength[doc * FIELD_COUNT + field]) / (this.avgFieldLength[field] || 1);
    return (BOOST[field] * freq) / norm;
  }

  /** BM25's idf over the documents with any text, df of them holding the term. */
  private idf(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** How many documents hold term t (its postings less repeats of a document in several fields). */
  private docFreq(t: number): number {
    let df = 0;
    for (let p = this.termStart[t]; p < this.termStart[t + 1]; p++) if (p === this.termStart[t] || this.postingDoc[p] !== this.postingDoc[p - 1]) df++;
    return df;
  }

  /** One term's documents and scores: idf · tf / (k1 + tf), tf its best field's (its postings come in document order). */
  private term(t: number): Scored {
    if (t < 0) return NONE;
    const out: Scored = { docs: [], scores: [] };
    const idf = this.idf(this.docFreq(t));
    for (let p = this.termStart[t]; p < this.termStart[t + 1]; p++) {
      const doc = this.postingDoc[p];
      const tf = this.fieldTf(this.postingField[p], doc, this.postingFreq[p]);
      const last = out.docs.length - 1;
      if (last >= 0 && out.docs[last] === doc) out.scores[last] = Math.max(out.scores[last], tf);
      else {
        out.docs.push(doc);
        out.scores.push(tf);
      }
    }
    for (let i = 0; i < out.scores.length; i++) out.scores[i] = (idf * out.scores[i]) / (BM25_K1 + out.scores[i]);
    return out;
  }

  /** Documents in any of the lists, scores summed. */
  private union(lists: Scored[]): Scored {
    const nonEmpty = lists.filter((l) => l.docs.length);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? NONE;
    const touched: number[] = [];
    for (const l of nonEmpty) {
      for (let i = 0; i < l.docs.length; i++) {
        const d = l.docs[i];
        if (!this.seen[d]) {
          this.seen[d] = 1;
          touched.push(d);
        }
        this.sums[d] += l.scores[i];
      }
    }
    const docs = Int32Array.from(touched).sort();
    const out: Scored = { docs: Array.from(docs), scores: new Array(docs.length) };
    docs.forEach((d, i) => {
      out.scores[i] = this.sums[d];
      this.sums[d] = 0;
      this.seen[d] = 0;
    });
    return out;
  }

  /**
   * A phrase: the documents holding all its words, kept where the words stand in order (a stop
   * word keeps its place), scored as one term whose count is the phrase's and whose idf is the
   * sum of its words' (as Lucene scores a phrase).
   */
  private phrase(c: PhraseClause, accept?: ((doc: number) => boolean) | null): Scored {
    const tick = deadlineTicker(256);
    // The documents holding every word, each with the fields that hold them all: only those are read.
    let candidates = this.fieldsHolding(c.words[0].stems);
    for (let i = 1; i < c.words.length && candidates.docs.length; i++) candidates = intersectFields(candidates, this.fieldsHolding(c.words[i].stems), tick);
    if (!candidates.docs.length) return NONE;
    // A word with a join counts the idf of its rarer stem.
    const idf = c.words.reduce((sum, w) => sum + Math.max(0, ...w.stems.map((s) => this.termId(s)).filter((t) => t >= 0).map((t) => this.idf(this.docFreq(t)))), 0);
    const out: Scored = { docs: [], scores: [] };
    const span = c.words[c.words.length - 1].offset + 1;
    candidates.docs.forEach((doc, k) => {
      tick();
      if (accept && !accept(doc)) return;
      let tf = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (!(candidates.fields[k] & (1 << f))) continue;
        const words = wordSpans(fieldText(this.rows[doc], SEARCH_FIELDS[f])!).map((s) => s.word);
        let freq = 0;
        for (let at = 0; at + span <= words.length; at++) {
          if (c.words.every((w) => !STOP_WORDS.has(words[at + w.offset]) && w.stems.includes(stem(words[at + w.offset])))) freq++;
        }
        if (freq) tf = Math.max(tf, this.fieldTf(f, doc, freq));
      }
      if (tf > 0) {
        out.docs.push(doc);
        out.scores.push((idf * tf) / (BM25_K1 + tf));
      }
    });
    return out;
  }

  /** The documents holding any of the stems, each with the fields that do (bit f for field f). */
  private fieldsHolding(stems: string[]): FieldSets {
    const touched: number[] = [];
    for (const s of stems) {
      const t = this.termId(s);
      if (t < 0) continue;
      for (let p = this.termStart[t]; p < this.termStart[t + 1]; p++) {
        const d = this.postingDoc[p];
        if (!this.seen[d]) {
          this.seen[d] = 1;
          touched.push(d);
        }
        this.sums[d] = this.sums[d] | (1 << this.postingField[p]);
      }
    }
    const docs = Array.from(Int32Array.from(touched).sort());
    const fields = docs.map((d) => {
      const mask = this.sums[d];
      this.sums[d] = 0;
      this.seen[d] = 0;
      return mask;
    });
    return { docs, fields };
  }
}

/** Documents (ascending) with a bit set of fields each. */
interface FieldSets {
  docs: number[];
  fields: number[];
}

/** Documents in both, with the fields both hold; those with none in common left out. */
function intersectFields(a: FieldSets, b: FieldSets, tick: () => void): FieldSets {
  const out: FieldSets = { docs: [], fields: [] };
  let i = 0, j = 0;
  while (i < a.docs.length && j < b.docs.length) {
    tick();
    if (a.docs[i] < b.docs[j]) i++;
    else if (a.docs[i] > b.docs[j]) j++;
    else {
      const both = a.fields[i++] & b.fields[j++];
      if (both) {
        out.docs.push(a.docs[i - 1]);
        out.fields.push(both);
      }
    }
  }
  return out;
}

/** Documents in both lists, scores summed. */
function intersect(a: Scored, b: Scored, tick: () => void): Scored {
  const out: Scored = { docs: [], scores: [] };
  let i = 0, j = 0;
  while (i < a.docs.length && j < b.docs.length) {
    tick();
    if (a.docs[i] < b.docs[j]) i++;
    else if (a.docs[i] > b.docs[j]) j++;
    else {
      out.docs.push(a.docs[i]);
      out.scores.push(a.scores[i++] + b.scores[j++]);
    }
  }
  return out;
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
