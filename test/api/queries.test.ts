import { areasWithTheme, jaccardRanking, patternFindingIds, themeCounts, weaknessPatterns } from '../seed-themes';
import { startApi, seededStore, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi(await seededStore());
});
afterAll(() => api.server.stop());

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const res = await api.run(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
};

describe('the GraphQL API on the seeded graph', () => {
  it("answers an area with its region, agencies, inspections, findings and the inspectors' words", async () => {
    const data = await ok(`{
      area(id: "sandwell") {
        name kind gssCode region { name }
        agencies(kind: CCG, on: "2017-01-16") { id name aliases }
        allCcgs: agencies(kind: CCG) { id }
        inspections {
          id outcome startedOn { iso year month certainty } inspectorates { id }
          findings(polarity: WEAKNESS) { id quote themes { id } }
          actions { id kind owners { id } }
        }
      }
    }`);
    const area = data.area;
    expect(area).toMatchObject({ name: 'Sandwell', kind: 'METROPOLITAN_DISTRICT', gssCode: 'E08000028', region: { name: 'West Midlands' } });
    expect(area.agencies).toEqual([expect.objectContaining({ id: 'sandwell-and-west-birmingham-ccg', aliases: expect.arrayContaining(['West Birmingham Clinical Commissioning Group']) })]);
    // Through time: the CCG of 2017, then the merged Black Country one (April 2021 to June 2022).
    expect(area.allCcgs).toEqual([{ id: 'black-country-and-west-birmingham-ccg' }, { id: 'sandwell-and-west-birmingham-ccg' }]);
    const [inspection] = area.inspections;
    expect(inspection).toMatchObject({
      id: 'sandwell-2017-01', outcome: 'WSOA_REQUIRED',
      startedOn: { iso: '2017-01-16', year: 2017, month: 1, certainty: 'STATED' },
      inspectorates: [{ id: 'cqc' }, { id: 'ofsted' }],
      actions: [{ id: 'sandwell-2017-01-wsoa', kind: 'WSOA', owners: [{ id: 'sandwell-and-west-birmingham-ccg' }, { id: 'sandwell-council' }] }],
    });
    expect(inspection.findings).toHaveLength(8);
    expect(inspection.findings).toContainEqual({
      id: 'sandwell-2017-ehc-plans-lack-health-and-care',
      quote: 'vary in quality and often do not contain relevant information about health or care',
      themes: [{ id: 'ehc-plan-quality' }],
    });
  });

  it('traces a finding to its document', async () => {
    const data = await ok(`{ finding(id: "birmingham-2018-joint-commissioning-underdeveloped") {
      polarity quote area { id } foundBy { __typename ... on Inspection { id } }
      source { title authors publisher publishedOn { iso certainty } file }
    } }`);
    expect(data.finding).toEqual({
      polarity: 'WEAKNESS', quote: 'significantly underdeveloped', area: { id: 'birmingham' },
      foundBy: { __typename: 'Inspection', id: 'birmingham-2018-06' },
      source: {
        title: 'Inspectors warn of weaknesses in SEND support in Birmingham', authors: ['Neil Puffett'],
        publisher: 'Children & Young People Now', publishedOn: { iso: '2018-09-11', certainty: 'STATED' }, file: 'birmingham-2018.txt',
      },
    });
  });

  it('lists themes with finding and area counts', async () => {
    const { themes } = await ok('{ themes { id label findingCount areaCount } }');
    expect(themes).toHaveLength(24);
    const { findingCount, areaCount } = themeCounts('ehc-plan-quality');
    expect(themes.find((t: { id: string }) => t.id === 'ehc-plan-quality')).toEqual({ id: 'ehc-plan-quality', label: 'EHC plan quality', findingCount, areaCount });
    expect(findingCount).toBeGreaterThan(areaCount);
    const transport = themeCounts('home-to-school-transport');
    expect(themes.find((t: { id: string }) => t.id === 'home-to-school-transport')).toMatchObject({ findingCount: transport.findingCount, areaCount: transport.areaCount });
  });

  it('pages areas Relay-style with a total count and cursors', async () => {
    const page1 = (await ok('{ areas(regionId: "west-midlands", first: 10) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }')).areas;
    expect(page1.totalCount).toBe(14);
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id).slice(0, 3)).toEqual(['birmingham', 'coventry', 'dudley']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = (await ok('query($after: String) { areas(regionId: "west-midlands", first: 10, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }', { after: page1.pageInfo.endCursor })).areas;
    expect(page2.nodes.map((n: { id: string }) => n.id)).toEqual(['walsall', 'warwickshire', 'wolverhampton', 'worcestershire']);
    expect(page2.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('filters areas by theme', async () => {
    const { areas } = await ok('{ areas(themeId: "ehc-timeliness", first: 10) { totalCount nodes { id } } }');
    const expected = areasWithTheme('ehc-timeliness');
    expect(expected.length).toBeGreaterThan(1);
    expect(areas).toEqual({ totalCount: expected.length, nodes: expected.slice(0, 10).map((id) => ({ id })) });
  });

  it('follows an agency through succession, both ways, with dates and sources', async () => {
    const data = await ok(`{
      agency(id: "black-country-and-west-birmingham-ccg") {
        kind activeFrom { iso } areas { id }
        predecessors { agency { id } on { iso certainty } sources { id } }
        successors { agency { id name } on { iso } }
        findings { id } actions { id }
      }
    }`);
    expect(data.agency).toMatchObject({
      kind: 'CCG', activeFrom: { iso: '2021-04-01' }, areas: ['birmingham', 'dudley', 'sandwell', 'walsall', 'wolverhampton'].map((id) => ({ id })),
      predecessors: [
        { agency: { id: 'dudley-ccg' }, on: { iso: '2021-04-01', certainty: 'STATED' }, sources: [{ id: 'nhs-ods-organisations' }] },
        { agency: { id: 'sandwell-and-west-birmingham-ccg' }, on: { iso: '2021-04-01', certainty: 'STATED' }, sources: [{ id: 'nhs-england-ccg-mergers-2021' }, { id: 'nhs-ods-organisations' }] },
        { agency: { id: 'walsall-ccg' }, on: { iso: '2021-04-01', certainty: 'STATED' }, sources: [{ id: 'nhs-ods-organisations' }] },
        { agency: { id: 'wolverhampton-ccg' }, on: { iso: '2021-04-01', certainty: 'STATED' }, sources: [{ id: 'nhs-ods-organisations' }] },
      ],
      actions: [{ id: 'wolverhampton-2021-09-wsoa' }],
    });
    expect(data.agency.successors.map((s: { agency: { id: string } }) => s.agency.id)).toEqual(['birmingham-and-solihull-icb', 'black-country-icb']);
    expect(data.agency.findings).toEqual([{ id: 'wolverhampton-2021-bodies-not-working-together' }]);
  });

  it('answers the national review with its counts and findings', async () => {
    const data = await ok('{ review(id: "first-30-areas-2017") { areasCovered wsoaCount authors { id } findings(polarity: WEAKNESS) { id areasAffected } } }');
    expect(data.review).toMatchObject({ areasCovered: 30, wsoaCount: 9, authors: [{ id: 'cqc' }, { id: 'ofsted' }] });
    expect(data.review.findings).toContainEqual({ id: 'first-30-areas-2017-exclusions-and-attendance', areasAffected: 6 });
  });

  it('resolves any node by id through the Node interface, and people to their employers', async () => {
    const data = await ok(`{
      a: node(id: "edward-timpson") { __typename id ... on Person { name role employers { agency { id } role } } sources { id } }
      b: node(id: "sandwell-childrens-services-trust-transfer") { __typename ... on Action { kind decidedBy { id } addresses { id } } }
      c: node(id: "no-such-thing") { id }
    }`);
    expect(data.a).toEqual({
      __typename: 'Person', id: 'edward-timpson', name: 'Edward Timpson', role: "Children's minister",
      employers: [{ agency: { id: 'department-for-education' }, role: "Children's minister" }], sources: [{ id: 'cypn-sandwell-2017' }],
    });
    expect(data.b).toEqual({ __typename: 'Action', kind: 'TRANSFER_TO_TRUST', decidedBy: [{ id: 'edward-timpson' }], addresses: [{ id: 'sandwell-2017-legacy-of-poor-practice' }] });
    expect(data.c).toBeNull();
  });

  it('answers null for an unknown id, or an id of another type', async () => {
    const data = await ok('{ area(id: "atlantis") { id } agency(id: "sandwell") { id } inspection(id: "sandwell-2017-01") { id } }');
    expect(data).toEqual({ area: null, agency: null, inspection: { id: 'sandwell-2017-01' } });
  });

  it('shows the weakness patterns areas share, with evidence', async () => {
    const expected = weaknessPatterns({ minAreas: 1, maxThemes: 2 });
    const minAreas = expected[3].support; // at least the four commonest
    const data = await ok(`{ sharedWeaknesses(minAreas: ${minAreas}, maxThemes: 2) { support themes { id } areas(first: 100) { id } findings(first: 100) { id } } }`);
    type Pattern = { support: number; themes: { id: string }[]; areas: { id: string }[]; findings: { id: string }[] };
    const patterns: Pattern[] = data.sharedWeaknesses;
    expect(patterns.length).toBeGreaterThanOrEqual(4);
    expect(patterns.map((p) => [p.support, p.themes.map((t) => t.id)])).toEqual(expected.filter((p) => p.support >= minAreas).map((p) => [p.support, p.themeIds]));
    const [top] = expected;
    expect(patterns[0].areas).toEqual(top.areaIds.map((id) => ({ id })));
    expect(patterns[0].findings).toEqual(patternFindingIds(top.themeIds, top.areaIds).slice(0, 100).map((id) => ({ id })));
  });

  it("pages a pattern's areas and evidence while support still counts them all", async () => {
    const all = await ok('{ sharedWeaknesses(minAreas: 4, maxThemes: 2, first: 1) { support areas { id } findings { id } } }');
    const paged = await ok('{ sharedWeaknesses(minAreas: 4, maxThemes: 2, first: 1) { support areas(first: 2) { id } findings(first: 3) { id } } }');
    const [whole] = all.sharedWeaknesses;
    expect(whole.findings.length).toBeGreaterThan(3);
    expect(whole.support).toBe(weaknessPatterns({ minAreas: 4, maxThemes: 2 })[0].support);
    expect(whole.areas).toHaveLength(Math.min(whole.support, 20));
    expect(paged.sharedWeaknesses[0]).toEqual({ support: whole.support, areas: whole.areas.slice(0, 2), findings: whole.findings.slice(0, 3) });
    const tooMany = await api.run('{ sharedWeaknesses(minAreas: 4) { areas(first: 101) { id } } }');
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringMatching(/"first" must be a whole number from 0 to 100/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('ranks areas like Sandwell', async () => {
    const data = await ok('{ similarAreas(areaId: "sandwell", first: 2) { area { id } score sharedThemes { id } } }');
    const expected = jaccardRanking('sandwell', 'WEAKNESS').slice(0, 2);
    expect(data.similarAreas).toEqual(expected.map((s) => ({ area: { id: s.areaId }, score: expect.closeTo(s.score, 12), sharedThemes: s.sharedThemeIds.map((id) => ({ id })) })));
  });

  it('maps an agency network with how each link is made', async () => {
    const data = await ok('{ agencyNetwork(agencyId: "staffordshire-ccgs", maxDepth: 1) { center { id } members { agency { id } depth } links { from { id } to { id } kind via { __typename id } } } }');
    const net = data.agencyNetwork;
    expect(net.center).toEqual({ id: 'staffordshire-ccgs' });
    // The county's CCGs, their sub-ICB locations and ICB, trusts by catchment, and the partnerships: all serve Staffordshire.
    expect(net.members.map((m: { agency: { id: string } }) => m.agency.id)).toEqual(expect.arrayContaining([
      'staffordshire-ccgs', 'cannock-chase-ccg', 'east-staffordshire-ccg', 'north-staffordshire-ccg', 'south-east-staffordshire-and-seisdon-peninsula-ccg',
      'stafford-and-surrounds-ccg', 'staffordshire-and-stoke-on-trent-icb', 'staffordshire-and-stoke-on-trent-icb-04y', 'staffordshire-council',
      'staffordshire-schools-forum', 'staffordshire-send-partnership-board', 'university-hospitals-of-north-midlands-nhs-trust',
    ]));
    expect(net.members).toHaveLength(30);
    expect(net.links).toContainEqual({ from: { id: 'staffordshire-ccgs' }, to: { id: 'staffordshire-send-partnership-board' }, kind: 'SHARED_ACTION', via: { __typename: 'Action', id: 'staffordshire-2018-11-wsoa' } });
  });

  it('finds a path and says which document states each step', async () => {
    const data = await ok('{ path(fromId: "sandwell-and-west-birmingham-ccg", toId: "wolverhampton", relationshipTypes: [SERVES, SUCCEEDED_BY]) { length nodes { id } relationships { type from { id } to { id } on { iso } sources { id } } } }');
    expect(data.path.length).toBe(2);
    expect(data.path.nodes.map((n: { id: string }) => n.id)).toEqual(['sandwell-and-west-birmingham-ccg', 'black-country-and-west-birmingham-ccg', 'wolverhampton']);
    expect(data.path.relationships).toEqual([
      { type: 'SUCCEEDED_BY', from: { id: 'sandwell-and-west-birmingham-ccg' }, to: { id: 'black-country-and-west-birmingham-ccg' }, on: { iso: '2021-04-01' }, sources: [{ id: 'nhs-england-ccg-mergers-2021' }, { id: 'nhs-ods-organisations' }] },
      { type: 'SERVES', from: { id: 'black-country-and-west-birmingham-ccg' }, to: { id: 'wolverhampton' }, on: null, sources: [{ id: 'ons-nhs-geography-lookups' }, { id: 'express-and-star-wolverhampton-2021' }] },
    ]);
  });

  it('searches the evidence', async () => {
    const data = await ok('{ search(text: "short breaks", first: 20) { node { __typename id } score snippet } }');
    expect(data.search[0]).toMatchObject({ node: { __typename: 'Theme', id: 'short-breaks' } });
    expect(data.search.map((h: { node: { id: string } }) => h.node.id)).toContain('staffordshire-2019-short-breaks-strength');
  });

  it('searches with filters, in pages with a total, each hit\'s matched words marked', async () => {
    const all = await ok('{ search(text: "\\"special schools\\"", first: 100) { node { id } score } }');
    const pages: { node: { id: string }; score: number }[] = [];
    let after: string | null = null;
    let totalCount = -1;
    do {
      const data = await ok('query($after: String) { searchResults(text: "\\"special schools\\"", first: 7, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { score node { id } } } } }', { after });
      const r = data.searchResults;
      totalCount = r.totalCount;
      pages.push(...r.edges.map((e: { node: { node: { id: string }; score: number } }) => e.node));
      expect(r.pageInfo.hasPreviousPage).toBe(after !== null);
      after = r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual(all.search);
    expect(totalCount).toBe(all.search.length);
    expect(totalCount).toBeGreaterThan(7);

    const weak = await ok('{ searchResults(text: "special schools", polarity: WEAKNESS, framework: FRAMEWORK_2023, kinds: [FINDING], from: "2023-06", first: 100) { totalCount nodes { snippet marks { start end } node { ... on Finding { polarity inspection: foundBy { ... on Inspection { framework startedOn { iso } } } } } } } }');
    expect(weak.searchResults.totalCount).toBeGreaterThan(0);
    for (const hit of weak.searchResults.nodes) {
      expect(hit.node.polarity).toBe('WEAKNESS');
      expect(hit.node.inspection.framework).toBe('FRAMEWORK_2023');
      expect(hit.node.inspection.startedOn.iso >= '2023-06').toBe(true);
      expect(hit.marks.map((m: { start: number; end: number }) => hit.snippet.slice(m.start, m.end).toLowerCase().replace(/s$/, ''))).toEqual(expect.arrayContaining(['special', 'school']));
    }
  });

  it('finds findings worded alike in other areas, with the words they share and each one\'s source', async () => {
    const data = await ok(`{ similarFindings(findingId: "west-sussex-2023-11-weakness-01", first: 2, polarity: WEAKNESS) {
      score sharedTerms(first: 2) finding { id quote source { id } } } }`);
    expect(data.similarFindings).toHaveLength(2);
    expect(data.similarFindings[0]).toMatchObject({ finding: { id: 'hartlepool-2023-03-weakness-01', quote: expect.stringContaining('statutory timescales'), source: { id: expect.stringContaining('hartlepool') } } });
    expect(data.similarFindings[0].sharedTerms).toHaveLength(2);
  });

  it('ranks areas by their findings with evidence on both sides, and pairs themes with their lift', async () => {
    const data = await ok(`{
      similarAreas(areaId: "sandwell", first: 1, method: FINDINGS, framework: FRAMEWORK_2016) {
        area { id } score evidence(first: 1) { theme { id } score sharedTerms finding { id quote } match { id quote source { id } } }
      }
      themeCooccurrence(minAreas: 2, first: 1, framework: FRAMEWORK_2016) { themes { id } count expected lift areas(first: 2) { id } }
    }`);
    const [best] = data.similarAreas;
    expect(best.area).toEqual({ id: 'birmingham' });
    expect(best.evidence).toEqual([expect.objectContaining({ theme: null, finding: expect.objectContaining({ id: 'sandwell-2017-slower-academic-progress' }), match: expect.objectContaining({ id: 'birmingham-2018-weak-academic-progress' }) })]);
    expect(best.evidence[0].match.source).toEqual({ id: expect.stringContaining('birmingham') });
    expect(data.themeCooccurrence).toEqual([{ themes: [{ id: 'academic-outcomes' }, { id: 'ehc-plan-quality' }], count: 4, expected: 4, lift: 1, areas: [{ id: 'birmingham' }, { id: 'sandwell' }] }]);
  });

  it('lists what each document states', async () => {
    const data = await ok('{ source(id: "cypn-national-first-30-areas-2017") { kind mentions { __typename id } } sources { id } }');
    expect(data.source.mentions.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['first-30-areas-2017', 'eleanor-schooling', 'ofsted']));
    expect(data.sources).toHaveLength(63); // 11, the DfE's 4 datasets, the 45 reports and the 3 NHS files
  });
});

describe("Ofsted's outcomes for every area, both frameworks, over time", () => {
  it('Sandwell: January 2017 (WSOA, five weaknesses, two sources), the 2019 revisit, July 2023', async () => {
    const data = await ok(`{ area(id: "sandwell") {
      latestOutcome
      inspections {
        id framework kind outcome startedOn { iso certainty } endedOn { iso } significantWeaknesses
        weaknessesWithProgress weaknessesWithoutProgress priorityActionPlanRequired nextInspectionDueBy { iso }
        follows { id } sources { id }
      }
    } }`);
    expect(data.area.latestOutcome).toBe('INCONSISTENT');
    expect(data.area.inspections).toEqual([
      {
        id: 'sandwell-2017-01', framework: 'FRAMEWORK_2016', kind: 'INITIAL', outcome: 'WSOA_REQUIRED',
        startedOn: { iso: '2017-01-16', certainty: 'STATED' }, endedOn: null, significantWeaknesses: 5,
        weaknessesWithProgress: null, weaknessesWithoutProgress: null, priorityActionPlanRequired: null, nextInspectionDueBy: null,
        follows: null, sources: [{ id: 'cypn-sandwell-2017' }, { id: 'ofsted-area-send-statistics-2022' }],
      },
      {
        id: 'sandwell-2019-03', framework: 'FRAMEWORK_2016', kind: 'REVISIT', outcome: 'SUFFICIENT_PROGRESS',
        startedOn: { iso: '2019-03-18', certainty: 'STATED' }, endedOn: null, significantWeaknesses: null,
        weaknessesWithProgress: 5, weaknessesWithoutProgress: 0, priorityActionPlanRequired: null, nextInspectionDueBy: null,
        follows: { id: 'sandwell-2017-01' }, sources: [{ id: 'ofsted-area-send-statistics-2022' }],
      },
      {
        id: 'sandwell-2023-07', framework: 'FRAMEWORK_2023', kind: 'FULL', outcome: 'INCONSISTENT',
        startedOn: { iso: '2023-07-03', certainty: 'STATED' }, endedOn: { iso: '2023-07-07' }, significantWeaknesses: null,
        weaknessesWithProgress: null, weaknessesWithoutProgress: null, priorityActionPlanRequired: false, nextInspectionDueBy: { iso: '2026-07-03' },
        follows: { id: 'sandwell-2019-03' }, sources: [{ id: 'ofsted-area-send-outcomes-2023-framework' }, { id: 'ofsted-area-send-report-sandwell-2023-07' }],
      },
    ]);
  });

  it('Hertfordshire: 2016 (no WSOA), then 2023 (systemic failings, with a priority action plan)', async () => {
    const data = await ok(`{ area(id: "hertfordshire") {
      latestOutcome
      inspections { id outcome follows { id } actions { kind title owners { id } } }
    } }`);
    expect(data.area).toEqual({
      latestOutcome: 'SYSTEMIC_FAILINGS',
      inspections: [
        { id: 'hertfordshire-2016-07', outcome: 'NO_WSOA', follows: null, actions: [] },
        {
          id: 'hertfordshire-2023-07', outcome: 'SYSTEMIC_FAILINGS', follows: { id: 'hertfordshire-2016-07' },
          actions: expect.arrayContaining([{ kind: 'PRIORITY_ACTION_PLAN', title: 'Hertfordshire priority action plan', owners: [{ id: 'hertfordshire-council' }] }]),
        },
      ],
    });
    // The report's two areas for priority action and five for improvement, owned by the council and the ICB.
    const kinds = data.area.inspections[1].actions.map((a: { kind: string }) => a.kind);
    expect(kinds.filter((k: string) => k === 'PRIORITY_ACTION')).toHaveLength(2);
    expect(kinds.filter((k: string) => k === 'AREA_FOR_IMPROVEMENT')).toHaveLength(5);
  });

  it("reaches Cumbria's 2016-framework inspection from Cumberland through SUCCEEDED_BY", async () => {
    const data = await ok(`{ area(id: "cumberland") {
      activeFrom { iso }
      predecessors { on { iso certainty } sources { id } area { id activeTo { iso } succeededBy { area { id } } inspections { id outcome significantWeaknesses } } }
      inspections { id outcome follows { id area { id } } }
    } }`);
    expect(data.area.activeFrom).toEqual({ iso: '2023-04-01' });
    expect(data.area.predecessors).toEqual([
      {
        on: { iso: '2023-04-01', certainty: 'STATED' }, sources: [{ id: 'mysociety-uk-local-authorities' }],
        area: {
          id: 'cumbria', activeTo: { iso: '2023-04-01' },
          succeededBy: [{ area: { id: 'cumberland' } }, { area: { id: 'westmorland-and-furness' } }],
          inspections: [{ id: 'cumbria-2019-03', outcome: 'WSOA_REQUIRED', significantWeaknesses: 9 }],
        },
      },
    ]);
    // Cumberland's own 2025 inspection follows the footprint's previous one, Cumbria's.
    expect(data.area.inspections).toEqual([{ id: 'cumberland-2025-07', outcome: 'INCONSISTENT', follows: { id: 'cumbria-2019-03', area: { id: 'cumbria' } } }]);
  });

  it('pages inspections with filters and a total count', async () => {
    const data = await ok(`{ inspections(framework: FRAMEWORK_2023, outcome: SYSTEMIC_FAILINGS, regionId: "london", first: 1) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id area { name } priorityActionPlanRequired actions { kind } }
    } }`);
    expect(data.inspections).toMatchObject({
      totalCount: 2, pageInfo: { hasNextPage: true },
      nodes: [{ id: 'bexley-2023-12', area: { name: 'Bexley' }, priorityActionPlanRequired: true, actions: expect.arrayContaining([{ kind: 'PRIORITY_ACTION_PLAN' }]) }],
    });
    // Beside the plan, the report's three areas for priority action and two for improvement.
    expect(data.inspections.nodes[0].actions).toHaveLength(6);
    const next = await ok(`{ inspections(framework: FRAMEWORK_2023, outcome: SYSTEMIC_FAILINGS, regionId: "london", after: "${data.inspections.pageInfo.endCursor}") { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`);
    expect(next.inspections).toEqual({ nodes: [{ id: 'redbridge-2025-05' }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('refuses a date filter that is not a date, saying what to write', async () => {
    const res = await api.run('{ inspections(from: "July 2023") { totalCount } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('YYYY, YYYY-MM or YYYY-MM-DD') });
    const same = await api.run('{ outcomeTransitions(from: FRAMEWORK_2023, to: FRAMEWORK_2023) { count } }');
    expect(same.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers the transition table: did areas that made insufficient progress later have systemic failings?', async () => {
    const data = await ok('{ outcomeTransitions { from revisit to count areas(first: 3) { id } } }');
    expect(data.outcomeTransitions).toContainEqual({
      from: 'WSOA_REQUIRED', revisit: 'PARTIAL_PROGRESS', to: 'SYSTEMIC_FAILINGS', count: 7, areas: [{ id: 'bury' }, { id: 'lancashire' }, { id: 'oldham' }],
    });
    expect(data.outcomeTransitions).toContainEqual({ from: 'WSOA_REQUIRED', revisit: 'INSUFFICIENT_PROGRESS', to: null, count: 2, areas: [{ id: 'devon' }, { id: 'sefton' }] });
  });

  it('keeps what the 2023 table could not read unknown, with a note saying why', async () => {
    const data = await ok('{ slough: inspection(id: "slough-2025-07") { outcome notes priorityActionPlanRequired } derbyshire: area(id: "derbyshire") { inspections { id startedOn { iso } publishedOn { iso } notes } } }');
    expect(data.slough.outcome).toBeNull();
    expect(data.slough.priorityActionPlanRequired).toBeNull();
    expect(data.slough.notes).toContain('could not read the outcome');
    const last = data.derbyshire.inspections[data.derbyshire.inspections.length - 1];
    // The report, ingested later, states the dates the table lacked: one inspection, filled in.
    expect(last).toMatchObject({ id: 'derbyshire-2024-11', startedOn: { iso: '2024-09-23' }, publishedOn: { iso: '2024-11-14' } });
    expect(last.notes).toContain('made from the publication month');
  });
});
