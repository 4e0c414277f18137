import { MAX_QUERY_TERMS, SearchSyntaxError, parseSearch } from '../../src/store/search-query';
import { SEARCH_JOINS, joinedWords, stem, wordStems } from '../../src/store/search-text';

describe('the analysis of words', () => {
  it('stems plurals and tenses as Porter does, and keeps special and specialist apart', () => {
    expect(stem('schools')).toBe(stem('school'));
    expect(stem('plans')).toBe(stem('planning'));
    expect(wordStems('special')).toEqual(['special']);
    for (const w of ['specialist', 'specialists', 'specialised']) expect(wordStems('special')).not.toContain(stem(w));
    expect(wordStems('therapy')).not.toContain(stem('therapist'));
  });

  it('joins exactly the listed words, both ways, each a pair the stemmer leaves apart', () => {
    expect(SEARCH_JOINS.map(([a, b]) => `${a}/${b}`)).toEqual(['autism/autistic', 'child/children', 'person/people', 'dyslexia/dyslexic', 'dyspraxia/dyspraxic', 'epilepsy/epileptic']);
    for (const [a, b] of SEARCH_JOINS) {
      expect(stem(a)).not.toBe(stem(b));
      expect(wordStems(a)).toEqual([stem(a), stem(b)]);
      expect(wordStems(b)).toEqual([stem(b), stem(a)]);
      expect(joinedWords(a)).toEqual([b]);
    }
    expect(joinedWords('special')).toEqual([]);
  });
});

describe('the search syntax', () => {
  const syntaxError = (text: string) => {
    try {
      parseSearch(text);
    } catch (err) {
      expect(err).toBeInstanceOf(SearchSyntaxError);
      return { reason: (err as SearchSyntaxError).reason, column: (err as SearchSyntaxError).column };
    }
    throw new Error(`no error for ${text}`);
  };

  it('reads words, phrases, prefixes, exclusions and OR', () => {
    const q = parseSearch('the EHC-plan "quality of plans" spec* -specialist -"short breaks" autism OR adhd');
    expect(q.required.map((g) => g.map((c) => (c.kind === 'prefix' ? `${c.prefix}*` : c.kind === 'word' ? c.word : `"${c.words.map((w) => `${w.word}@${w.offset}`).join(' ')}"`)))).toEqual([
      ['"ehc@0 plan@1"'], ['"quality@0 plans@2"'], ['spec*'], ['autism', 'adhd'],
    ]);
    expect(q.excluded.map((c) => c.kind)).toEqual(['word', 'phrase']);
    // OR binds tighter than the implicit AND; stop words ask for nothing.
    expect(parseSearch('ab cd OR ef gh').required.map((g) => g.length)).toEqual([1, 2, 1]);
    expect(parseSearch('the of').required).toEqual([]);
    expect(parseSearch('the OR school').required.map((g) => g.length)).toEqual([1]);
  });

  it('refuses what it cannot read, saying where', () => {
    expect(syntaxError('special "schools')).toEqual({ reason: 'a quote is not closed', column: 9 });
    expect(syntaxError('OR autism')).toMatchObject({ column: 1, reason: expect.stringMatching(/^OR must stand between/) });
    expect(syntaxError('autism OR')).toMatchObject({ column: 8, reason: expect.stringMatching(/^OR must be followed/) });
    expect(syntaxError('autism OR OR adhd')).toMatchObject({ column: 8 });
    expect(syntaxError('autism OR -adhd')).toMatchObject({ column: 8 });
    expect(syntaxError('-autism OR adhd')).toMatchObject({ column: 9 });
    expect(syntaxError('autism - adhd')).toMatchObject({ column: 8, reason: expect.stringMatching(/^"-" must be followed/) });
    expect(syntaxError('sp*')).toMatchObject({ column: 3, reason: expect.stringMatching(/at least 3 letters/) });
    expect(syntaxError('*')).toMatchObject({ column: 1 });
    expect(syntaxError('sp*cial')).toMatchObject({ column: 3, reason: expect.stringMatching(/only end a word/) });
    expect(syntaxError('"special school"*')).toMatchObject({ column: 17 });
    expect(syntaxError('-special -school')).toMatchObject({ column: 1, reason: expect.stringMatching(/besides the ones left out/) });
    expect(syntaxError(Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' '))).toMatchObject({ reason: expect.stringMatching(/at most 100 words/) });
  });

  it('treats other punctuation as space: nothing else is syntax', () => {
    for (const text of ['title:school', '(unbalanced', 'x^2 ~y', 'AND', 'NOT this', '\\\\', '[a TO b]']) expect(() => parseSearch(text)).not.toThrow();
    expect(parseSearch('title:school').required).toHaveLength(1);
  });
});
