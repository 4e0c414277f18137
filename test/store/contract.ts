import type { AgencyRow, ReviewRow } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/port';
import { TRAVERSALS } from '../../src/store/traversals';
import { seedBundle } from '../helpers';

/**
 * The contract every GraphStore adapter must pass, with the same expected answers, on the
 * project's seeds. `open` returns a store already loaded with seedBundle().
 */
export function describeStoreContract(name: string, open: () => Promise<GraphStore>, close?: (s: GraphStore) => Promise<void>) {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    });
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

      it('traverses several hops for many ids in one call, distinct and ordered by id', async () => {
        const [sandwell, none, birmingham] = await store.traverse(['sandwell', 'no-such-id', 'birmingham'], TRAVERSALS.areaWeaknessThemes);
        expect(sandwell.map((n) => n.node.id)).toEqual([
          'academic-outcomes', 'attendance-and-exclusions', 'ehc-plan-quality', 'emotional-health-and-wellbeing',
          'leadership-and-accountability', 'partnership-working', 'preparation-for-adulthood', 'social-care',
        ]);
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
        const findings = sandwell.flatMap((i) => i.children[0]);
        expect(findings).toHaveLength(11);
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
        expect(weaknesses).toHaveLength(8);
        expect(weaknesses.find((f) => f.node.id === 'sandwell-2017-ehc-plans-lack-health-and-care')?.children[0].map((t) => t.node.id)).toEqual(['ehc-plan-quality']);
      });

      it('filters a hop by polarity', async () => {
        const [strengths] = await store.traverse(['sandwell'], TRAVERSALS.areaStrengths);
        expect(strengths.map((n) => n.node.id)).toEqual([
          'sandwell-2017-families-listened-to', 'sandwell-2017-inclusion-service-effective', 'sandwell-2017-special-schools-good',
        ]);
      });

      it('returns relationship properties with the last hop', async () => {
        const [succ] = await store.traverse(['sandwell-and-west-birmingham-ccg'], TRAVERSALS.agencySuccessors);
        expect(succ).toEqual([
          {
            node: expect.objectContaining({ id: 'black-country-and-west-birmingham-ccg' }),
            rel: expect.objectContaining({ type: 'SUCCEEDED_BY', on: '2021-04-01', onCertainty: 'STATED', sourceIds: ['nhs-england-ccg-mergers-2021'] }),
          },
        ]);
        const [people] = await store.traverse(['birmingham-and-solihull-ccg'], TRAVERSALS.agencyPeople);
        expect(people.map((p) => [p.node.id, p.rel.role])).toEqual([['richard-mendelsohn', 'Chief medical officer']]);
      });

      it('lists the areas with an ehc-plan-quality weakness: all four inspected areas', async () => {
        const page = await store.list('Area', { themeId: 'ehc-plan-quality', polarity: 'WEAKNESS' }, { first: 10 });
        expect(ids(page.rows)).toEqual(['birmingham', 'sandwell', 'staffordshire', 'wolverhampton']);
        expect(page.totalCount).toBe(4);
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
        expect(all).toMatchObject({ rows: [], totalCount: 153, hasNextPage: true });
      });

      it('filters agencies by kind', async () => {
        const page = await store.list('Agency', { kind: 'ICB' }, { first: 50 });
        expect(ids(page.rows)).toEqual(['birmingham-and-solihull-icb', 'black-country-icb', 'staffordshire-and-stoke-on-trent-icb']);
      });

      it('counts findings and areas per theme', async () => {
        expect(await store.themeStats(['ehc-plan-quality', 'short-breaks', 'no-such-theme'])).toEqual([
          { themeId: 'ehc-plan-quality', findingCount: 8, areaCount: 4 },
          { themeId: 'short-breaks', findingCount: 1, areaCount: 1 },
          { themeId: 'no-such-theme', findingCount: 0, areaCount: 0 },
        ]);
      });

      it('counts nodes per label', async () => {
        const stats = await store.stats();
        const bundle = seedBundle();
        expect(stats.nodes).toMatchObject({ Area: 153, Region: 9, Theme: 17, Review: 1 });
        expect(Object.values(stats.nodes).reduce((a, b) => a + b, 0)).toBe(bundle.nodes.length);
        expect(stats.relationships).toBe(bundle.relationships.count);
      });
    });

    describe('sharedWeaknesses', () => {
      it('finds the themes all four inspected areas fail on', async () => {
        const patterns = await store.sharedWeaknesses({ minAreas: 4, maxThemes: 1 });
        expect(patterns.map((p) => p.themeIds[0])).toEqual(['academic-outcomes', 'ehc-plan-quality', 'leadership-and-accountability', 'partnership-working']);
        for (const p of patterns) expect(p).toMatchObject({ support: 4, areaIds: ['birmingham', 'sandwell', 'staffordshire', 'wolverhampton'] });
      });

      it('gives the weakness findings behind a pattern as evidence', async () => {
        const [ehc] = (await store.sharedWeaknesses({ minAreas: 4, maxThemes: 1 })).filter((p) => p.themeIds[0] === 'ehc-plan-quality');
        const [findings, none] = await store.patternFindings([ehc, { themeIds: ['short-breaks'], areaIds: ['sandwell'] }]);
        expect(none).toEqual([]);
        expect(findings).toEqual([
          'birmingham-2018-ehc-plan-quality-variable', 'birmingham-2018-ehc-plans-education-only',
          'sandwell-2017-ehc-plans-lack-health-and-care', 'staffordshire-2019-ehc-plans-poor',
          'wolverhampton-2021-ehc-plans-very-poor', 'wolverhampton-2021-plans-inaccurate',
        ]);
      });

      it('orders combinations by support, then size, then theme ids', async () => {
        const patterns = await store.sharedWeaknesses({ minAreas: 3, maxThemes: 3 });
        expect(patterns[0]).toMatchObject({ support: 4, themeIds: ['academic-outcomes', 'ehc-plan-quality', 'leadership-and-accountability'] });
        const supports = patterns.map((p) => p.support);
        expect(supports).toEqual([...supports].sort((a, b) => b - a));
        expect(patterns.find((p) => p.themeIds.join() === 'preparation-for-adulthood')).toMatchObject({ support: 3, areaIds: ['birmingham', 'sandwell', 'staffordshire'] });
        expect(patterns).toHaveLength(25);
      });

      it('restricts to a region and caps the count', async () => {
        expect(await store.sharedWeaknesses({ minAreas: 2, maxThemes: 2, regionId: 'london' })).toEqual([]);
        expect(await store.sharedWeaknesses({ minAreas: 2, maxThemes: 3, first: 2 })).toHaveLength(2);
      });
    });

    describe('similarAreas', () => {
      it('ranks the areas that failed like Sandwell by Jaccard over weakness themes', async () => {
        const similar = await store.similarAreas({ areaId: 'sandwell', first: 10, polarity: 'WEAKNESS' });
        expect(similar.map((s) => s.areaId)).toEqual(['birmingham', 'staffordshire', 'wolverhampton']);
        expect(similar[0].score).toBeCloseTo(6 / 9, 12);
        expect(similar[0].sharedThemeIds).toEqual([
          'academic-outcomes', 'attendance-and-exclusions', 'ehc-plan-quality', 'leadership-and-accountability',
          'partnership-working', 'preparation-for-adulthood',
        ]);
      });

      it('compares strengths when asked, and answers nothing for an area with no findings', async () => {
        const similar = await store.similarAreas({ areaId: 'wolverhampton', first: 10, polarity: 'STRENGTH' });
        expect(similar[0]).toMatchObject({ areaId: 'sandwell', sharedThemeIds: ['inclusion-and-placement', 'specialist-provision'] });
        expect(await store.similarAreas({ areaId: 'cornwall', first: 10, polarity: 'WEAKNESS' })).toEqual([]);
        expect(await store.similarAreas({ areaId: 'no-such-area', first: 10, polarity: 'WEAKNESS' })).toEqual([]);
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
          'black-country-icb': 2,
          'wolverhampton-council': 2,
        });
        expect(net.links).toContainEqual({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'black-country-and-west-birmingham-ccg', kind: 'SUCCESSION', viaId: 'black-country-and-west-birmingham-ccg' });
        expect(net.links).toContainEqual({ fromId: 'sandwell-and-west-birmingham-ccg', toId: 'sandwell-council', kind: 'SHARED_ACTION', viaId: 'sandwell-2017-wsoa' });
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
      it('joins Sandwell and Wolverhampton through the CCG line of succession', async () => {
        const path = (await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 6, relationshipTypes: ['SERVES', 'SUCCEEDED_BY'] }))!;
        expect(path.nodeIds).toEqual(['sandwell', 'sandwell-and-west-birmingham-ccg', 'black-country-and-west-birmingham-ccg', 'wolverhampton']);
        expect(path.relationships.map((r) => [r.type, r.from, r.to])).toEqual([
          ['SERVES', 'sandwell-and-west-birmingham-ccg', 'sandwell'],
          ['SUCCEEDED_BY', 'sandwell-and-west-birmingham-ccg', 'black-country-and-west-birmingham-ccg'],
          ['SERVES', 'black-country-and-west-birmingham-ccg', 'wolverhampton'],
        ]);
        expect(path.relationships[1].sourceIds).toEqual(['nhs-england-ccg-mergers-2021']);
      });

      it('takes the shortest path, ties broken by node ids, skipping REPORTED_IN by default', async () => {
        const path = (await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 6 }))!;
        expect(path.nodeIds).toEqual(['sandwell', 'west-midlands', 'wolverhampton']);
        const viaSources = (await store.path({ fromId: 'chris-ward', toId: 'edward-timpson', maxHops: 6, relationshipTypes: ['REPORTED_IN'] }))!;
        expect(viaSources.nodeIds).toEqual(['chris-ward', 'cypn-sandwell-2017', 'edward-timpson']);
      });

      it('answers null beyond maxHops or for unknown ids, and a single node for itself', async () => {
        expect(await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 2, relationshipTypes: ['SERVES', 'SUCCEEDED_BY'] })).toBeNull();
        expect(await store.path({ fromId: 'sandwell', toId: 'no-such-id', maxHops: 6 })).toBeNull();
        expect(await store.path({ fromId: 'sandwell', toId: 'sandwell', maxHops: 6 })).toEqual({ nodeIds: ['sandwell'], relationships: [] });
      });
    });

    describe('search', () => {
      it('finds a finding by the inspectors\' words, with a snippet', async () => {
        const [hit] = await store.search({ text: 'postcode lottery', first: 5 });
        expect(hit.id).toBe('first-30-areas-2017-poor-engagement-with-parents');
        expect(hit.snippet).toContain('postcode lottery');
        expect(hit.score).toBeGreaterThan(0);
      });

      it('finds agencies by the names the documents use', async () => {
        const hits = await store.search({ text: 'West Birmingham', first: 5 });
        expect(hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['black-country-and-west-birmingham-ccg', 'sandwell-and-west-birmingham-ccg']);
        expect((await store.search({ text: 'Timpson', first: 3 }))[0].id).toBe('edward-timpson');
      });

      it('orders by score then id, limits to first, and filters by label', async () => {
        const hits = await store.search({ text: 'EHC plans', first: 3 });
        expect(hits).toHaveLength(3);
        for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score >= hits[i].score).toBe(true);
        const people = await store.search({ text: 'council', first: 20, labels: ['Person'] });
        expect(people.length).toBeGreaterThan(0);
        const rows = await store.nodes(people.map((h) => h.id));
        expect(rows.every((r) => r?.label === 'Person')).toBe(true);
      });

      it('treats query syntax as plain words and finds nothing for nonsense', async () => {
        for (const text of ['" OR 1=1 --', '*', '~', 'AND', '(unbalanced', '"})-[r]-() DELETE r //']) {
          await expect(store.search({ text, first: 5 })).resolves.toEqual(expect.any(Array));
        }
        expect(await store.search({ text: 'zzzqqqxxx', first: 5 })).toEqual([]);
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
