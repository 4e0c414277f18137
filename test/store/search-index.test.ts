import MiniSearch from 'minisearch';
import prand from 'pure-rand';
import type { NodeRow } from '../../src/domain/model';
import { SearchIndex } from '../../src/store/memory/search-index';
import { FIELD_BOOSTS, MIN_PREFIX_LENGTH, SEARCH_FIELDS, STOP_WORDS, fieldText, queryWords, searchWords, stem } from '../../src/store/search-text';
import { seedBundle } from '../helpers';

/** The ranking the compact index implements, as MiniSearch computes it: BM25+ over stemmed words less stop words, AND, prefix matches for long stems. */
function reference(rows: NodeRow[]) {
  const ms = new MiniSearch<NodeRow>({
    idField: 'id',
    fields: [...SEARCH_FIELDS],
    extractField: (row, field) => (field === 'id' ? row.id : (fieldText(row, field) ?? '')),
    tokenize: searchWords,
    processTerm: (t) => (STOP_WORDS.has(t) ? null : stem(t)),
    // Query terms arrive stemmed (a stem stemmed again can change: Porter is not idempotent).
    searchOptions: { combineWith: 'AND', processTerm: (t) => t, prefix: (t) => t.length >= MIN_PREFIX_LENGTH, boost: FIELD_BOOSTS },
  });
  ms.addAll(rows);
  return (text: string, first: number) =>
    ms
      // A repeated word counts once (MiniSearch would add its score again); a word with two stems (autism, autist) matches either.
      .search({ combineWith: 'AND', queries: queryWords(text).map((w) => ({ combineWith: 'OR', queries: w.stems })) })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, first)
      .map((r) => ({ id: String(r.id), score: r.score }));
}

describe('the compact full-text index', () => {
  const rows = seedBundle().nodes;
  const index = new SearchIndex(rows);
  const expected = reference(rows);
  const vocabulary = [...new Set(rows.flatMap((r) => SEARCH_FIELDS.flatMap((f) => searchWords(fieldText(r, f) ?? ''))))].sort();
  const rng = prand.xoroshiro128plus(11);
  const pick = <T>(xs: T[]) => xs[prand.unsafeUniformIntDistribution(0, xs.length - 1, rng)];
  /** Words of one node's text (so that most queries match something), sometimes cut to a prefix, sometimes any word at all. */
  const wordsOf = (r: (typeof rows)[number]) => SEARCH_FIELDS.flatMap((f) => searchWords(fieldText(r, f) ?? ''));
  // Nodes with some text to draw from: hundreds of inspections now carry only a note, or none.
  const wordy = rows.filter((r) => wordsOf(r).length >= 4);
  const query = () => {
    const own = wordsOf(pick(wordy));
    return Array.from({ length: prand.unsafeUniformIntDistribution(2, 4, rng) }, () => {
      const w = own.length && prand.unsafeUniformIntDistribution(0, 5, rng) > 0 ? pick(own) : pick(vocabulary);
      return prand.unsafeUniformIntDistribution(0, 2, rng) === 0 && w.length > 5 ? w.slice(0, 4) : w;
    }).join(' ');
  };

  it('ranks and scores every single-word query as BM25+ does', () => {
    expect(vocabulary.length).toBeGreaterThan(500);
    for (const w of vocabulary) {
      const got = index.query(w, 10);
      const want = expected(w, 10);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 9));
    }
  });

  it('ranks 500 random queries of two to four words as BM25+ does, every word required', () => {
    let withHits = 0;
    for (let i = 0; i < 500; i++) {
      const text = query();
      const got = index.query(text, 20);
      const want = expected(text, 20);
      expect({ text, ids: got.map((h) => h.id) }).toEqual({ text, ids: want.map((h) => h.id) });
      got.forEach((h, j) => expect({ text, score: h.score }).toEqual({ text, score: expect.closeTo(want[j].score, 9) }));
      if (got.length) withHits++;
    }
    expect(withHits).toBeGreaterThan(200);
  });

  it('gives the same answer twice (its scratch space is reset)', () => {
    expect(index.query('EHC plans', 5)).toEqual(index.query('EHC plans', 5));
    expect(index.query('plans', 0)).toEqual([]);
  });
});

describe('stemmed search', () => {
  const finding = (id: string, quote: string) => ({ id, label: 'Finding', polarity: 'WEAKNESS', summary: null, quote }) as unknown as NodeRow;
  const index = new SearchIndex([
    finding('a-waiting-time', 'The waiting time for a diagnosis is too long.'),
    finding('b-wait-times', 'Wait times for speech and language therapy are long.'),
    finding('c-autism', 'Families wait years for an autism assessment.'),
    finding('d-waited', 'Children waited for therapy.'),
    finding('e-timely', 'Plans are timely.'),
  ]);
  const ids = (text: string) => index.query(text, 10).map((h) => h.id).sort();

  it('"waiting times" finds "waiting time" and "wait times"', () => {
    expect(ids('waiting times')).toEqual(['a-waiting-time', 'b-wait-times']);
    expect(ids('wait')).toEqual(['a-waiting-time', 'b-wait-times', 'c-autism', 'd-waited']);
  });

  it('"autistic" finds autism, and a stem matches longer words as a prefix', () => {
    expect(ids('autistic')).toEqual(['c-autism']);
    expect(ids('time')).toEqual(['a-waiting-time', 'b-wait-times', 'e-timely']);
  });
});
