import { deadlineTicker } from '../deadline';
import type { Label, NodeRow } from '../../domain/model';
import type { SearchHitRow } from '../port';
import { byId } from '../ordering';
import { insertTop as insertTopExport } from '../top-k';
import { FIELD_BOOSTS, MIN_PREFIX_LENGTH, SEARCH_FIELDS, fieldText, queryWords, searchTerms, searchWords, snippetFor } from '../search-text';

// Bound locally for the loop over matching documents (see top-k.ts).
const insertTop = insertTopExport;

// BM25+ as MiniSearch scores it (k1, b, delta), with its weight for a prefix match.
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
const PREFIX_WEIGHT = 0.375;

const FIELD_COUNT = SEARCH_FIELDS.length;
const BOOST = Float64Array.from(SEARCH_FIELDS, (f) => FIELD_BOOSTS[f] ?? 1);

/** A field's terms with how often each occurs, and its length for BM25: its distinct words, stop words included (as MiniSearch counts). */
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
    for (const t of searchTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    return { counts, length: new Set(searchWords(text)).size };
  });
}

/** A query word and the indexed terms it matches (its stems, and longer terms they begin when long enough), each with its weight. */
interface QueryWord {
  terms: number[];
  weights: number[];
  postings: number;
}

/**
 * Full-text search over names, titles, summaries and quotes: an inverted index of stemmed terms in
 * typed arrays (a few bytes per posting), BM25+ scoring with field boosts. Every word of a query must match,
 * so the documents are intersected first, rarest word first, and only the survivors are scored:
 * the cost follows the postings read, not the documents each word alone would match.
 */
export class SearchIndex {
  private readonly rows: NodeRow[];
  /** Sorted vocabulary; a term's id is its position. */
  private readonly vocabulary: string[];
  /** Term t's postings are positions termStart[t] .. termStart[t + 1] - 1, ordered by document. */
  private readonly termStart: Int32Array;
  private readonly postingDoc: Int32Array;
  private readonly postingField: Uint8Array;
  private readonly postingFreq: Uint16Array;
  /** Documents holding term t in field f: termFieldDocs[t * FIELD_COUNT + f]. */
  private readonly termFieldDocs: Int32Array;
  /** Distinct words in document d's field f: fieldLength[d * FIELD_COUNT + f]. */
  private readonly fieldLength: Uint16Array;
  private readonly avgFieldLength = new Float64Array(FIELD_COUNT);
  // Scratch space for one query at a time (queries run synchronously).
  private readonly matched: Int32Array;
  private readonly scores: Float64Array;

  constructor(rows: NodeRow[]) {
    this.rows = rows;
    // First pass: the vocabulary and how many postings each word has.
    const postingCount = new Map<string, number>();
    for (const row of rows) for (const { counts } of fieldTerms(row)) for (const t of counts.keys()) postingCount.set(t, (postingCount.get(t) ?? 0) + 1);
    this.vocabulary = [...postingCount.keys()].sort(byId);
    const termId = new Map(this.vocabulary.map((t, i) => [t, i]));
    this.termStart = new Int32Array(this.vocabulary.length + 1);
    this.vocabulary.forEach((t, i) => (this.termStart[i + 1] = this.termStart[i] + postingCount.get(t)!));
    postingCount.clear();

    // Second pass: fill the postings in document order.
    const total = this.termStart[this.vocabulary.length];
    this.postingDoc = new Int32Array(total);
    this.postingField = new Uint8Array(total);
    this.postingFreq = new Uint16Array(total);
    this.termFieldDocs = new Int32Array(this.vocabulary.length * FIELD_COUNT);
    this.fieldLength = new Uint16Array(rows.length * FIELD_COUNT);
    const next = this.termStart.slice(0, this.vocabulary.length);
    rows.forEach((row, doc) => {
      fieldTerms(row).forEach(({ counts, length }, field) => {
        this.fieldLength[doc * FIELD_COUNT + field] = Math.min(length, 0xffff);
        this.avgFieldLength[field] += length;
        for (const [t, freq] of counts) {
          const id = termId.get(t)!;
          const at = next[id]++;
          this.postingDoc[at] = doc;
          this.postingField[at] = field;
          this.postingFreq[at] = Math.min(freq, 0xffff);
          this.termFieldDocs[id * FIELD_COUNT + field]++;
        }
      });
    });
    for (let f = 0; f < FIELD_COUNT; f++) this.avgFieldLength[f] = rows.length ? this.avgFieldLength[f] / rows.length : 0;
    this.matched = new Int32Array(rows.length);
    this.scores = new Float64Array(rows.length);
  }

