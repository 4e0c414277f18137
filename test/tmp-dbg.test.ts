import MiniSearch from 'minisearch';
import { SearchIndex } from '../src/store/memory/search-index';
import { FIELD_BOOSTS, MIN_PREFIX_LENGTH, SEARCH_FIELDS, STOP_WORDS, fieldText, queryWords, searchWords, stem } from '../src/store/search-text';
import { seedBundle } from './helpers';
it('dbg', () => {
  const rows = seedBundle().nodes;
  const ms = new MiniSearch<any>({ idField: 'id', fields: [...SEARCH_FIELDS], extractField: (row, field) => (field === 'id' ? row.id : (fieldText(row, field) ?? '')),
    tokenize: searchWords, processTerm: (t) => (STOP_WORDS.has(t) ? null : stem(t)),
    searchOptions: { combineWith: 'AND', processTerm: (t) => t, prefix: (t) => t.length >= MIN_PREFIX_LENGTH, boost: FIELD_BOOSTS } });
  ms.addAll(rows);
  const idx = new SearchIndex(rows);
  for (const q of ['right', 'educational', 'right educational']) {
    console.log(q, JSON.stringify(queryWords(q)), idx.query(q, 3).map(h => [h.id, h.score]), ms.search({ combineWith: 'AND', queries: queryWords(q).map((w) => ({ combineWith: 'OR', queries: w.stems })) }).slice(0,3).map(h => [h.id, h.score, h.queryTerms]), ms.search('right educ').slice(0,3).map(h => [h.id, h.score, h.queryTerms]));
  }
});
