import { lintCypherQuery } from '@neo4j-cypher/language-support';
import * as cypher from '../../src/store/neo4j/cypher';
import { parseSearch } from '../../src/store/search-query';
import { DERIVED_CHECK, SCHEMA_STATEMENTS, SIMILAR_TO_CHECK } from '../../src/store/neo4j/schema';
import { MERGE_HAS_THEME, mergeRelationships, REMOVE_UNKNOWN_RELATIONSHIPS, SET_THEME_WEAKNESS_AREAS } from '../../src/store/neo4j/seed-writer';
import { CREATE_SIMILAR_BY_FINDINGS, CREATE_SIMILAR_BY_THEMES, CREATE_SIMILAR_TO, REMOVE_SIMILAR_BY_FINDINGS, REMOVE_SIMILAR_BY_THEMES, REMOVE_SIMILAR_TO } from '../../src/store/neo4j/similarity-writer';
import { TRAVERSALS } from '../../src/store/traversals';

/**
 * Every statement the Neo4j adapter sends, checked without a server by Neo4j's own Cypher parser
 * and semantic analysis (@neo4j-cypher/language-support), in the 4.4-compatible and the modern dialect.
 */
const HOSTILE = '"}) MATCH (n) DETACH DELETE n //';

function statements(d: cypher.Dialect): [string, cypher.Statement][] {
  return [
    ['nodes', cypher.nodesStatement([HOSTILE])],
    ...Object.entries(TRAVERSALS).map(([name, steps]): [string, cypher.Statement] => [`traverse ${name}`, cypher.traverseStatement([HOSTILE], steps)]),
    ['traverse tree: area, inspections, findings, themes and agencies', cypher.traverseTreeStatement(d, [HOSTILE], {
      steps: TRAVERSALS.areaInspections,
      children: [{ steps: TRAVERSALS.inspectionFindings, children: [{ steps: TRAVERSALS.findingThemes, children: [] }, { steps: TRAVERSALS.findingAgencies, children: [] }, { steps: TRAVERSALS.nodeSources, children: [] }] }],
    })],
    ['traverse tree: multi-step and filtered steps at two levels', cypher.traverseTreeStatement(d, [HOSTILE], {
      steps: TRAVERSALS.areaWeaknesses,
      children: [{ steps: TRAVERSALS.findingThemes, children: [{ steps: TRAVERSALS.themeStrengthAreas, children: [{ steps: TRAVERSALS.agencyInspections, children: [] }] }] }, { steps: TRAVERSALS.findingArea, children: [] }],
    })],
    ['node trees: two trees from each node', cypher.nodeTreesStatement(d, [HOSTILE], [
      { steps: TRAVERSALS.areaRegion, children: [] },
      { steps: TRAVERSALS.areaWeaknesses, children: [{ steps: TRAVERSALS.findingThemes, children: [] }] },
    ])],
    ['node trees: none', cypher.nodeTreesStatement(d, [HOSTILE], [])],
    ['list areas, every filter', cypher.listStatement(d, 'Area', { regionId: HOSTILE, themeId: HOSTILE, polarity: 'WEAKNESS', kind: 'COUNCIL' }, 10, HOSTILE)],
    ['list themes', cypher.listStatement(d, 'Theme', {}, 10, null)],
    ['list agencies by code and day', cypher.listStatement(d, 'Agency', { kind: 'CCG', code: HOSTILE, activeOn: '2017-01' }, 10, HOSTILE)],
    [
      'list inspections, every filter',
      cypher.listStatement(d, 'Inspection', { regionId: HOSTILE, kind: 'REVISIT', framework: 'FRAMEWORK_2016', outcome: 'PARTIAL_PROGRESS', from: HOSTILE, to: HOSTILE }, 10, HOSTILE),
    ],
    ['area histories', cypher.areaHistoriesStatement(['FRAMEWORK_2016', HOSTILE], 5)],
    ['themeStats', cypher.themeStatsStatement([HOSTILE])],
    ['sharedWeaknesses, 1 theme', cypher.sharedWeaknessesStatement(d, { minAreas: 2, maxThemes: 1 })],
    ['sharedWeaknesses, 5 themes in a region', cypher.sharedWeaknessesStatement(d, { minAreas: 2, maxThemes: 5, regionId: HOSTILE, first: 3 })],
    ['patternFindings', cypher.patternFindingsStatement(d, [{ themeIds: [HOSTILE], areaIds: ['a'] }])],
    ['similarAreas', cypher.similarAreasStatement({ areaId: HOSTILE, first: 5, polarity: 'STRENGTH' })],
    ['similarAreas in a framework', cypher.similarAreasStatement({ areaId: 'a', first: 5, polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023' })],
    ['closest findings, one polarity', cypher.closestFindingsStatement(HOSTILE, 'WEAKNESS')],
    ['closest findings, both polarities', cypher.closestFindingsStatement(HOSTILE, null)],
    ['similarFindings, exhaustive', cypher.similarFindingsStatement({ id: 'f', query: 'ehc plan', weights: { ehc: 0.6, plan: 0.8 } }, { findingId: 'f', first: 5, excludeSameArea: true }, ['a'])],
    ['similarAreas by findings', cypher.similarAreasByFindingsStatement(d, { areaId: HOSTILE, first: 5, polarity: 'WEAKNESS', method: 'FINDINGS' })],
    ['similarAreas by findings in a framework', cypher.similarAreasByFindingsStatement(d, { areaId: 'a', first: 5, polarity: 'STRENGTH', method: 'FINDINGS', framework: 'FRAMEWORK_2023' })],
    ['themeCooccurrence', cypher.themeCooccurrenceStatement({ polarity: 'WEAKNESS', framework: 'FRAMEWORK_2016', minAreas: 2, first: 20 })],
    ['themeCooccurrence, both frameworks', cypher.themeCooccurrenceStatement({ polarity: 'STRENGTH', framework: null, minAreas: 1, first: 20 })],
    ['agency links', cypher.agencyLinksStatement(d, [HOSTILE])],
    ['agency links, two levels', cypher.agencyLinksStatement(d, [HOSTILE], 2)],
    ['path', cypher.pathStatement({ fromId: HOSTILE, toId: 'b', maxHops: 6 })],
    ['path, chosen types', cypher.pathStatement({ fromId: 'a', toId: 'b', maxHops: 2, relationshipTypes: ['SERVES', 'SUCCEEDED_BY'] })],
    ['search', cypher.searchStatement(d, parseSearch('EHC plans'), { labels: ['Finding', 'Agency'] }, 5, 0)],
    ['search, every filter and the syntax', cypher.searchStatement(d, parseSearch('"quality of EHC plans" autis* OR adhd -specialist'), {
      labels: ['Finding'], polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023', areaId: HOSTILE, regionId: HOSTILE, themeId: HOSTILE, agencyId: HOSTILE, from: '2020', to: '2024-06',
    }, 20, 40)],
    ['stats', cypher.statsStatement(d)],
    ['version', cypher.versionStatement],
    ['seeding: relationships', { text: mergeRelationships('SERVES', false), params: { rows: [] } }],
    ['seeding: dated relationships', { text: mergeRelationships('SERVES', true), params: { rows: [] } }],
    ['seeding: derived HAS_THEME', { text: MERGE_HAS_THEME, params: { rows: [] } }],
    ["seeding: themes' weakness areas", { text: SET_THEME_WEAKNESS_AREAS, params: { rows: [] } }],
    ['seeding: remove what the seeds no longer hold', { text: REMOVE_UNKNOWN_RELATIONSHIPS, params: { keys: [] } }],
    ['seeding: remove SIMILAR_TO', { text: REMOVE_SIMILAR_TO, params: {} }],
    ['seeding: derived SIMILAR_TO', { text: CREATE_SIMILAR_TO, params: { rows: [] } }],
    ['seeding: remove SIMILAR_BY_FINDINGS', { text: REMOVE_SIMILAR_BY_FINDINGS, params: {} }],
    ['seeding: derived SIMILAR_BY_FINDINGS', { text: CREATE_SIMILAR_BY_FINDINGS, params: { rows: [] } }],
    ['seeding: remove SIMILAR_BY_THEMES', { text: REMOVE_SIMILAR_BY_THEMES, params: {} }],
    ['seeding: derived SIMILAR_BY_THEMES', { text: CREATE_SIMILAR_BY_THEMES, params: { rows: [] } }],
    ['start-up: SIMILAR_TO missing', { text: SIMILAR_TO_CHECK, params: {} }],
    ['start-up: derived relationships missing', { text: DERIVED_CHECK, params: {} }],
  ];
}

function diagnostics(s: cypher.Statement) {
  const parameters = Object.fromEntries(Object.keys(s.params).map((k) => [k, 'x']));
  const result = lintCypherQuery(s.text, { parameters } as never) as unknown as { diagnostics: { severity: number; message: string }[] };
  return result.diagnostics;
}

/** allShortestPaths between two nodes found by id is meant to start from two index seeks. */
const INTENDED = /cartesian product/;

describe('Cypher statements', () => {
  describe.each([
    ['modern (Neo4j 5.23 and later)', cypher.MODERN_DIALECT],
    ['legacy (Neo4j 4.4 to 5.22)', cypher.LEGACY_DIALECT],
  ])('%s dialect', (_name, dialect) => {
    it.each(statements(dialect))('%s parses with no errors', (_n, s) => {
      expect(diagnostics(s).filter((d) => d.severity === 1)).toEqual([]);
    });
  });

  it.each(statements(cypher.MODERN_DIALECT))('%s uses no deprecated form in the modern dialect', (_n, s) => {
    expect(diagnostics(s).filter((d) => !INTENDED.test(d.message))).toEqual([]);
  });

  it('the legacy dialect uses CALL { WITH x } which 4.4 accepts, the modern one CALL (x) { }', () => {
    expect(cypher.agencyLinksStatement(cypher.LEGACY_DIALECT, ['a']).text).toContain('CALL {\n  WITH x\n');
    expect(cypher.agencyLinksStatement(cypher.MODERN_DIALECT, ['a']).text).toContain('CALL (x) {');
  });

  it('names each level of a traversal tree apart, its filters as parameters, one branch a level re-walking the levels above', () => {
    const s = cypher.traverseTreeStatement(cypher.LEGACY_DIALECT, ['a'], { steps: TRAVERSALS.areaWeaknesses, children: [{ steps: TRAVERSALS.themeWeaknesses, children: [] }] });
    expect(s.params).toEqual({ ids: ['a'], b0_0_polarity1: 'WEAKNESS', b1_0_polarity1: 'WEAKNESS', b1_1_polarity0: 'WEAKNESS' });
    expect(s.text).toContain('MATCH (n0)<-[b0_0_r0:OF]-(b0_0_n1)-[b0_0_r1:FOUND]->(b0_0_n2) WHERE b0_0_n2.polarity = $b0_0_polarity1\n');
    expect(s.text).toContain('WITH n0.id AS parentId, b0_0_n2 AS node, collect(b0_0_r1)[0] AS rel\n  RETURN 0 AS branch');
    expect(s.text).toContain('MATCH (b1_0_n2)<-[b1_1_r0:ABOUT]-(b1_1_n1) WHERE b1_1_n1.polarity = $b1_1_polarity0\n');
    expect(s.text).toContain('WITH b1_0_n2.id AS parentId, b1_1_n1 AS node, collect(b1_1_r0)[0] AS rel\n  RETURN 1 AS branch');
    // Rows, not nested maps: no pattern comprehension is evaluated per node reached.
    expect(s.text).not.toMatch(/\[\(/);
  });

  it('returns a finding as its row properties, never its similarity vector', () => {
    const returning = [
      cypher.nodesStatement(['f']),
      cypher.traverseStatement(['a'], TRAVERSALS.areaFindings),
      cypher.traverseTreeStatement(cypher.MODERN_DIALECT, ['a'], { steps: TRAVERSALS.areaFindings, children: [] }),
      cypher.nodeTreesStatement(cypher.MODERN_DIALECT, ['a'], []),
      cypher.listStatement(cypher.MODERN_DIALECT, 'Finding', {}, 10, null),
      cypher.searchStatement(cypher.MODERN_DIALECT, parseSearch('plans'), {}, 10, 0),
    ];
    for (const s of returning) {
      expect(s.text).toContain(":Finding THEN ");
      expect(s.text).toContain("{.id, .name, .description, label: 'Theme'}");
      expect(s.text).toContain("{.id, .polarity, .summary, .quote, .areasAffected, label: 'Finding'}");
      expect(s.text).not.toContain(cypher.SIMILARITY_TEXT);
    }
  });

  it('every analysis that gathers themes per area reads HAS_THEME, never the findings and their ABOUT relationships', () => {
    const d = cypher.MODERN_DIALECT;
    const readers: [string, cypher.Statement][] = [
      ['areas(themeId)', cypher.listStatement(d, 'Area', { themeId: 't', polarity: 'WEAKNESS' }, 10, null)],
      ['themeStats', cypher.themeStatsStatement(['t'])],
      ['patternFindings', cypher.patternFindingsStatement(d, [{ themeIds: ['t'], areaIds: ['a'] }])],
      ['themeCooccurrence', cypher.themeCooccurrenceStatement({ polarity: 'STRENGTH', framework: null, minAreas: 2, first: 20 })],
    ];
    for (const [name, s] of readers) {
      expect({ name, hasTheme: s.text.includes(':HAS_THEME]'), walksFindings: /:ABOUT\]|:FOUND\]|\(\w*:Finding\b/.test(s.text) }).toEqual({ name, hasTheme: true, walksFindings: false });
    }
  });

  it("sharedWeaknesses reads each theme's stored weakness areas, no relationship but a region's IN_REGION", () => {
    for (const regionId of [null, 'r']) {
      const s = cypher.sharedWeaknessesStatement(cypher.MODERN_DIALECT, { minAreas: 2, maxThemes: 3, regionId });
      expect(s.text).toContain('t.weaknessAreaIds');
      expect(s.text.match(/\[[^\]]*:[A-Z_]+\]/g) ?? []).toEqual(regionId ? ['[:IN_REGION]'] : []);
    }
  });

  it('similarFindings and similarAreas read the derived relationships from an id index, never the stems\' full-text index', () => {
    const readers: [string, cypher.Statement, string][] = [
      ['similarAreas', cypher.similarAreasStatement({ areaId: 'a', first: 5, polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023' }), ':SIMILAR_BY_THEMES]'],
      ['closest findings', cypher.closestFindingsStatement('f', null), ':SIMILAR_TO]'],
      ['similarAreas by findings', cypher.similarAreasByFindingsStatement(cypher.MODERN_DIALECT, { areaId: 'a', first: 5, polarity: 'WEAKNESS', method: 'FINDINGS' }), ':SIMILAR_BY_FINDINGS]'],
    ];
    for (const [name, s, rel] of readers) {
      expect({ name, anchored: /^MATCH \((\w+)?:(Finding|Area) \{id: \$(findingId|areaId)\}\)/m.test(s.text), reads: s.text.includes(rel), fullText: s.text.includes('fulltext') }).toEqual({ name, anchored: true, reads: true, fullText: false });
    }
  });

  it('the schema statements parse', () => {
    for (const text of SCHEMA_STATEMENTS) expect(diagnostics({ text, params: {} }).filter((d) => d.severity === 1)).toEqual([]);
  });

  it('carries every value as a parameter, never in the text', () => {
    for (const [, s] of [...statements(cypher.MODERN_DIALECT), ...statements(cypher.LEGACY_DIALECT)]) {
      expect(s.text).not.toContain('DETACH DELETE n //');
    }
    expect(cypher.nodesStatement([HOSTILE]).params).toEqual({ ids: [HOSTILE] });
  });

  it('takes labels and relationship types only from the fixed lists', () => {
    expect(() => cypher.traverseStatement(['a'], [{ type: 'KNOWS]->() DETACH DELETE n //' as never, direction: 'OUT' }])).toThrow(/not a relationship type/);
    expect(() => cypher.searchStatement(cypher.MODERN_DIALECT, parseSearch('x1'), { labels: ['Area`) DELETE n //' as never] }, 5, 0)).toThrow(/not a label/);
    expect(() => cypher.pathStatement({ fromId: 'a', toId: 'b', maxHops: 6, relationshipTypes: ['OF*]-() DELETE' as never] })).toThrow(/not a relationship type/);
    expect(() => cypher.pathStatement({ fromId: 'a', toId: 'b', maxHops: 1.5 })).toThrow(/whole number/);
  });

  it('builds Lucene queries from the parsed query: each term in every property with its boost, joined words beside their word', () => {
    const fields = (t: string) => `name:${t}^3 title:${t}^3 summary:${t} quote:${t} description:${t} aliasesText:${t}^2 role:${t}`;
    const every = (t: string) => `(${fields(t)})`;
    expect(cypher.luceneQuery(parseSearch('EHC plans for the schools'))).toBe(`+(${every('ehc')}) +(${every('plans')}) +(${every('schools')})`);
    expect(cypher.luceneQuery(parseSearch('autism; spec* -specialist'))).toBe(`+((${fields('autism')} ${fields('autistic')})) +(${every('spec*')}) -${every('specialist')}`);
    expect(cypher.luceneQuery(parseSearch('adhd OR "autistic children"'))).toBe(
      `+(${every('adhd')} (${['"autistic children"', '"autistic child"', '"autism children"', '"autism child"'].map(fields).join(' ')}))`,
    );
    // A stop word keeps its place in a phrase, as the analyzer keeps it.
    expect(cypher.luceneQuery(parseSearch('"quality of plans"'))).toBe(`+(${every('"quality the plans"')})`);
  });

  it('chooses the dialect by server version', () => {
    expect(cypher.dialectFor('4.4.40')).toBe(cypher.LEGACY_DIALECT);
    expect(cypher.dialectFor('5.22.0')).toBe(cypher.LEGACY_DIALECT);
    expect(cypher.dialectFor('5.23.0')).toBe(cypher.MODERN_DIALECT);
    expect(cypher.dialectFor('2025.10.1')).toBe(cypher.MODERN_DIALECT);
  });
});
