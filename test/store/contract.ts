import type { AgencyRow, InspectionRow, ReviewRow } from '../../src/domain/model';
import type { GraphStore, SearchArgs, SearchFilter } from '../../src/store/port';
import { SearchSyntaxError } from '../../src/store/search-query';
import { filterKeeps, hasStem, seedNode, textsOf } from '../seed-search';
import { TRAVERSALS } from '../../src/store/traversals';
import { seedBundle } from '../helpers';
import { describeNhsContract } from './nhs-contract';
import { areasWithTheme, areaThemes, jaccardRanking, patternFindingIds, themeCounts, themeFacts, themePairs, themesOfFinding, weaknessPatterns } from '../seed-themes';

/**
 * The contract every GraphStore adapter must pass, with the same expected answers, on the
 * project's seeds. `open` returns a store already loaded with seedBundle().
 */
export function describeStoreContract(name: string, open: () => Promise<GraphStore>, close?: (s: GraphStore) => Promise<void>, openTimeoutMs?: number) {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    }, openTimeoutMs);
    afterAll(async () => {
      await (close ? close(store) : store.close());
    });

    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

    describe('generic reads', () => {
      it('fetches nodes by id in the order asked, with null for unknown ids', async () => {
        const rows = await store.nodes(['wolverhampton', 'no-such-id', 'sandwell-council']);
        expect(rows.map((r) => r && [r.label, r.id])).toEqual([['Area', 'wolverhampton'], null, ['Agency', 'sandwell-council']]);
        expect((rows[2] as AgencyRow).name).toBe('Sandwell Metropolitan Borough Council');
      });

      it('keeps list and number properties as plain values', async () => {
        const [ccg, review] = (await store.nodes(['sandwell-and-west-birmingham-ccg', 'first-30-areas-2017'])) as [AgencyRow, ReviewRow];
        expect(ccg.aliases).toContain('West Birmingham Clinical Commissioning Group');
        expect(review).toMatchObject({ areasCovered: 30, wsoaCount: 9, title: expect.stringContaining('first 30') });
      });

      it('keeps an inspection framework and its unknown fields as null', async () => {
        const [sandwell] = (await store.nodes(['sandwell-2017-01'])) as [InspectionRow];
        expect(sandwell).toMatchObject({ framework: 'FRAMEWORK_2016', kind: 'INITIAL', outcome: 'WSOA_REQUIRED', endedOn: null, priorityActionPlanRequired: null });
      });

      it('traverses several hops for many ids in one call, distinct and ordered by id', async () => {
        // Sandwell: the 2017 article's weaknesses and the 2023 report's, each theme once.
        const [sandwell, none, birmingham] = await store.traverse(['sandwell', 'no-such-id', 'birmingham'], TRAVERSALS.areaWeaknessThemes);
        expect(sandwell.map((n) => n.node.id)).toEqual(areaThemes('WEAKNESS').get('sandwell'));
        // The article's, set by hand, among them.
        expect(sandwell.map((n) => n.node.id)).toEqual(expect.arrayContaining(['academic-outcomes', 'attendance-and-exclusions', 'ehc-plan-quality', 'preparation-for-adulthood']));
        expect(none).toEqual([]);
        expect(birmingham.map((n) => n.node.id)).toContain('joint-commissioning');
      });

      it('answers a traversal tree in one call as traverse answers each level', async () => {
        const tree = {
          steps: TRAVERSALS.areaInspections,
          children: [{ steps: TRAVERSALS.inspectionFindings, children: [{ steps: TRAVERSALS.findingThemes, children: [] }, { steps: TRAVERSALS.findingAgencies, children: [] }] }],
        };
        const [sandwell, none] = await store.traverseTree(['sandwell', 'no-such-id'], tree);
        expect(none).toEqual([]);
        const [inspections] = await store.traverse(['sandwell'], TRAVERSALS.areaInspections);
        expect(sandwell.map((n) => n.node)).toEqual(inspections.map((n) => n.node));
        // the 2017 inspection's 11 findings, none recorded for the 2019 revisit, the 2023 report's 12
        expect(sandwell.map((i) => [i.node.id, i.children[0].length])).toEqual([['sandwell-2017-01', 11], ['sandwell-2019-03', 0], ['sandwell-2023-07', 12]]);
        const findings = sandwell.flatMap((i) => i.children[0]);
        const [themes, agencies] = [await store.traverse(findings.map((f) => f.node.id), TRAVERSALS.findingThemes), await store.traverse(findings.map((f) => f.node.id), TRAVERSALS.findingAgencies)];
        expect(findings.map((f) => f.children[0].map((t) => [t.node, t.rel]))).toEqual(themes.map((list) => list.map((t) => [t.node, t.rel])));
        expect(findings.map((f) => f.children[1].map((a) => a.node.id))).toEqual(agencies.map((list) => list.map((a) => a.node.id)));
        expect(findings.find((f) => f.node.id === 'sandwell-2017-ehc-plans-lack-health-and-care')?.children[0].map((t) => t.node.id)).toEqual(['ehc-plan-quality']);
      });

      it('answers nodes with their traversal trees in one call', async () => {
        const trees = [
          { steps: TRAVERSALS.areaRegion, children: [] },
          { steps: TRAVERSALS.areaWeaknesses, children: [{ steps: TRAVERSALS.findingThemes, children: [] }] },
        ];
        const [sandwell, none] = await store.nodeTrees(['sandwell', 'no-such-id'], trees);
        expect(none).toBeNull();
        expect(sandwell!.node).toEqual((await store.nodes(['sandwell']))[0]);
        expect(sandwell!.children[0].map((r) => r.node.id)).toEqual(['west-midlands']);
        const weaknesses = sandwell!.children[1];
        expect(weaknesses.map((f) => f.node.id)).toEqual((await store.traverse(['sandwell'], TRAVERSALS.areaWeaknesses))[0].map((f) => f.node.id));
        // 8 weaknesses in 2017, 5 in the 2023 report
        expect(weaknesses).toHaveLength(13);
        expect(weaknesses.filter((f) => f.node.id.startsWith('sandwell-2023-'))).toHaveLength(5);
        expect(weaknesses.find((f) => f.node.id === 'sandwell-2017-ehc-plans-lack-health-and-care')?.children[0].map((t) => t.node.id)).toEqual(['ehc-plan-quality']);
      });

      it('filters a hop by polarity', async () => {
        const [strengths] = await store.traverse(['sandwell'], TRAVERSALS.areaStrengths);
        expect(strengths.map((n) => n.node.id)).toEqual([
          'sandwell-2017-families-listened-to', 'sandwell-2017-inclusion-service-effective', 'sandwell-2017-special-schools-good',
          ...[1, 2, 3, 4, 5, 6, 7].map((i) => `sandwell-2023-07-strength-0${i}`),
        ]);
      });

      it('returns relationship properties with the last hop', async () => {
        const [succ] = await store.traverse(['sandwell-and-west-birmingham-ccg'], TRAVERSALS.agencySuccessors);
        expect(succ).toEqual([
          {
            node: expect.objectContaining({ id: 'black-country-and-west-birmingham-ccg' }),
            rel: expect.objectContaining({ type: 'SUCCEEDED_BY', on: '2021-04-01', onCertainty: 'STATED', sourceIds: ['nhs-england-ccg-mergers-2021', 'nhs-ods-organisations'] }),
          },
        ]);
        const [people] = await store.traverse(['birmingham-and-solihull-ccg'], TRAVERSALS.agencyPeople);
        expect(people.map((p) => [p.node.id, p.rel.role])).toEqual([['richard-mendelsohn', 'Chief medical officer']]);
      });

      it('returns who assigned a theme and why: the classifier for an ingested report, a person for a hand-written seed', async () => {
        const HERTS = 'hertfordshire-2023-07-weakness-16';
        const [herts, sandwell] = await store.traverse([HERTS, 'sandwell-2017-ehc-plans-lack-health-and-care'], TRAVERSALS.findingThemes);
        const inSeed = themeFacts().filter((f) => f.findingId === HERTS).sort((a, b) => (a.themeId < b.themeId ? -1 : 1));
        expect(inSeed.length).toBeGreaterThan(0);
        expect(herts.map((t) => [t.node.id, t.rel.assignedBy, t.rel.reason])).toEqual(inSeed.map((f) => [f.themeId, 'MACHINE', f.reason]));
        for (const t of herts) {
          expect(t.rel.reason).toMatch(new RegExp(`^model ${t.node.id}: score -?\\d+\\.\\d\\d \\(probability \\d\\.\\d\\d[^)]*\\) = .*bias [+-]\\d+\\.\\d\\d$`));
          expect(t.rel.sourceIds).toEqual(['ofsted-area-send-report-hertfordshire-2023-07']);
        }
        expect(sandwell.map((t) => [t.node.id, t.rel.assignedBy, t.rel.reason])).toEqual([['ehc-plan-quality', 'PERSON', null]]);
      });

      it('lists the areas with an ehc-plan-quality weakness: the articles\' four and those of the 45 reports that have one', async () => {
        const expected = areasWithTheme('ehc-plan-quality', 'WEAKNESS');
        expect(expected.length).toBeGreaterThan(10);
        const page = await store.list('Area', { themeId: 'ehc-plan-quality', polarity: 'WEAKNESS' }, { first: 10 });
        expect(ids(page.rows)).toEqual(expected.slice(0, 10));
        expect(page).toMatchObject({ totalCount: expected.length, hasNextPage: true });
        const all = await store.list('Area', { themeId: 'ehc-plan-quality', polarity: 'WEAKNESS' }, { first: 100 });
        expect(ids(all.rows)).toEqual(expected);
        // The articles' EHC plan weaknesses were themed by hand.
        expect(ids(all.rows)).toEqual(expect.arrayContaining(['birmingham', 'sandwell', 'staffordshire', 'wolverhampton']));
      });

      it('pages areas by id with a total count', async () => {
        const first = await store.list('Area', { regionId: 'west-midlands' }, { first: 5 });
        expect(first.totalCount).toBe(14);
        expect(first.hasNextPage).toBe(true);
        const rest = await store.list('Area', { regionId: 'west-midlands' }, { first: 20, afterId: first.rows[4].id });
        expect(rest.rows).toHaveLength(9);
        expect(rest.hasNextPage).toBe(false);
        expect([...ids(first.rows), ...ids(rest.rows)]).toEqual(expect.arrayContaining(['birmingham', 'sandwell', 'staffordshire', 'wolverhampton']));
        const all = await store.list('Area', {}, { first: 0 });
        expect(all).toMatchObject({ rows: [], totalCount: 161, hasNextPage: true }); // 153 current areas and 8 former ones
      });

      it('filters agencies by kind', async () => {
        const page = await store.list('Agency', { kind: 'ICB' }, { first: 50 });
        expect(page.rows).toHaveLength(42); // the 42 of the ONS file, those the reports name among them
        expect(ids(page.rows)).toEqual(expect.arrayContaining(['birmingham-and-solihull-icb', 'black-country-icb', 'hertfordshire-and-west-essex-icb', 'north-east-and-north-cumbria-icb']));
        expect(page.rows.every((r) => (r as AgencyRow).kind === 'ICB')).toBe(true);
      });

      it('counts findings and areas per theme', async () => {
        const expected = [themeCounts('ehc-plan-quality'), themeCounts('home-to-school-transport')];
        expect(expected[0].findingCount).toBeGreaterThan(expected[0].areaCount); // some areas have several
        expect(await store.themeStats(['ehc-plan-quality', 'home-to-school-transport', 'no-such-theme'])).toEqual([
          ...expected,
          { themeId: 'no-such-theme', findingCount: 0, areaCount: 0 },
        ]);
      });

      it('counts nodes per label', async () => {
        const stats = await store.stats();
        const bundle = seedBundle();
        // Every report's inspection is one the outcomes table declares too: 270 either way.
        expect(stats.nodes).toMatchObject({ Area: 161, Region: 9, Theme: 24, Review: 1, Inspection: 270, Finding: 911, Source: 63 }); // 63 sources: 11, the DfE's 4 datasets, the 45 reports and the 3 NHS files
        expect(Object.values(stats.nodes).reduce((a, b) => a + b, 0)).toBe(bundle.nodes.length);
        expect(stats.relationships).toBe(bundle.relationships.count);
      });
    });

    describe("Ofsted's outcomes, both frameworks, over time", () => {
      const total = async (filter: Parameters<GraphStore['list']>[1]) => (await store.list('Inspection', filter, { first: 0 })).totalCount;

      it('counts the inspections of each framework, kind and outcome', async () => {
        // The statistics' 149 rows (82 WSOA, 67 not, 46 revisits), plus Dorset and Northamptonshire from its notes.
        expect(await total({ framework: 'FRAMEWORK_2016', kind: 'INITIAL', outcome: 'WSOA_REQUIRED' })).toBe(83);
        expect(await total({ kind: 'INITIAL', outcome: 'NO_WSOA' })).toBe(68);
        expect(await total({ kind: 'REVISIT' })).toBe(47);
        expect(await total({ framework: 'FRAMEWORK_2023' })).toBe(72);
        expect(await total({ kind: 'FULL', outcome: 'SYSTEMIC_FAILINGS', regionId: 'london' })).toBe(2);
      });

      it('filters by the region of the area inspected and pages by id', async () => {
        const first = await store.list('Inspection', { framework: 'FRAMEWORK_2023', regionId: 'west-midlands' }, { first: 3 });
        expect(first).toMatchObject({ totalCount: 7, hasNextPage: true });
        expect(ids(first.rows)).toEqual(['birmingham-2025-06', 'dudley-2025-01', 'herefordshire-2024-12']);
        const rest = await store.list('Inspection', { framework: 'FRAMEWORK_2023', regionId: 'west-midlands' }, { first: 10, afterId: 'herefordshire-2024-12' });
        expect(ids(rest.rows)).toEqual(['sandwell-2023-07', 'stoke-on-trent-2024-01', 'telford-and-wrekin-2023-03', 'worcestershire-2024-04']);
      });

      it('filters by date, start else publication, both ends included', async () => {
        const jan2017 = await store.list('Inspection', { from: '2017-01-16', to: '2017-01' }, { first: 10 });
        expect(ids(jan2017.rows)).toEqual(['sandwell-2017-01', 'trafford-2017-01', 'waltham-forest-2017-01']);
        expect(await total({ framework: 'FRAMEWORK_2023', from: '2023', to: '2023' })).toBe(26);
        // Cambridgeshire's 2023-framework inspection is known only by its publication date (13 May 2025);
        // Derbyshire's, once the same, now has the start date its report states (23 September 2024).
        const may2025 = await store.list('Inspection', { framework: 'FRAMEWORK_2023', from: '2025-05-13', to: '2025-05-13' }, { first: 5 });
        expect(ids(may2025.rows)).toEqual(['cambridgeshire-2025-05']);
        const sep2024 = await store.list('Inspection', { framework: 'FRAMEWORK_2023', from: '2024-09-23', to: '2024-09-23' }, { first: 5 });
        expect(ids(sep2024.rows)).toContain('derbyshire-2024-11');
      });

      it('keeps an unknown outcome as null and the numbers as numbers', async () => {
        const [slough, birmingham] = (await store.nodes(['slough-2025-07', 'birmingham-2021-05'])) as InspectionRow[];
        expect(slough).toMatchObject({ framework: 'FRAMEWORK_2023', kind: 'FULL', outcome: null, priorityActionPlanRequired: null, endedOn: '2025-07-11' });
        expect(birmingham).toMatchObject({ kind: 'REVISIT', outcome: 'PARTIAL_PROGRESS', weaknessesWithProgress: 1, weaknessesWithoutProgress: 12 });
      });

      it('follows an area through succession, with the date', async () => {
        const [predecessors] = await store.traverse(['cumberland'], TRAVERSALS.areaPredecessors);
        expect(predecessors.map((p) => [p.node.id, p.rel.on, p.rel.onCertainty])).toEqual([['cumbria', '2023-04-01', 'STATED']]);
        const [successors] = await store.traverse(['northamptonshire'], TRAVERSALS.areaSuccessors);
        expect(successors.map((s) => s.node.id)).toEqual(['north-northamptonshire', 'west-northamptonshire']);
      });

      it('cross-tabulates first-framework outcomes against 2023-framework ones, across changes of area', async () => {
        const cells = await store.outcomeTransitions('FRAMEWORK_2016', 'FRAMEWORK_2023');
        const cell = (from: string | null, revisit: string | null, to: string | null) =>
          cells.find((c) => c.from === from && c.revisit === revisit && c.to === to)?.areaIds;
        expect(cell('WSOA_REQUIRED', 'PARTIAL_PROGRESS', 'SYSTEMIC_FAILINGS')).toEqual(['bury', 'lancashire', 'oldham', 'oxfordshire', 'sheffield', 'suffolk', 'worcestershire']);
        expect(cell('WSOA_REQUIRED', 'INSUFFICIENT_PROGRESS', null)).toEqual(['devon', 'sefton']);
        expect(cell('WSOA_REQUIRED', 'SUFFICIENT_PROGRESS', 'INCONSISTENT')).toEqual(['county-durham', 'sandwell', 'waltham-forest']);
        // Areas created since: Cumberland takes Cumbria's WSOA, Dorset the old county's revisit, North Northamptonshire the county's.
        expect(cell('WSOA_REQUIRED', null, 'INCONSISTENT')).toEqual(expect.arrayContaining(['cumberland', 'westmorland-and-furness']));
        expect(cell('WSOA_REQUIRED', 'PARTIAL_PROGRESS', 'POSITIVE')).toEqual(['dorset-council', 'hartlepool']);
        expect(cell('NO_WSOA', null, 'SYSTEMIC_FAILINGS')).toEqual(expect.arrayContaining(['hertfordshire', 'north-northamptonshire']));
        expect(cells[0]).toMatchObject({ from: 'WSOA_REQUIRED', revisit: 'SUFFICIENT_PROGRESS', to: 'POSITIVE' });
        expect(cells.reduce((n, c) => n + c.areaIds.length, 0)).toBe(153);
      });
    });

    describeNhsContract(() => store);

    describe('sharedWeaknesses', () => {
      it('finds the themes most areas fail on, as counting each theme\'s areas does', async () => {
        const byTheme = weaknessPatterns({ minAreas: 1, maxThemes: 1 });
        const minAreas = byTheme[1].support; // at least the two commonest
        const patterns = await store.sharedWeaknesses({ minAreas, maxThemes: 1 });
        expect(patterns).toEqual(byTheme.filter((p) => p.support >= minAreas));
        expect(patterns.length).toBeGreaterThanOrEqual(2);
        expect(patterns[0].support).toBeGreaterThan(20);
      });

      it('gives the weakness findings behind a pattern as evidence', async () => {
        const [academic] = (await store.sharedWeaknesses({ minAreas: 2, maxThemes: 1 })).filter((p) => p.themeIds[0] === 'academic-outcomes');
        expect(academic).toEqual(weaknessPatterns({ minAreas: 2, maxThemes: 1 }).find((p) => p.themeIds[0] === 'academic-outcomes'));
        // The articles' four areas, themed by hand.
        expect(academic.areaIds).toEqual(expect.arrayContaining(['birmingham', 'sandwell', 'staffordshire', 'wolverhampton']));
        const [findings, none] = await store.patternFindings([academic, { themeIds: ['academic-outcomes'], areaIds: ['no-such-area'] }]);
        expect(none).toEqual([]);
        expect(findings).toEqual(patternFindingIds(['academic-outcomes'], academic.areaIds));
        // The articles' findings on progress and attainment (Staffordshire's article has two).
        expect(findings).toEqual(expect.arrayContaining([
          'birmingham-2018-weak-academic-progress', 'sandwell-2017-slower-academic-progress', 'staffordshire-2019-do-not-achieve-well',
          'staffordshire-2019-outcomes-below-national', 'wolverhampton-2021-support-too-slow',
        ]));
      });

      it('orders combinations by support, then size, then theme ids', async () => {
        const patterns = await store.sharedWeaknesses({ minAreas: 20, maxThemes: 3 });
        const expected = weaknessPatterns({ minAreas: 20, maxThemes: 3 });
        expect(expected.filter((p) => p.themeIds.length > 1).length).toBeGreaterThan(0);
        expect(patterns).toEqual(expected);
        const supports = patterns.map((p) => p.support);
        expect(supports).toEqual([...supports].sort((a, b) => b - a));
      });

      it('restricts to a region and caps the count', async () => {
        const london = await store.sharedWeaknesses({ minAreas: 8, maxThemes: 2, regionId: 'london' });
        const expected = weaknessPatterns({ minAreas: 8, maxThemes: 2, regionId: 'london' });
        expect(expected.length).toBeGreaterThan(0);
        expect(london).toEqual(expected);
        // The ten London areas with a report: none outside London.
        const inLondon = ['barking-and-dagenham', 'bexley', 'enfield', 'greenwich', 'haringey', 'hillingdon', 'hounslow', 'lewisham', 'newham', 'richmond-upon-thames'];
        for (const p of london) expect(inLondon).toEqual(expect.arrayContaining(p.areaIds));
        expect(await store.sharedWeaknesses({ minAreas: 4, maxThemes: 2, regionId: 'east-midlands' })).toEqual([]); // three areas with reports there
        const [commonest] = weaknessPatterns({ minAreas: 1, maxThemes: 1, regionId: 'east-midlands' });
        expect(commonest.areaIds.every((a) => ['derbyshire', 'north-northamptonshire', 'west-northamptonshire'].includes(a))).toBe(true);
        expect(await store.sharedWeaknesses({ minAreas: commonest.support, maxThemes: 1, regionId: 'east-midlands', first: 1 })).toEqual([commonest]);
        expect(await store.sharedWeaknesses({ minAreas: 2, maxThemes: 3, first: 2 })).toHaveLength(2);
      });
    });

    describe('similarAreas', () => {
      it('ranks the areas whose weaknesses are most like those Hertfordshire\'s report names, by Jaccard over themes', async () => {
        const similar = await store.similarAreas({ areaId: 'hertfordshire', first: 3, polarity: 'WEAKNESS' });
        const expected = jaccardRanking('hertfordshire', 'WEAKNESS').slice(0, 3);
        expect(expected).toHaveLength(3);
        expect(similar.map(({ areaId, sharedThemeIds }) => ({ areaId, sharedThemeIds }))).toEqual(expected.map(({ areaId, sharedThemeIds }) => ({ areaId, sharedThemeIds })));
        similar.forEach((s, i) => expect(s.score).toBeCloseTo(expected[i].score, 12));
        expect(similar[0].score).toBeGreaterThan(0);
        expect(similar[0].score).toBeLessThanOrEqual(1);
      });

      it('compares strengths when asked, and answers nothing for an area with no findings', async () => {
        const similar = await store.similarAreas({ areaId: 'wolverhampton', first: 10, polarity: 'STRENGTH' });
        const [best] = jaccardRanking('wolverhampton', 'STRENGTH');
        expect(similar[0]).toMatchObject({ areaId: best.areaId, sharedThemeIds: best.sharedThemeIds });
        // Wolverhampton's article's strengths, themed by hand, are what any match shares.
        expect(areaThemes('STRENGTH').get('wolverhampton')).toEqual(expect.arrayContaining(similar[0].sharedThemeIds));
        expect(await store.similarAreas({ areaId: 'cumberland', first: 10, polarity: 'WEAKNESS' })).toEqual([]);
        expect(await store.similarAreas({ areaId: 'no-such-area', first: 10, polarity: 'WEAKNESS' })).toEqual([]);
      });
    });

    describe('similarFindings', () => {
      // West Sussex, 2023: "Too many education, health and care needs assessments are not completed within the statutory timescales. ..."
      const EHC_TIMELINESS = 'west-sussex-2023-11-weakness-01';

      it("finds other areas' findings on EHC plan timeliness first, with the words they share", async () => {
        const similar = await store.similarFindings({ findingId: EHC_TIMELINESS, first: 5, polarity: 'WEAKNESS', excludeSameArea: true });
        // Hartlepool: "Too many education, health and support assessments are not completed within the statutory timescales."
        // Medway: "The quality, impact and timeliness of EHC plans is too variable."
        expect(similar.slice(0, 2).map((s) => s.findingId)).toEqual(['hartlepool-2023-03-weakness-01', 'medway-2024-02-weakness-07']);
        const themes = await store.traverse(similar.slice(0, 2).map((s) => s.findingId), TRAVERSALS.findingThemes);
        expect(themes.map((t) => t.map((n) => n.node.id))).toEqual(similar.slice(0, 2).map((s) => themesOfFinding(s.findingId)));
        expect(similar[0].sharedTerms).toEqual(expect.arrayContaining(['timeli', 'timescal', 'statutori', 'complet']));
        expect(similar[0].score).toBeCloseTo(0.370, 3);
        for (let i = 1; i < similar.length; i++) expect(similar[i - 1].score).toBeGreaterThanOrEqual(similar[i].score);
        expect(similar.every((s) => !s.findingId.startsWith('west-sussex-'))).toBe(true);
      });

      it('compares like with like: in the 2016 framework, the EHC plan findings of the four areas inspected then', async () => {
        const similar = await store.similarFindings({ findingId: 'sandwell-2017-ehc-plans-lack-health-and-care', first: 3, polarity: 'WEAKNESS', framework: 'FRAMEWORK_2016', excludeSameArea: true });
        expect(similar.slice(0, 2).map((s) => s.findingId)).toEqual(['birmingham-2018-ehc-plan-quality-variable', 'staffordshire-2019-ehc-plans-poor']);
        expect(similar[0].sharedTerms).toEqual(['vari', 'qualiti', 'ehc', 'plan']);
      });

      it('keeps the same area when asked, never the finding itself, and filters by polarity and framework', async () => {
        const all = await store.similarFindings({ findingId: EHC_TIMELINESS, first: 100, excludeSameArea: false });
        expect(all.some((s) => s.findingId.startsWith('west-sussex-'))).toBe(true);
        expect(all.map((s) => s.findingId)).not.toContain(EHC_TIMELINESS);
        const strengths = await store.similarFindings({ findingId: EHC_TIMELINESS, first: 100, polarity: 'STRENGTH', excludeSameArea: true });
        const rows = await store.nodes(strengths.map((s) => s.findingId));
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => (r as { polarity: string }).polarity === 'STRENGTH')).toBe(true);
        const old = await store.similarFindings({ findingId: EHC_TIMELINESS, first: 100, framework: 'FRAMEWORK_2016', excludeSameArea: true });
        expect(old.length).toBeGreaterThan(0);
        expect(old.every((s) => /^(birmingham|sandwell|staffordshire|wolverhampton)-20(17|18|19|21)-/.test(s.findingId))).toBe(true);
        expect(await store.similarFindings({ findingId: 'no-such-finding', first: 5, excludeSameArea: true })).toEqual([]);
        expect(await store.similarFindings({ findingId: EHC_TIMELINESS, first: 0, excludeSameArea: true })).toEqual([]);
      });
    });

    describe('similarAreas with evidence', () => {
      it('THEMES: each shared theme with a finding of each area', async () => {
        const [birmingham] = await store.similarAreas({ areaId: 'sandwell', first: 1, polarity: 'WEAKNESS', method: 'THEMES', framework: 'FRAMEWORK_2016' });
        expect(birmingham.areaId).toBe('birmingham');
        expect(birmingham.evidence.map((e) => e.themeId)).toEqual(birmingham.sharedThemeIds);
        expect(birmingham.evidence[0]).toEqual({
          themeId: 'academic-outcomes', findingId: 'sandwell-2017-slower-academic-progress', matchId: 'birmingham-2018-weak-academic-progress', score: null, sharedTerms: [],
        });
        const [any] = await store.similarAreas({ areaId: 'hertfordshire', first: 1, polarity: 'WEAKNESS' });
        expect(any.evidence).toHaveLength(any.sharedThemeIds.length);
        expect(any.evidence.every((e) => e.findingId.startsWith('hertfordshire-') && e.matchId.startsWith(`${any.areaId}-`))).toBe(true);
      });

      it("FINDINGS: areas ranked by how closely their findings match Hertfordshire's, pair by pair", async () => {
        const similar = await store.similarAreas({ areaId: 'hertfordshire', first: 3, polarity: 'WEAKNESS', method: 'FINDINGS' });
        expect(similar.map((s) => s.areaId)).toEqual(['suffolk', 'milton-keynes', 'plymouth']);
        expect(similar[0].score).toBeCloseTo(0.1584, 4);
        // Complaints upheld by the ombudsman, in both.
        expect(similar[0].evidence[0]).toMatchObject({ themeId: null, findingId: 'hertfordshire-2023-07-weakness-06', matchId: 'suffolk-2023-11-weakness-07' });
        expect(similar[0].evidence[0].sharedTerms.slice(0, 4)).toEqual(['complaint', 'upheld', 'legal', 'ombudsman']);
        for (const s of similar) {
          expect(s.evidence).toHaveLength(16);
          expect(s.evidence.every((e) => e.findingId.startsWith('hertfordshire-') && e.matchId.startsWith(`${s.areaId}-`))).toBe(true);
          const scores = s.evidence.map((e) => e.score!);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
          // The area's score is the mean of its pairs' scores over Hertfordshire's 16 weaknesses.
          expect(s.score).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 16, 9);
        }
        expect(await store.similarAreas({ areaId: 'hertfordshire', first: 5, polarity: 'WEAKNESS', method: 'FINDINGS', framework: 'FRAMEWORK_2016' })).toEqual([]);
        const old = await store.similarAreas({ areaId: 'sandwell', first: 5, polarity: 'WEAKNESS', method: 'FINDINGS', framework: 'FRAMEWORK_2016' });
        expect(old.map((s) => [s.areaId, s.evidence.length])).toEqual([['birmingham', 8], ['wolverhampton', 8], ['staffordshire', 8]]);
      });
    });

    describe('themeCooccurrence', () => {
      it('counts the areas behind each pair of weakness themes, with the lift over chance', async () => {
        const pairs = await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 2, first: 100, framework: 'FRAMEWORK_2016' });
        expect(pairs).toHaveLength(19);
        expect(pairs[0]).toEqual({
          themeIds: ['academic-outcomes', 'ehc-plan-quality'], count: 4, areaIds: ['birmingham', 'sandwell', 'staffordshire', 'wolverhampton'],
          themeAreaCounts: [4, 4], areasWithFindings: 4, lift: 1,
        });
        // Exclusions go with preparation for adulthood in both areas that have them: 2 areas where 2 * 3 / 4 = 1.5 were expected.
        const firstOfTwo = pairs.find((p) => p.count === 2)!;
        expect(firstOfTwo).toMatchObject({ themeIds: ['attendance-and-exclusions', 'preparation-for-adulthood'], themeAreaCounts: [2, 3], areaIds: ['birmingham', 'sandwell'] });
        expect(firstOfTwo.lift).toBeCloseTo(4 / 3, 12);
        const [commonest] = themePairs('WEAKNESS', 1);
        const minAreas = Math.min(commonest.count, 20);
        const national = await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas, first: 100 });
        const expected = themePairs('WEAKNESS', minAreas).slice(0, 100);
        expect(national.map(({ lift, ...p }) => p)).toEqual(expected.map(({ lift, ...p }) => p));
        national.forEach((p, i) => expect(p.lift).toBeCloseTo(expected[i].lift, 12));
        // Every weakness finding has a theme: the areas counted are those with weakness findings, the 45 reports' and three more articles'.
        expect(national[0].areasWithFindings).toBe(48);
        for (const p of national) {
          expect(p.areaIds).toHaveLength(p.count);
          expect(p.lift).toBeCloseTo((p.count * p.areasWithFindings) / (p.themeAreaCounts[0] * p.themeAreaCounts[1]), 12);
        }
        expect(await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 4, first: 3 })).toHaveLength(3);
      });
    });

    describe('agencyNetwork', () => {
      it('links the Sandwell CCG to its successor, its area partners and, two steps out, Wolverhampton', async () => {
        const net = (await store.agencyNetwork('sandwell-and-west-birmingham-ccg', 2))!;
        const depth = Object.fromEntries(net.members.map((m) => [m.agencyId, m.depth]));
        expect(depth).toMatchObject({
          'sandwell-and-west-birmingham-ccg': 0,
          'black-country-and-west-birmingham-ccg': 1,
          'sandwell-council': 1,
          'sandwell-childrens-trust': 1,
          // The ICB the 2023 report names for Sandwell, beside the CCG's successor.
          'black-country-icb': 1,
          'wolverhampton-council': 2,
          'dudley-council': 2,
        });
        expect(net.links).toContainEqual({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'black-country-and-west-birmingham-ccg', kind: 'SUCCESSION', viaId: 'black-country-and-west-birmingham-ccg' });
        expect(net.links).toContainEqual({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'sandwell-council', kind: 'SHARED_ACTION', viaId: 'sandwell-2017-01-wsoa' });
        expect(net.links).toContainEqual({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'sandwell-council', kind: 'SHARED_FINDING', viaId: 'sandwell-2017-ehc-plans-lack-health-and-care' });
      });

      it('stops at maxDepth and answers null for an unknown or non-agency id', async () => {
        const net = (await store.agencyNetwork('sandwell-and-west-birmingham-ccg', 1))!;
        expect(Math.max(...net.members.map((m) => m.depth))).toBe(1);
        expect(await store.agencyNetwork('no-such-agency', 2)).toBeNull();
        expect(await store.agencyNetwork('sandwell', 2)).toBeNull();
      });
    });

    describe('path', () => {
      it('joins Sandwell and Wolverhampton through a body serving both, with its dates and shares', async () => {
        const path = (await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 6, relationshipTypes: ['SERVES', 'SUCCEEDED_BY'] }))!;
        // Several bodies serve both (the Black Country CCG and ICB, trusts): the first by id.
        expect(path.nodeIds).toEqual(['sandwell', 'birmingham-womens-and-childrens-nhs-foundation-trust', 'wolverhampton']);
        expect(path.relationships).toEqual([
          { type: 'SERVES', from: 'birmingham-womens-and-childrens-nhs-foundation-trust', to: 'sandwell', since: '2016-04-01', until: null, share: 0.0607, sourceIds: ['ohid-acute-trust-catchments-2022'] },
          { type: 'SERVES', from: 'birmingham-womens-and-childrens-nhs-foundation-trust', to: 'wolverhampton', since: '2016-04-01', until: null, share: 0.0174, sourceIds: ['ohid-acute-trust-catchments-2022'] },
        ]);
      });

      it('follows the CCG criticised in Sandwell through its merger to its ICB, each step with every source stating it', async () => {
        const path = (await store.path({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'black-country-icb', maxHops: 6, relationshipTypes: ['SUCCEEDED_BY'] }))!;
        expect(path.nodeIds).toEqual(['sandwell-and-west-birmingham-ccg', 'black-country-and-west-birmingham-ccg', 'black-country-icb']);
        expect(path.relationships.map((r) => [r.on, r.sourceIds])).toEqual([
          ['2021-04-01', ['nhs-england-ccg-mergers-2021', 'nhs-ods-organisations']],
          ['2022-07-01', ['health-and-care-act-2022', 'ons-nhs-geography-lookups']],
        ]);
      });

      it('joins a report\'s CCG to its ICB, stated by the report', async () => {
        const path = (await store.path({ fromId: 'herts-valleys-ccg', toId: 'hertfordshire-and-west-essex-icb', maxHops: 3, relationshipTypes: ['SUCCEEDED_BY'] }))!;
        expect(path.relationships).toEqual([
          { type: 'SUCCEEDED_BY', from: 'herts-valleys-ccg', to: 'hertfordshire-and-west-essex-icb', on: '2022-07-01', onCertainty: 'STATED', sourceIds: ['ofsted-area-send-report-hertfordshire-2023-07', 'ons-nhs-geography-lookups'] },
        ]);
      });

      it('takes the shortest path, ties broken by node ids, skipping REPORTED_IN by default', async () => {
        const path = (await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 6 }))!;
        expect(path.nodeIds).toEqual(['sandwell', 'birmingham-womens-and-childrens-nhs-foundation-trust', 'wolverhampton']);
        const viaSources = (await store.path({ fromId: 'chris-ward', toId: 'edward-timpson', maxHops: 6, relationshipTypes: ['REPORTED_IN'] }))!;
        expect(viaSources.nodeIds).toEqual(['chris-ward', 'cypn-sandwell-2017', 'edward-timpson']);
      });

      it('answers null beyond maxHops or for unknown ids, and a single node for itself', async () => {
        expect(await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 1, relationshipTypes: ['SERVES', 'SUCCEEDED_BY'] })).toBeNull();
        expect(await store.path({ fromId: 'sandwell', toId: 'no-such-id', maxHops: 6 })).toBeNull();
        expect(await store.path({ fromId: 'sandwell', toId: 'sandwell', maxHops: 6 })).toEqual({ nodeIds: ['sandwell'], relationships: [] });
      });
    });

    describe('search', () => {
      // The embedded store ranks by each word's best field, Lucene (Neo4j) sums the fields and
      // stores lengths in one byte: the two legitimately order hits differently. So these tests
      // compare which hits a query finds (every page of it, or a top hit no other text rivals)
      // and the order rule; the embedded ranking is checked against BM25 in search-index.test.ts.
      const search = (args: Omit<SearchArgs, 'first'> & { first?: number }) => store.search({ first: 100, ...args });
      /** Every hit, page by page, and the total each page gave. */
      async function allHits(args: Omit<SearchArgs, 'first' | 'offset'>): Promise<string[]> {
        const out: string[] = [];
        for (let offset = 0; ; offset += 100) {
          const page = await store.search({ ...args, first: 100, offset });
          out.push(...page.hits.map((h) => h.id));
          if (out.length >= page.totalCount || !page.hits.length) {
            expect(out).toHaveLength(page.totalCount);
            return out.sort();
          }
        }
      }

      it('finds a finding by the inspectors\' words, with a snippet and its matched words marked', async () => {
        const { hits: [hit] } = await search({ text: 'postcode lottery', first: 5 });
        expect(hit.id).toBe('first-30-areas-2017-poor-engagement-with-parents');
        expect(hit.snippet).toContain('postcode lottery');
        expect(hit.marks.map(([a, b]) => hit.snippet!.slice(a, b).toLowerCase())).toEqual(['postcode', 'lottery']);
        expect(hit.score).toBeGreaterThan(0);
      });

      it('finds agencies by the names the documents use', async () => {
        // The three bodies named for West Birmingham, in whichever order each store ranks them.
        const { hits } = await search({ text: 'West Birmingham', first: 5 });
        expect(hits.map((h) => h.id).slice(0, 3).sort()).toEqual(['black-country-and-west-birmingham-ccg', 'sandwell-and-west-birmingham-ccg', 'sandwell-and-west-birmingham-hospitals-nhs-trust']);
        expect((await search({ text: 'Timpson', first: 3 })).hits[0].id).toBe('edward-timpson');
      });

      it('orders by score then id, limits to first, pages from an offset, and counts every hit', async () => {
        const all = await search({ text: 'EHC plans' });
        expect(all.totalCount).toBeGreaterThan(100);
        for (let i = 1; i < all.hits.length; i++) {
          const [a, b] = [all.hits[i - 1], all.hits[i]];
          expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
        }
        const page = await search({ text: 'EHC plans', first: 7, offset: 20 });
        expect(page.totalCount).toBe(all.totalCount);
        expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(20, 27).map((h) => h.id));
        expect(await search({ text: 'EHC plans', first: 0 })).toEqual({ hits: [], totalCount: all.totalCount });
        expect((await allHits({ text: 'EHC plans' })).length).toBe(all.totalCount);
      });

      it('stems English words, and joins only the listed words: "schools" finds "school", "autism" "autistic", "special" never "specialist"', async () => {
        const special = await allHits({ text: 'special schools' });
        expect(special).toContain('sandwell-2017-special-schools-good');
        expect(special.every((id) => hasStem(seedNode(id), 'special') && hasStem(seedNode(id), 'school'))).toBe(true);
        // "special" alone: every hit says special (or a word stemmed so), none only specialist or specialised.
        const alone = await allHits({ text: 'special' });
        expect(alone.length).toBeGreaterThan(40);
        expect(alone.filter((id) => !hasStem(seedNode(id), 'special'))).toEqual([]);
        const autistic = await allHits({ text: 'autistic' });
        expect(autistic).toContain('staffordshire-2019-effective-operational-work');
        expect(await allHits({ text: 'autism' })).toEqual(autistic);
        // "waited" is in no text: its stem finds "wait too long" and "waiting too long".
        expect(await allHits({ text: 'waited', labels: ['Finding'] })).toContain('wolverhampton-2021-older-children-needs-identified-late');
        // Hertfordshire: "There are long wait times for children and young people to access speech ..."
        const waiting = await allHits({ text: 'waiting times', labels: ['Finding'] });
        expect(waiting).toContain('hertfordshire-2023-07-weakness-11');
        expect(waiting).toEqual(await allHits({ text: 'wait time', labels: ['Finding'] }));
        // Stop words are not searched for: the same hits with and without them.
        expect(await allHits({ text: 'the special schools in the area' })).toEqual(await allHits({ text: 'special schools area' }));
      });

      it('reads phrases, prefixes, exclusions and OR', async () => {
        const words = await allHits({ text: 'special schools' });
        const phrase = await allHits({ text: '"special schools"' });
        expect(phrase).toContain('sandwell-2023-07-strength-03');
        expect(phrase.length).toBeLessThan(words.length);
        expect(phrase.every((id) => textsOf(seedNode(id)).some((t) => /\bspecial schools?\b/i.test(t)))).toBe(true);
        // A stop word keeps its place in a phrase, as any one word (Lucene's rule): "quality of plans"
        // finds "quality of plans" and "quality EHC plans", not "quality plans".
        const ofPlans = await allHits({ text: '"quality of plans"' });
        expect(ofPlans).toEqual(expect.arrayContaining(['west-sussex-2023-11-weakness-01', 'north-northamptonshire-2024-01-priority-action-04']));
        expect(ofPlans.every((id) => textsOf(seedNode(id)).some((t) => /\bquality[^\p{L}\p{N}]+[\p{L}\p{N}]+[^\p{L}\p{N}]+plans?\b/iu.test(t)))).toBe(true);

        const prefix = await allHits({ text: 'specialis*' });
        expect(prefix).toEqual(expect.arrayContaining(await allHits({ text: 'specialist' })));
        expect(prefix).not.toEqual(expect.arrayContaining(await allHits({ text: 'special' })));

        const without = await allHits({ text: 'special -schools' });
        const special = await allHits({ text: 'special' });
        expect(without).toEqual(special.filter((id) => !hasStem(seedNode(id), 'school')));
        expect(without.length).toBeGreaterThan(0);
        const either = await allHits({ text: 'autism OR adhd' });
        expect(either).toEqual([...new Set([...(await allHits({ text: 'autism' })), ...(await allHits({ text: 'adhd' }))])].sort());
        const group = await allHits({ text: 'waiting autism OR adhd' });
        expect(group).toEqual(either.filter((id) => hasStem(seedNode(id), 'wait')));
      });

      it('refuses a query it cannot read, saying where', async () => {
        await expect(search({ text: 'special "schools' })).rejects.toThrow(/quote is not closed \(at character 9\)/);
        await expect(search({ text: 'autism OR' })).rejects.toThrow(/OR must be followed .* \(at character 8\)/);
        await expect(search({ text: '-special' })).rejects.toThrow(SearchSyntaxError);
        await expect(search({ text: 'sp*' })).rejects.toThrow(/at least 3 letters/);
      });

      it('narrows by each filter, as the seeds\' relationships say', async () => {
        const text = 'EHC plans';
        const everything = await allHits({ text });
        const filters: SearchFilter[] = [
          { labels: ['Finding', 'Action'] },
          { polarity: 'WEAKNESS' },
          { framework: 'FRAMEWORK_2023' },
          { areaId: 'sandwell' },
          { regionId: 'north-west' },
          { themeId: 'ehc-plan-quality' },
          { agencyId: 'sandwell-council' },
          { from: '2020' },
          { to: '2019-06' },
          { polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023', regionId: 'north-west', from: '2023-06', to: '2024' },
        ];
        for (const filter of filters) {
          const got = await allHits({ text, ...filter });
          const want = everything.filter(filterKeeps(filter));
          expect({ filter, got }).toEqual({ filter, got: want });
          expect({ filter, narrower: got.length > 0 && got.length < everything.length }).toEqual({ filter, narrower: true });
        }
        expect(await allHits({ text, areaId: 'no-such-area' })).toEqual([]);
      });

      it('treats other punctuation as space and finds nothing for nonsense', async () => {
        for (const text of ['1=1 -x', 'title:school', '~', '(unbalanced', 'x + y^2', '})-[r]-() DELETE r //']) {
          await expect(search({ text, first: 5 })).resolves.toEqual(expect.objectContaining({ hits: expect.any(Array) }));
        }
        expect(await search({ text: 'zzzqqqxxx', first: 5 })).toEqual({ hits: [], totalCount: 0 });
        expect(await store.nodes(["' OR 1=1"])).toEqual([null]);
      });
    });

    describe('load', () => {
      it('is idempotent: loading the same bundle again leaves the same counts', async () => {
        const before = await store.stats();
        await store.load(seedBundle());
        expect(await store.stats()).toEqual(before);
      });
    });
  });
}
