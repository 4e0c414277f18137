import prand from 'pure-rand';
import type { NodeRow } from '../../src/domain/model';
import { SearchIndex } from '../../src/store/memory/search-index';
import { parseSearch, type Clause, type SearchQuery } from '../../src/store/search-query';
import { BM25_B, BM25_K1, FIELD_BOOSTS, SEARCH_FIELDS, STOP_WORDS, fieldText, searchWords, stem } from '../../src/store/search-text';
import { seedBundle } from '../helpers';

/**
 * BM25 worked out the plain way, document by document, with none of the index's postings,
 * unions or intersections: the ranking the index must give. Each field's words (stop words
 * dropped, stemmed); a document's count of a term in a field, weighted and normalised by the
 * field's length against its mean (b), the best field taken; idf over the documents with any text;
 * score idf · tf / (k1 + tf). A phrase counts its occurrences (a stop word keeps its place) and
 * takes its words' idf summed.
 */
function plainBm25(rows: NodeRow[]) {
  const docs = rows.map((r) =>
    SEARCH_FIELDS.map((f, i) => {
      const words = searchWords(fieldText(r, f) ?? '');
      const terms = words.filter((w) => !STOP_WORDS.has(w)).map(stem);
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      return { words, terms, counts, boost: FIELD_BOOSTS[SEARCH_FIELDS[i]] ?? 1 };
    }),
  );
  const withText = docs.filter((d) => d.some((f) => f.terms.length)).length;
  const avg = SEARCH_FIELDS.map((_, f) => {
    const having = docs.filter((d) => d[f].terms.length);
    return having.reduce((n, d) => n + d[f].terms.length, 0) / having.length;
  });
  const vocabulary = [...new Set(docs.flatMap((d) => d.flatMap((f) => f.terms)))];
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.flatMap((f) => f.terms))) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (withText - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const tfIn = (d: number, f: number, freq: number) => (docs[d][f].boost * freq) / (1 - BM25_B + (BM25_B * docs[d][f].terms.length) / avg[f]);
  const bm25 = (idfSum: number, tf: number) => (idfSum * tf) / (BM25_K1 + tf);
  const termScore = (d: number, t: string) => {
    const tf = Math.max(0, ...docs[d].map((f, i) => tfIn(d, i, f.counts.get(t) ?? 0)));
    return tf ? bm25(idf(t), tf) : 0;
  };
  const expanded = new Map<string, string[]>();
  const expansions = (prefix: string) => expanded.get(prefix) ?? expanded.set(prefix, vocabulary.filter((t) => t.startsWith(prefix))).get(prefix)!;
  /** The clause's score in document d, 0 when it does not match. */
  const clause = (d: number, c: Clause): number => {
    if (c.kind === 'word') return c.stems.reduce((n, s) => n + termScore(d, s), 0);
    if (c.kind === 'prefix') return expansions(c.prefix).reduce((n, t) => n + termScore(d, t), 0);
    const span = c.words[c.words.length - 1].offset + 1;
    const tf = Math.max(0, ...docs[d].map((f, i) => {
      let freq = 0;
      for (let at = 0; at + span <= f.words.length; at++) if (c.words.every((w) => !STOP_WORDS.has(f.words[at + w.offset]) && w.stems.includes(stem(f.words[at + w.offset])))) freq++;
      return freq ? tfIn(d, i, freq) : 0;
    }));
    const phraseIdf = c.words.reduce((n, w) => n + Math.max(0, ...w.stems.filter((s) => df.has(s)).map(idf)), 0);
    return tf ? bm25(phraseIdf, tf) : 0;
  };
  return (q: SearchQuery, first: number) => {
    const hits: { id: string; score: number }[] = [];
    if (!q.required.length) return hits;
    docs.forEach((_, d) => {
      if (q.excluded.some((c) => clause(d, c) > 0)) return;
      let score = 0;
      for (const group of q.required) {
        const s = group.reduce((n, c) => n + clause(d, c), 0);
        if (!s) return;
        score += s;
      }
      hits.push({ id: rows[d].id, score });
    });
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, first);
  };
}

/** Hits compared with scores to 9 places, ids in order within a score (summing in another order can move the last digits). */
const rounded = (hits: { id: string; score: number }[]) => hits.map((h) => `${h.score.toFixed(9)} ${h.id}`).sort().reverse();

