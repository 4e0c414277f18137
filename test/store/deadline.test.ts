import { DeadlineExceededError, runWithDeadline } from '../../src/store/deadline';
import type { MemoryStore } from '../../src/store/memory/memory-store';
import { startApi } from '../api/harness';
import { nationalStore } from '../national';

/** Long store work checks the request's deadline as it goes: shown on the national dataset, where that work is long. */
let store: MemoryStore;
beforeAll(async () => {
  store = await nationalStore();
});

const past = () => ({ at: performance.now() - 1, timeoutMs: 1 });

const CALLS: [string, () => Promise<unknown>][] = [
  ['sharedWeaknesses', () => store.sharedWeaknesses({ minAreas: 2, maxThemes: 5, first: 100 })],
  ['patternFindings', async () => store.patternFindings((await store.sharedWeaknesses({ minAreas: 2, maxThemes: 3, first: 100 })).slice(0, 50))],
  ['similarAreas', () => store.similarAreas({ areaId: 'area-000', first: 100, polarity: 'WEAKNESS' })],
  ['similarAreas by findings', () => store.similarAreas({ areaId: 'area-000', first: 100, polarity: 'WEAKNESS', method: 'FINDINGS' })],
  ['similarFindings', () => store.similarFindings({ findingId: 'area-000-inspection-1-f01', first: 100, excludeSameArea: true })],
  ['themeCooccurrence', () => store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 1, first: 100 })],
  ['outcomeTransitions', () => store.outcomeTransitions('FRAMEWORK_2016', 'FRAMEWORK_2023')],
  ['list of inspections by region and date', () => store.list('Inspection', { regionId: 'london', from: '2016', to: '2030' }, { first: 100 })],
  ['search', () => store.search({ text: 'synthetic', first: 100 })],
  ['path', () => store.path({ fromId: 'area-000', toId: 'area-151', maxHops: 12 })],
  ['agencyNetwork', () => store.agencyNetwork('area-000-council', 4)],
  ['traverse', async () => store.traverse((await store.list('Area', {}, { first: 152 })).rows.map((r) => r.id), [{ type: 'OF', direction: 'IN' }, { type: 'FOUND', direction: 'OUT' }, { type: 'ABOUT', direction: 'OUT' }])],
];

describe.each(CALLS)('%s on the national dataset', (_name, call) => {
  it('answers with no deadline, and stops part-way once the deadline has passed', async () => {
    expect(await call()).toBeTruthy();
    // The data are fetched before the deadline starts (the nested calls above run outside it).
    await expect(runWithDeadline(past(), call)).rejects.toBeInstanceOf(DeadlineExceededError);
  });
});

it('a store call already running stops at its next check, and the request answers QUERY_LIMIT_EXCEEDED (timeout)', async () => {
  const slowStart: MemoryStore = Object.create(store);
  // Past the deadline once started, as a long call would be: only a check inside the store can stop it now.
  slowStart.sharedWeaknesses = (args) => {
    const until = performance.now() + 150;
    while (performance.now() < until);
    return store.sharedWeaknesses(args);
  };
  const api = await startApi(slowStart, { REQUEST_TIMEOUT_MS: '100' });
  const res = await api.run('{ sharedWeaknesses(minAreas: 2, maxThemes: 5, first: 100) { support } }');
  expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'timeout', max: 100 });
  await api.server.stop();
});