  query(text: string, first: number, labels?: readonly Label[] | null): SearchHitRow[] {
    const query = queryWords(text);
    if (query.length === 0 || first === 0) return [];
    const terms = query.flatMap((q) => [q.word, ...q.stems]);
    const words = query.map((q) => this.expand(q.stems));
    if (words.some((w) => w.postings === 0)) return [];
    words.sort((a, b) => a.postings - b.postings);

    const touched = this.intersect(words);
    try {
      const n = words.length;
      for (const w of words) this.score(w, n);
      const wanted = labels && labels.length ? new Set(labels) : null;
      const top: { doc: number; score: number }[] = [];
      const better = (a: { doc: number; score: number }, b: { doc: number; score: number }) => b.score - a.score || byId(this.rows[a.doc].id, this.rows[b.doc].id);
      const tick = deadlineTicker(1024);
      for (const doc of touched) {
        tick();
        if (this.matched[doc] !== n || (wanted && !wanted.has(this.rows[doc].label))) continue;
        // MiniSearch multiplies by the number of query words matched; every word matches here.
        insertTop(top, { doc, score: this.scores[doc] * n }, first, better);
      }
      // Snippets only for the hits kept: a broad query can match thousands of nodes.
      return top.map(({ doc, score }) => ({ id: this.rows[doc].id, score, snippet: snippetFor(this.rows[doc], terms) }));
    } finally {
      for (const doc of touched) {
        this.matched[doc] = 0;
        this.scores[doc] = 0;
      }
    }
  }

  /** The index's size in bytes, for the memory benchmark. */
  get byteLength(): number {
    return this.termStart.byteLength + this.postingDoc.byteLength + this.postingField.byteLength + this.postingFreq.byteLength + this.termFieldDocs.byteLength + this.fieldLength.byteLength + this.matched.byteLength + this.scores.byteLength;
  }

  private expand(stems: string[]): QueryWord {
    const out: QueryWord = { terms: [], weights: [], postings: 0 };
    // Two stems never begin one another (see queryStems), so their ranges never overlap.
    for (const word of stems) {
      const from = lowerBound(this.vocabulary, word);
      const to = word.length >= MIN_PREFIX_LENGTH ? lowerBound(this.vocabulary, `${word}\uffff`) : this.vocabulary[from] === word ? from + 1 : from;
      for (let t = from; t < to; t++) {
        const term = this.vocabulary[t];
        const distance = term.length - word.length;
        out.terms.push(t);
        out.weights.push(distance === 0 ? 1 : (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
        out.postings += this.termStart[t + 1] - this.termStart[t];
      }
    }
    return out;
  }

  /** Marks matched[doc] with how many words, in order, the document has held; returns every document marked. */
  private intersect(words: QueryWord[]): number[] {
    const touched: number[] = [];
    words.forEach((w, i) => {
      for (const t of w.terms) {
        for (let p = this.termStart[t]; p < this.termStart[t + 1]; p++) {
          const doc = this.postingDoc[p];
          if (this.matched[doc] !== i) continue;
          if (i === 0) touched.push(doc);
          this.matched[doc] = i + 1;
        }
      }
    });
    return touched;
  }

  private score(w: QueryWord, n: number): void {
    const docs = this.rows.length;
    w.terms.forEach((t, k) => {
      for (let p = this.termStart[t]; p < this.termStart[t + 1]; p++) {
        const doc = this.postingDoc[p];
        if (this.matched[doc] !== n) continue;
        const field = this.postingField[p];
        const df = this.termFieldDocs[t * FIELD_COUNT + field];
        const idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        const freq = this.postingFreq[p];
        const norm = 1 - B + (B * this.fieldLength[doc * FIELD_COUNT + field]) / (this.avgFieldLength[field] || 1);
        this.scores[doc] += w.weights[k] * BOOST[field] * idf * (DELTA + (freq * (K1 + 1)) / (freq + K1 * norm));
      }
    });
  }
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
