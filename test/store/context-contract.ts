import { inspectionDate } from '../../src/domain/inspection-order';
import { relationshipRows, type InspectionRow } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/port';
import { seedBundle } from '../helpers';
import { summariseByOutcome } from '../../src/store/context-summaries';
import type { InspectionWindowRow } from '../../src/store/context-port';

/**
 * The contract for DfE's indicators and statistical neighbours (domain/context.ts), with the same
 * expected answers for every adapter. `open` returns a store loaded with seedBundle().
 */
export function describeContextContract(name: string, open: () => Promise<GraphStore>, close?: (s: GraphStore) => Promise<void>) {
  describe(`context contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await (close ? close(store) : store.close());
    });

    it('lists every indicator with its unit, definition and sources, by name', async () => {
      const indicators = await store.indicators();
      expect(indicators.map((i) => i.id)).toEqual([...indicators.map((i) => i.id)].sort());
      expect(indicators).toContainEqual(expect.objectContaining({
        id: 'ehc-20-week-rate', unit: 'PERCENT', sourceIds: ['dfe-ehc-plans-sen2-2014-2022', 'dfe-ehc-plans-timeliness-2019-2024'],
        definition: expect.stringContaining('excluding exceptions'.replace('excluding', 'leaving out')),
      }));
      expect(indicators.find((i) => i.id === 'ehc-new-plans')).toMatchObject({ unit: 'COUNT', numerator: null, firstYear: 2014, lastYear: 2022, sourceIds: ['dfe-ehc-plans-sen2-2014-2022'] });
      expect(indicators.find((i) => i.id === 'tribunal-appeals')).toMatchObject({ firstYear: 2022, lastYear: 2022 });
    });

    it("answers Sandwell's 20-week rate by year, one value with both sources where the two files agree", async () => {
      const [sandwell, none] = await store.indicatorSeries(['sandwell', 'no-such-area'], 'ehc-20-week-rate', 2018, 2023);
      expect(none).toEqual([]);
      expect(sandwell.map((o) => o.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
      expect(sandwell[0]).toEqual({ indicatorId: 'ehc-20-week-rate', subjectId: 'sandwell', year: 2018, value: 99.5, numerator: 214, denominator: 215, sourceIds: ['dfe-ehc-plans-sen2-2014-2022'] });
      expect(sandwell[1]).toMatchObject({ year: 2019, value: 76.4, numerator: 188, denominator: 246, sourceIds: ['dfe-ehc-plans-sen2-2014-2022', 'dfe-ehc-plans-timeliness-2019-2024'] });
      expect(sandwell[5]).toMatchObject({ year: 2023, value: 35.2, sourceIds: ['dfe-ehc-plans-timeliness-2019-2024'] });
    });

    it("keeps England's and a region's rows, the more precise of two agreeing values, and a suppressed cell as unknown", async () => {
      const [england, westMidlands, scilly] = await store.indicatorSeries(['england', 'west-midlands', 'isles-of-scilly'], 'ehc-20-week-rate', 2022, 2022);
      // SEN2 prints 49.166, the timeliness file 49.2: the same measure, kept once.
      expect(england).toEqual([expect.objectContaining({ value: 49.166, numerator: 30536, denominator: 62108, sourceIds: ['dfe-ehc-plans-sen2-2014-2022', 'dfe-ehc-plans-timeliness-2019-2024'] })]);
      expect(westMidlands).toEqual([expect.objectContaining({ year: 2022, value: expect.any(Number) })]);
      expect(scilly).toHaveLength(1);
      expect(scilly[0].value).toBeNull();
    });

    it('gives each area its neighbours of an edition by rank, and none where the area did not exist', async () => {
      expect(await store.neighbourEditions()).toEqual(['2021', '2025']);
      const [sandwell, cumberland, cumbria] = await store.statisticalNeighbours(['sandwell', 'cumberland', 'cumbria'], '2025', 3);
      expect(sandwell.map((n) => [n.neighbourId, n.rank, n.closeness])).toEqual([['wolverhampton', 1, 'VERY_CLOSE'], ['kingston-upon-hull', 2, 'VERY_CLOSE'], ['stoke-on-trent', 3, 'CLOSE']]);
      expect(sandwell[0]).toMatchObject({ areaId: 'sandwell', edition: '2025', sourceIds: ['dfe-statistical-neighbours-2025'] });
      expect(cumberland).toHaveLength(3);
      expect(cumbria).toEqual([]);
      const [cumberland2021, cumbria2021] = await store.statisticalNeighbours(['cumberland', 'cumbria'], '2021', 10);
      expect(cumberland2021).toEqual([]);
      expect(cumbria2021).toHaveLength(10);
    });

    it("summarises by outcome each inspection's area's values in the years before it, as the seeds give them", async () => {
      const groups = await store.indicatorByOutcome({ indicatorId: 'ehc-20-week-rate', framework: 'FRAMEWORK_2016', yearsBefore: 2 });
      // Worked out here from the bundle itself.
      const bundle = seedBundle();
      const areaOf = new Map(relationshipRows(bundle).filter((r) => r.type === 'OF').map((r) => [r.from, r.to]));
      const expected = bundle.nodes
        .filter((n): n is InspectionRow => n.label === 'Inspection' && n.framework === 'FRAMEWORK_2016' && n.outcome !== null && inspectionDate(n) !== '')
        .map((i) => {
          const year = Number(inspectionDate(i).slice(0, 4));
          const areaId = areaOf.get(i.id)!;
          const values = bundle.context!.observations
            .filter((o) => o.indicatorId === 'ehc-20-week-rate' && o.subjectId === areaId && o.value !== null && o.year >= year - 2 && o.year < year)
            .map((o) => [o.year, o.value]);
          return { inspectionId: i.id, areaId, outcome: i.outcome, year, values };
        })
        .sort((a, b) => (a.inspectionId < b.inspectionId ? -1 : 1));
      expect(groups).toEqual(summariseByOutcome(expected as InspectionWindowRow[]));
      expect(groups.map((g) => g.outcome)).toEqual(['WSOA_REQUIRED', 'NO_WSOA', 'SUFFICIENT_PROGRESS', 'PARTIAL_PROGRESS', 'INSUFFICIENT_PROGRESS']);
      // Sandwell, January 2017: the mean of 2015 (34.9) and 2016 (43.2).
      expect(groups[0].values).toContainEqual({ inspectionId: 'sandwell-2017-01', areaId: 'sandwell', value: 39.05 });
      expect(groups[0].n + groups[0].missing).toBe(83);
    });

    it("compares Sandwell with its neighbours: each one's inspections and the weakness themes both areas have, with a finding of each", async () => {
      const rows = await store.neighbourComparison('sandwell', '2025');
      expect(rows.map((r) => r.neighbour.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const wolverhampton = rows[0];
      expect(wolverhampton.neighbour).toMatchObject({ areaId: 'sandwell', neighbourId: 'wolverhampton', closeness: 'VERY_CLOSE', edition: '2025' });
      expect(wolverhampton.inspections.map((i) => i.id)).toContain('wolverhampton-2021-09');
      expect(wolverhampton.shared.map((e) => e.themeId)).toEqual(['academic-outcomes', 'ehc-plan-quality', 'engagement-with-families', 'identification-of-need', 'leadership-and-accountability', 'partnership-working']);
      expect(wolverhampton.shared[1]).toEqual({ themeId: 'ehc-plan-quality', findingId: 'sandwell-2017-ehc-plans-lack-health-and-care', matchId: 'wolverhampton-2021-ehc-plans-very-poor', score: null, sharedTerms: [] });
      expect(await store.neighbourComparison('no-such-area', '2025')).toEqual([]);
    });

    it("follows a neighbour's predecessors for its inspections: Westmorland and Furness has Cumbria's", async () => {
      const [westmorland] = await store.neighbourComparison('cumberland', '2025');
      expect(westmorland.neighbour.neighbourId).toBe('westmorland-and-furness');
      expect(westmorland.inspections.map((i) => i.id)).toEqual(expect.arrayContaining(['cumbria-2019-03']));
    });
  });
}
