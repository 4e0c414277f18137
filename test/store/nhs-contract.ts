import type { AgencyRow } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/port';
import { TRAVERSALS } from '../../src/store/traversals';
import { startApi, type Api } from '../api/harness';

/**
 * The NHS bodies through time, part of the contract every store passes (contract.ts calls it):
 * the store's reads they rest on, and every GraphQL field over them, answered through the API on
 * the store under test, so that both stores answer alike.
 */
export function describeNhsContract(store: () => GraphStore) {
  describe('the NHS bodies through time', () => {
    let api: Api;
    beforeAll(async () => {
      api = await startApi(store());
    });
    afterAll(async () => {
      await api.server.stop();
    });
    const ok = async (query: string) => {
      const res = await api.run(query);
      expect(res.errors).toBeUndefined();
      return res.data;
    };

    it('finds agencies by ODS or ONS code and by the day they existed', async () => {
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
      expect(ids((await store().list('Agency', { code: '05L' }, { first: 10 })).rows)).toEqual(['sandwell-and-west-birmingham-ccg']);
      expect(ids((await store().list('Agency', { code: 'E54000062' }, { first: 10 })).rows)).toEqual(['black-country-icb']);
      // The 209 CCGs of January 2017 (the three Manchester CCGs merged that April), the 207 of April 2017.
      expect((await store().list('Agency', { kind: 'CCG', activeOn: '2017-01-16' }, { first: 1 })).totalCount).toBe(209);
      expect((await store().list('Agency', { kind: 'CCG', activeOn: '2017-04-01' }, { first: 1 })).totalCount).toBe(207);
      expect((await store().list('Agency', { kind: 'CCG', activeOn: '2022-07-01' }, { first: 1 })).totalCount).toBe(0);
      expect((await store().list('Agency', { kind: 'ICB', activeOn: '2023' }, { first: 1 })).totalCount).toBe(42);
      const [row] = (await store().nodes(['black-country-icb'])) as [AgencyRow];
      expect(row).toMatchObject({ odsCode: 'QUA', onsCode: 'E54000062' });
      const [council] = (await store().nodes(['sandwell-council'])) as [AgencyRow];
      expect(council).toMatchObject({ odsCode: null, onsCode: null });
    });

    it('reads each service with its days and share', async () => {
      const [leeds] = await store().traverse(['leeds'], TRAVERSALS.areaAgencies);
      const west = leeds.find((n) => n.node.id === 'leeds-west-ccg')!;
      expect(west.rel).toMatchObject({ type: 'SERVES', since: '2016-04-01', until: '2018-03-31', share: 0.4046, sourceIds: ['ons-nhs-geography-lookups'] });
      const council = leeds.find((n) => n.node.id === 'leeds-council')!;
      expect(council.rel.since ?? null).toBeNull();
    });

    it('answers Agency.odsCode, onsCode and agencies(kind, code, activeOn)', async () => {
      const data = await ok(`{
        byCode: agencies(code: "qua") { id odsCode onsCode }
        byOns: agencies(code: "E38000144") { id }
        ccgs2017: agencies(kind: CCG, activeOn: "2017-01-16", first: 1000) { id }
        icbs: agencies(kind: ICB, first: 100) { id }
      }`);
      expect(data.byCode).toEqual([{ id: 'black-country-icb', odsCode: 'QUA', onsCode: 'E54000062' }]);
      expect(data.byOns).toEqual([{ id: 'sandwell-and-west-birmingham-ccg' }]);
      expect(data.ccgs2017).toHaveLength(209);
      expect(data.icbs).toHaveLength(42);
      const bad = await api.run('{ agencies(activeOn: "January 2017") { id } }');
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('answers Area.agencies and Area.services on a day and through time', async () => {
      const data = await ok(`{ area(id: "leeds") {
        then: agencies(kind: CCG, on: "2016-12-05") { id }
        now: agencies(on: "2024-01-01", first: 100) { id kind }
        services(kind: CCG) { agency { id } share from to sources { id } }
        icb: services(kind: ICB) { agency { id } share from to }
      } }`);
      expect(data.area.then).toEqual([{ id: 'leeds-north-ccg' }, { id: 'leeds-south-and-east-ccg' }, { id: 'leeds-west-ccg' }]);
      expect(data.area.now.filter((a: { kind: string }) => ['CCG', 'ICB', 'SUB_ICB_LOCATION', 'COUNCIL'].includes(a.kind)).map((a: { id: string }) => a.id))
        .toEqual(['leeds-council', 'west-yorkshire-icb', 'west-yorkshire-icb-15f']);
      expect(data.area.services).toEqual([
        { agency: { id: 'leeds-north-ccg' }, share: 0.2739, from: '2016-04-01', to: '2018-03-31', sources: [{ id: 'ons-nhs-geography-lookups' }] },
        { agency: { id: 'leeds-south-and-east-ccg' }, share: 0.3216, from: '2016-04-01', to: '2018-03-31', sources: [{ id: 'ons-nhs-geography-lookups' }] },
        { agency: { id: 'leeds-west-ccg' }, share: 0.4046, from: '2016-04-01', to: '2018-03-31', sources: [{ id: 'ons-nhs-geography-lookups' }] },
        { agency: { id: 'leeds-ccg' }, share: 1, from: '2018-04-01', to: '2022-06-30', sources: [{ id: 'ons-nhs-geography-lookups' }] },
      ]);
      expect(data.area.icb).toEqual([{ agency: { id: 'west-yorkshire-icb' }, share: 1, from: '2022-07-01', to: null }]);
    });

    it('answers Agency.areas and Agency.services on a day', async () => {
      const data = await ok(`{ agency(id: "black-country-and-west-birmingham-ccg") {
        areas { id }
        before: areas(on: "2021-03-31") { id }
        services(on: "2022-01-01") { area { id } share from to }
      } }`);
      expect(data.agency.areas.map((a: { id: string }) => a.id)).toEqual(['birmingham', 'dudley', 'sandwell', 'walsall', 'wolverhampton']);
      expect(data.agency.before).toEqual([]);
      expect(data.agency.services.map((s: { area: { id: string } }) => s.area.id)).toEqual(['birmingham', 'dudley', 'sandwell', 'walsall', 'wolverhampton']);
      expect(data.agency.services.every((s: { from: string; to: string }) => s.from === '2021-04-01' && s.to === '2022-06-30')).toBe(true);
    });

    it('answers Inspection.partners: the council and the CCGs or ICBs of its start date, with shares', async () => {
      const data = await ok(`{
        leeds: inspection(id: "leeds-2016-12") { partners { agency { id kind } share from to } }
        sandwell: inspection(id: "sandwell-2023-07") { partners { agency { id } share } }
      }`);
      expect(data.leeds.partners).toEqual([
        { agency: { id: 'leeds-council', kind: 'COUNCIL' }, share: null, from: null, to: null },
        { agency: { id: 'leeds-west-ccg', kind: 'CCG' }, share: 0.4046, from: '2016-04-01', to: '2018-03-31' },
        { agency: { id: 'leeds-south-and-east-ccg', kind: 'CCG' }, share: 0.3216, from: '2016-04-01', to: '2018-03-31' },
        { agency: { id: 'leeds-north-ccg', kind: 'CCG' }, share: 0.2739, from: '2016-04-01', to: '2018-03-31' },
      ]);
      expect(data.sandwell.partners).toEqual([{ agency: { id: 'sandwell-council' }, share: null }, { agency: { id: 'black-country-icb' }, share: 1 }]);
    });

    it('names the council and at least one CCG or ICB among the partners of every inspection, of either framework', async () => {
      const missing: string[] = [];
      let after: string | null = null;
      let seen = 0;
      for (;;) {
        const res = await api.run('query($after: String) { inspections(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id partners(first: 100) { agency { kind } } } } }', { after });
        expect(res.errors).toBeUndefined();
        const page = res.data.inspections;
        for (const i of page.nodes as { id: string; partners: { agency: { kind: string } }[] }[]) {
          seen++;
          const kinds = new Set(i.partners.map((p) => p.agency.kind));
          if (!kinds.has('COUNCIL') || !(kinds.has('CCG') || kinds.has('ICB'))) missing.push(i.id);
        }
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toBe(270);
      expect(missing).toEqual([]);
    });

    it('answers agencyLineage: a CCG through its merger to its ICB, and an ICB back to its CCGs', async () => {
      const data = await ok(`{
        ccg: agencyLineage(agencyId: "sandwell-and-west-birmingham-ccg") { agency { id } successors { from { id } to { id } on depth sources { id } } predecessors { from { id } } }
        icb: agencyLineage(agencyId: "black-country-icb") { predecessors(first: 100) { from { id } to { id } on depth } }
        none: agencyLineage(agencyId: "sandwell") { agency { id } }
      }`);
      expect(data.ccg).toEqual({
        agency: { id: 'sandwell-and-west-birmingham-ccg' },
        successors: [
          { from: { id: 'sandwell-and-west-birmingham-ccg' }, to: { id: 'black-country-and-west-birmingham-ccg' }, on: '2021-04-01', depth: 1, sources: [{ id: 'nhs-england-ccg-mergers-2021' }, { id: 'nhs-ods-organisations' }] },
          { from: { id: 'black-country-and-west-birmingham-ccg' }, to: { id: 'birmingham-and-solihull-icb' }, on: '2022-07-01', depth: 2, sources: [{ id: 'health-and-care-act-2022' }] },
          { from: { id: 'black-country-and-west-birmingham-ccg' }, to: { id: 'black-country-icb' }, on: '2022-07-01', depth: 2, sources: [{ id: 'health-and-care-act-2022' }, { id: 'ons-nhs-geography-lookups' }] },
        ],
        predecessors: [],
      });
      expect(data.icb.predecessors.map((s: { from: { id: string }; depth: number }) => [s.from.id, s.depth])).toEqual([
        ['black-country-and-west-birmingham-ccg', 1],
        ['dudley-ccg', 2], ['sandwell-and-west-birmingham-ccg', 2], ['walsall-ccg', 2], ['wolverhampton-ccg', 2],
      ]);
      expect(data.none).toBeNull();
    });
  });
}
