import { latestByFramework, quantile, summariseByOutcome } from '../../src/store/context-summaries';

describe('the summaries both stores share', () => {
  it("takes quantiles linearly between order statistics, as R's default (type 7)", () => {
    // R: quantile(c(1, 2, 4, 10), c(.25, .5, .75)) gives 1.75 3.00 5.50
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 4, 10], p))).toEqual([1.75, 3, 5.5]);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('groups inspections by outcome in the schema order, each valued at the mean of its window, counting those with none apart', () => {
    const groups = summariseByOutcome([
      { inspectionId: 'b', areaId: 'y', outcome: 'NO_WSOA', year: 2018, values: [[2017, 80]] },
      { inspectionId: 'a', areaId: 'x', outcome: 'WSOA_REQUIRED', year: 2018, values: [[2017, 40], [2016, 50]] },
      { inspectionId: 'c', areaId: 'z', outcome: 'WSOA_REQUIRED', year: 2018, values: [] },
      { inspectionId: 'd', areaId: 'x', outcome: 'WSOA_REQUIRED', year: 2020, values: [[2019, 60]] },
    ]);
    expect(groups.map((g) => [g.outcome, g.n, g.missing, g.median, g.areaIds])).toEqual([
      ['WSOA_REQUIRED', 2, 1, 52.5, ['x']],
      ['NO_WSOA', 1, 0, 80, ['y']],
    ]);
    expect(groups[0].values).toEqual([{ inspectionId: 'a', areaId: 'x', value: 45 }, { inspectionId: 'd', areaId: 'x', value: 60 }]);
  });

  it("picks each framework's latest inspection by date", () => {
    expect(latestByFramework([
      { id: 'x-2017', framework: 'FRAMEWORK_2016', kind: 'INITIAL', date: '2017-01' },
      { id: 'x-2019', framework: 'FRAMEWORK_2016', kind: 'REVISIT', date: '2019-03' },
      { id: 'x-2024', framework: 'FRAMEWORK_2023', kind: 'FULL', date: '2024' },
    ])).toEqual([{ framework: 'FRAMEWORK_2016', inspectionId: 'x-2019' }, { framework: 'FRAMEWORK_2023', inspectionId: 'x-2024' }]);
  });
});
