import { startApi, seededStore, countingStore, type Api } from './harness';

/** The Areas in context fields through GraphQL: answers, batching and the errors a client can act on. */
let api: Api;
let calls: string[];
beforeAll(async () => {
  const store = countingStore(await seededStore());
  calls = store.calls;
  api = await startApi(store);
});
afterAll(() => api.server.stop());

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const res = await api.run(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
};
const refused = async (query: string) => {
  const res = await api.run(query);
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  return res.errors![0].message as string;
};

describe('Areas in context', () => {
  it("answers Sandwell's 20-week share around its 2017 inspection beside England's and the West Midlands', with sources", async () => {
    const data = await ok(`{
      area(id: "sandwell") {
        indicator(name: "ehc-20-week-rate", from: 2016, to: 2018) { year value numerator denominator unit sources { id } }
        region { name indicator(name: "ehc-20-week-rate", from: 2016, to: 2018) { year value } }
      }
      england { name indicator(name: "ehc-20-week-rate", from: 2016, to: 2018) { year value } }
    }`);
    expect(data.area.indicator).toEqual([
      { year: 2016, value: 43.2, numerator: 92, denominator: 213, unit: 'PERCENT', sources: [{ id: 'dfe-ehc-plans-sen2-2014-2022' }] },
      { year: 2017, value: 65.3, numerator: 130, denominator: 199, unit: 'PERCENT', sources: [{ id: 'dfe-ehc-plans-sen2-2014-2022' }] },
      { year: 2018, value: 99.5, numerator: 214, denominator: 215, unit: 'PERCENT', sources: [{ id: 'dfe-ehc-plans-sen2-2014-2022' }] },
    ]);
    expect(data.area.region).toEqual({ name: 'West Midlands', indicator: [{ year: 2016, value: 64.6 }, { year: 2017, value: 66 }, { year: 2018, value: 58.4 }] });
    expect(data.england).toEqual({ name: 'England', indicator: [{ year: 2016, value: 58.6 }, { year: 2017, value: 64.9 }, { year: 2018, value: 60.1 }] });
  });

  it('fetches the values of every area of a list in one store call', async () => {
    calls.length = 0;
    const data = await ok('{ region(id: "west-midlands") { areas(first: 20) { id indicator(name: "ehc-plans-issued", from: 2024) { value } statisticalNeighbours(first: 2) { area { id } } } } }');
    expect(data.region.areas.length).toBeGreaterThan(10);
    expect(calls.filter((c) => c === 'indicatorSeries')).toHaveLength(1);
    expect(calls.filter((c) => c === 'statisticalNeighbours')).toHaveLength(1);
  });

  it('lists every indicator with its definition, unit, years and sources', async () => {
    const data = await ok('{ indicators { name label unit definition firstYear lastYear sources { id } } }');
    const byName = Object.fromEntries(data.indicators.map((i: { name: string }) => [i.name, i]));
    expect(byName['ehc-20-week-rate']).toMatchObject({ unit: 'PERCENT', firstYear: 2014, lastYear: 2024, sources: [{ id: 'dfe-ehc-plans-sen2-2014-2022' }, { id: 'dfe-ehc-plans-timeliness-2019-2024' }] });
    expect(byName['ehc-20-week-rate-including-exceptions']).toMatchObject({ unit: 'PERCENT' });
    expect(byName['tribunal-appeals']).toMatchObject({ unit: 'COUNT', firstYear: 2022, lastYear: 2022 });
  });

  it('compares the outcome groups: areas that needed a WSOA were already slower to issue plans the year before', async () => {
    const data = await ok(`{ indicatorByOutcome(name: "ehc-20-week-rate", framework: FRAMEWORK_2016) {
      outcome n missing median lowerQuartile upperQuartile areas(first: 200) { id } inspections(first: 1) { inspection { id } area { id } value }
    } }`);
    const [wsoa, noWsoa] = data.indicatorByOutcome;
    expect([wsoa.outcome, noWsoa.outcome]).toEqual(['WSOA_REQUIRED', 'NO_WSOA']);
    expect(wsoa.n + wsoa.missing).toBe(83);
    expect(wsoa.median).toBeLessThan(noWsoa.median);
    expect(wsoa.lowerQuartile).toBeLessThanOrEqual(wsoa.median);
    expect(wsoa.upperQuartile).toBeGreaterThanOrEqual(wsoa.median);
    expect(wsoa.areas.map((a: { id: string }) => a.id)).toContain('sandwell');
    expect(wsoa.inspections[0]).toEqual({ inspection: { id: expect.any(String) }, area: { id: wsoa.areas[0].id }, value: expect.any(Number) });
  });

  it("compares Sandwell with its neighbours: outcomes and the weaknesses they share, in the inspectors' words", async () => {
    const data = await ok(`{ neighbourComparison(areaId: "sandwell") {
      neighbour { area { id } rank closeness edition sources { id } }
      latestInspections { id framework outcome }
      sharedThemes { id }
      evidence(first: 1) { theme { id } finding { id quote } match { id } }
    } }`);
    const [first] = data.neighbourComparison;
    expect(first.neighbour).toEqual({ area: { id: 'wolverhampton' }, rank: 1, closeness: 'VERY_CLOSE', edition: '2025', sources: [{ id: 'dfe-statistical-neighbours-2025' }] });
    expect(first.latestInspections).toEqual([{ id: 'wolverhampton-2021-09', framework: 'FRAMEWORK_2016', outcome: 'WSOA_REQUIRED' }]);
    expect(first.sharedThemes.map((t: { id: string }) => t.id)).toContain('ehc-plan-quality');
    expect(first.evidence).toEqual([{ theme: { id: 'academic-outcomes' }, finding: { id: 'sandwell-2017-slower-academic-progress', quote: expect.any(String) }, match: { id: 'wolverhampton-2021-support-too-slow' } }]);
    const older = await ok('{ area(id: "cumberland") { a: statisticalNeighbours(edition: "2021") { rank } b: statisticalNeighbours(edition: "2025", first: 1) { area { id } } } }');
    expect(older.area).toEqual({ a: [], b: [{ area: { id: 'westmorland-and-furness' } }] });
  });

  it('refuses an indicator name it does not know, listing the names it accepts', async () => {
    const message = await refused('{ england { indicator(name: "ehc-rate") { year } } }');
    expect(message).toContain('"name" must be one of the indicators: ehc-20-week-rate, ehc-20-week-rate-including-exceptions,');
    expect(message).toContain('got "ehc-rate"');
    expect(await refused('{ indicatorByOutcome(name: "nope", framework: FRAMEWORK_2023) { n } }')).toContain('ehc-20-week-rate');
  });

  it('refuses an unknown edition, a year out of range, from after to, and yearsBefore outside 1 to 5', async () => {
    expect(await refused('{ area(id: "sandwell") { statisticalNeighbours(edition: "2019") { rank } } }')).toBe('"edition" must be one of the editions of statistical neighbours: 2021, 2025; got "2019".');
    expect(await refused('{ neighbourComparison(areaId: "sandwell", edition: "x") { neighbour { rank } } }')).toContain('2021, 2025');
    expect(await refused('{ england { indicator(name: "ehc-20-week-rate", from: 20) { year } } }')).toContain('"from" must be a calendar year');
    expect(await refused('{ england { indicator(name: "ehc-20-week-rate", from: 2020, to: 2019) { year } } }')).toContain('must not be after');
    expect(await refused('{ indicatorByOutcome(name: "ehc-20-week-rate", framework: FRAMEWORK_2016, yearsBefore: 6) { n } }')).toContain('"yearsBefore" must be a whole number from 1 to 5');
  });
});