describe('the full-text index ranks as BM25 worked out the plain way, on the real seeds', () => {
  const rows = seedBundle().nodes;
  const index = new SearchIndex(rows);
  const expected = plainBm25(rows);
  const got = (text: string, first: number) => index.query(parseSearch(text), { first }).hits;
  const compare = (text: string, first: number) => {
    const want = expected(parseSearch(text), first);
    const hits = got(text, first);
    expect({ text, hits: rounded(hits) }).toEqual({ text, hits: rounded(want) });
    return hits.length;
  };
  const wordsOf = (r: NodeRow) => SEARCH_FIELDS.flatMap((f) => searchWords(fieldText(r, f) ?? ''));
  const wordy = rows.filter((r) => wordsOf(r).length >= 6);
  const vocabulary = [...new Set(rows.flatMap(wordsOf))].filter((w) => !STOP_WORDS.has(w)).sort();
  const rng = prand.xoroshiro128plus(26);
  const int = (lo: number, hi: number) => prand.unsafeUniformIntDistribution(lo, hi, rng);
  const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)];

  /** A clause drawn from one node's text (so that most queries match something): a word, a phrase of its words, a prefix. */
  const clause = (own: string[]): string => {
    const kind = int(0, 5);
    if (kind === 0 && own.length >= 3) {
      const at = int(0, own.length - 3);
      return `"${own.slice(at, at + int(2, 3)).join(' ')}"`;
    }
    if (kind === 1) {
      const w = pick(own);
      const s = stem(w);
      return s.length >= 4 ? `${s.slice(0, int(3, s.length))}*` : w;
    }
    return int(0, 6) ? pick(own) : pick(vocabulary);
  };
  const query = () => {
    const own = wordsOf(pick(wordy)).filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
    const parts: string[] = [];
    for (let i = int(1, 3); i > 0; i--) parts.push(int(0, 3) ? clause(own) : `${clause(own)} OR ${clause(own)}`);
    if (!int(0, 4)) parts.push(`-${pick(vocabulary)}`);
    return parts.join(' ');
  };

  it('scores every fourth word of the seeds\' vocabulary as the plain BM25 does', () => {
    expect(vocabulary.length).toBeGreaterThan(3000);
    vocabulary.forEach((w, i) => i % 4 === 0 && compare(w, 10));
  });

  it('ranks 400 random queries of words, phrases, prefixes, OR and exclusions as the plain BM25 does', () => {
    let withHits = 0;
    for (let i = 0; i < 400; i++) if (compare(query(), 20)) withHits++;
    expect(withHits).toBeGreaterThan(200);
  });

  it('puts a short exact match on the first page: "special schools" finds Sandwell\'s 2017 finding among the first 20', () => {
    const ids = got('special schools', 20).map((h) => h.id);
    expect(ids).toContain('sandwell-2017-special-schools-good');
  });

  it('gives the same answer twice (its scratch space is reset), and pages as one list', () => {
    const all = index.query(parseSearch('EHC plans'), { first: 100 });
    expect(index.query(parseSearch('EHC plans'), { first: 100 })).toEqual(all);
    expect(index.query(parseSearch('EHC plans'), { first: 10, offset: 30 }).hits).toEqual(all.hits.slice(30, 40));
    expect(index.query(parseSearch('plans'), { first: 0 }).hits).toEqual([]);
  });
});

describe('stemmed search, joins and the syntax on a handful of texts', () => {
  const finding = (id: string, quote: string) => ({ id, label: 'Finding', polarity: 'WEAKNESS', summary: null, quote }) as unknown as NodeRow;
  const index = new SearchIndex([
    finding('a-waiting-time', 'The waiting time for a diagnosis is too long.'),
    finding('b-wait-times', 'Wait times for speech and language therapy are long.'),
    finding('c-autism', 'Families wait years for an autism assessment.'),
    finding('d-waited', 'Children waited for therapy.'),
    finding('e-timely', 'Plans are timely.'),
    finding('f-specialist', 'Specialist provision is stretched.'),
    finding('g-special', 'Every special school is good; a child is well supported.'),
  ]);
  const ids = (text: string) => index.query(parseSearch(text), { first: 10 }).hits.map((h) => h.id).sort();

  it('"waiting times" finds "waiting time" and "wait times"; no prefix unless asked', () => {
    expect(ids('waiting times')).toEqual(['a-waiting-time', 'b-wait-times']);
    expect(ids('wait')).toEqual(['a-waiting-time', 'b-wait-times', 'c-autism', 'd-waited']);
    // Porter makes "timely" time.
    expect(ids('time')).toEqual(['a-waiting-time', 'b-wait-times', 'e-timely']);
    expect(ids('diagnos')).toEqual([]);
    expect(ids('diagnos*')).toEqual(['a-waiting-time']);
  });

  it('joins autism and autistic, child and children; keeps special and specialist apart', () => {
    expect(ids('autistic')).toEqual(['c-autism']);
    expect(ids('children')).toEqual(['d-waited', 'g-special']);
    expect(ids('special')).toEqual(['g-special']);
    expect(ids('specialist')).toEqual(['f-specialist']);
    expect(ids('special*')).toEqual(['f-specialist', 'g-special']);
  });

  it('reads phrases in order, exclusions and OR', () => {
    expect(ids('"wait times"')).toEqual(['a-waiting-time', 'b-wait-times']);
    expect(ids('"times wait"')).toEqual([]);
    expect(ids('"wait for therapy"')).toEqual(['d-waited']);
    expect(ids('"wait therapy"')).toEqual([]);
    expect(ids('"special school"')).toEqual(['g-special']);
    expect(ids('wait -therapy')).toEqual(['a-waiting-time', 'c-autism']);
    expect(ids('diagnosis OR autism')).toEqual(['a-waiting-time', 'c-autism']);
    expect(ids('wait "language therapy" OR diagnosis')).toEqual(['a-waiting-time', 'b-wait-times']);
  });

  it('marks the matched words in the snippet', () => {
    const [hit] = index.query(parseSearch('wait therapy'), { first: 1 }).hits;
    expect(hit.marks.map(([a, b]) => hit.snippet!.slice(a, b))).toEqual(['waited', 'therapy']);
  });
});
