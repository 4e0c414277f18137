import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../src/log';
import { readConfig } from '../../src/config';
import { openMemoryStore, snapshotPath } from '../../src/store/memory/open-memory-store';
import type { MemoryStore } from '../../src/store/memory/memory-store';
import { readSnapshot, writeSnapshot } from '../../src/store/memory/snapshot-file';
import { copyOfSeeds, editFile, seedBundle, SEEDS_DIR } from '../helpers';

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: { level: 'info' | 'warn'; msg: string }[] = [];
  const logger = {
    info: (_: unknown, msg: string) => lines.push({ level: 'info', msg }),
    warn: (_: unknown, msg: string) => lines.push({ level: 'warn', msg }),
  } as unknown as Logger;
  return { logger, lines, said: (re: RegExp) => lines.some((l) => re.test(l.msg)), warned: () => lines.filter((l) => l.level === 'warn') };
}

const AREAS = seedBundle().nodes.filter((n) => n.label === 'Area').length;

/** A weakness of West Sussex's 2023 report (EHC plans' timeliness), which Hartlepool's and Medway's match most closely. */
const EHC_TIMELINESS = 'west-sussex-2023-11-weakness-01';

/** Every kind of question the store answers, on the real seeds. */
async function answers(store: MemoryStore) {
  const weak = await store.sharedWeaknesses({ minAreas: 2, maxThemes: 3 });
  return JSON.stringify([
    await store.stats(),
    await store.nodes(['sandwell', 'sandwell-2017-01', 'no-such-id']),
    await store.traverse(['sandwell'], [{ type: 'OF', direction: 'IN' }, { type: 'FOUND', direction: 'OUT', where: { polarity: 'WEAKNESS' } }]),
    await store.list('Area', { regionId: 'west-midlands' }, { first: 5 }),
    await store.list('Area', { themeId: 'joint-commissioning', polarity: 'WEAKNESS' }, { first: 100 }),
    await store.themeStats(['joint-commissioning', 'ehc-plan-quality']),
    weak,
    await store.patternFindings(weak),
    await store.similarAreas({ areaId: 'sandwell', first: 5, polarity: 'WEAKNESS' }),
    await store.agencyNetwork('sandwell-and-west-birmingham-ccg', 2),
    await store.path({ fromId: 'sandwell', toId: 'wolverhampton', maxHops: 8 }),
    await store.search({ text: 'postcode lottery', first: 5 }),
    await store.search({ text: 'plan', first: 10 }),
    await store.search({ text: 'waiting times', first: 20, labels: ['Finding'] }),
    await store.similarFindings({ findingId: EHC_TIMELINESS, first: 10, polarity: 'WEAKNESS', excludeSameArea: true }),
    await store.similarFindings({ findingId: EHC_TIMELINESS, first: 10, framework: 'FRAMEWORK_2023', excludeSameArea: false }),
    await store.similarAreas({ areaId: 'hertfordshire', first: 5, polarity: 'WEAKNESS', method: 'FINDINGS' }),
    await store.similarAreas({ areaId: 'hertfordshire', first: 5, polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023' }),
    await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 2, first: 20 }),
    await store.themeCooccurrence({ polarity: 'STRENGTH', framework: 'FRAMEWORK_2016', minAreas: 2, first: 20 }),
    await store.outcomeTransitions('FRAMEWORK_2016', 'FRAMEWORK_2023'),
    await store.list('Inspection', { framework: 'FRAMEWORK_2023' }, { first: 50 }),
    await store.indicators(),
    await store.indicatorSeries(['sandwell', 'west-midlands', 'england'], 'ehc-20-week-rate', null, null),
    await store.statisticalNeighbours(['sandwell', 'cumbria'], '2021', 10),
    await store.indicatorByOutcome({ indicatorId: 'ehc-20-week-rate', framework: 'FRAMEWORK_2016', yearsBefore: 2 }),
    await store.neighbourComparison('sandwell', '2025'),
  ]);
}

describe('the embedded store\'s snapshot (CACHE_DIR)', () => {
  const fromSeeds = openMemoryStore(SEEDS_DIR, null, recordingLogger().logger);

  it('gives the same answers restored as built from the seeds, and says which it did', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'send-graph-cache-'));
    const first = recordingLogger();
    const built = await openMemoryStore(SEEDS_DIR, cacheDir, first.logger);
    expect(first.said(/reading the seeds/)).toBe(true);
    expect(first.said(/snapshot saved/)).toBe(true);

    const second = recordingLogger();
    const restored = await openMemoryStore(SEEDS_DIR, cacheDir, second.logger);
    expect(second.said(/graph restored from/)).toBe(true);
    expect(second.said(/reading the seeds/)).toBe(false);

    const expected = await answers(await fromSeeds);
    expect(await answers(built)).toBe(expected);
    expect(await answers(restored)).toBe(expected);
    // Real content, not two empty answers agreeing.
    expect((await restored.stats()).nodes.Area).toBe(AREAS);
    expect((await restored.nodes(['sandwell']))[0]).toMatchObject({ label: 'Area', name: 'Sandwell' });
    expect((await restored.search({ text: 'postcode lottery', first: 5 })).hits.length).toBeGreaterThan(0);
    const similar = await restored.similarFindings({ findingId: EHC_TIMELINESS, first: 2, polarity: 'WEAKNESS', excludeSameArea: true });
    expect(similar.map((s) => s.findingId)).toEqual(['hartlepool-2023-03-weakness-01', 'medway-2024-02-weakness-07']);
    expect((await restored.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 2, first: 5 })).length).toBe(5);
    expect((await restored.indicatorSeries(['sandwell'], 'ehc-20-week-rate', 2019, 2019))[0]).toEqual([expect.objectContaining({ value: 76.4 })]);
  });

  it('makes the same snapshot from the same seeds, byte for byte', async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'send-graph-cache-')), mkdtempSync(join(tmpdir(), 'send-graph-cache-'))];
    await openMemoryStore(SEEDS_DIR, a, recordingLogger().logger);
    await openMemoryStore(SEEDS_DIR, b, recordingLogger().logger);
    expect(readFileSync(snapshotPath(a, SEEDS_DIR)).equals(readFileSync(snapshotPath(b, SEEDS_DIR)))).toBe(true);
  });

  it.each([
    ['a byte changed in the middle', (bytes: Buffer) => { bytes[bytes.length >> 1] ^= 0xff; return bytes; }],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1000)],
    ['a section renamed in its header', (bytes: Buffer) => { bytes.write('"rel.typf"', bytes.lastIndexOf('"rel.type"')); return bytes; }],
    ['emptied', () => Buffer.alloc(0)],
    ['something else', () => Buffer.from('not a snapshot at all, but long enough to have a head and a tail')],
  ])('rebuilds a damaged snapshot (%s) from the seeds, never using it', async (_, damage) => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'send-graph-cache-'));
    await openMemoryStore(SEEDS_DIR, cacheDir, recordingLogger().logger);
    const path = snapshotPath(cacheDir, SEEDS_DIR);
    writeFileSync(path, damage(readFileSync(path)));

    const log = recordingLogger();
    const store = await openMemoryStore(SEEDS_DIR, cacheDir, log.logger);
    expect(log.warned().map((l) => l.msg)).toEqual([expect.stringMatching(/snapshot cannot be used; reading the seeds/)]);
    expect(await answers(store)).toBe(await answers(await fromSeeds));

    const next = recordingLogger();
    await openMemoryStore(SEEDS_DIR, cacheDir, next.logger);
    expect(next.said(/graph restored from/)).toBe(true); // the snapshot was made again, whole
  });

  it('reads the seeds again when they changed since the snapshot was made', async () => {
    const seeds = copyOfSeeds();
    const cacheDir = mkdtempSync(join(tmpdir(), 'send-graph-cache-'));
    await openMemoryStore(seeds, cacheDir, recordingLogger().logger);
    editFile(join(seeds, 'reference', 'areas.yaml'), (t) => t.replace('name: Sandwell\n', 'name: Sandwell Borough\n'));

    const log = recordingLogger();
    const store = await openMemoryStore(seeds, cacheDir, log.logger);
    expect(log.said(/no snapshot of these seeds with this code yet/)).toBe(true);
    expect((await store.nodes(['sandwell']))[0]).toMatchObject({ name: 'Sandwell Borough' });
  });

  it('serves without a snapshot, with a warning, when it cannot save one', async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'send-graph-cache-')), 'file');
    writeFileSync(notADirectory, 'x');
    const log = recordingLogger();
    const store = await openMemoryStore(SEEDS_DIR, join(notADirectory, 'cache'), log.logger);
    expect(log.warned().map((l) => l.msg)).toEqual([expect.stringMatching(/could not save the snapshot \(set CACHE_DIR to a writable directory, or to "off"\)/)]);
    expect((await store.stats()).nodes.Area).toBe(AREAS);
  });

  it('reports a missing seeds directory as loading does, cache or not', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'send-graph-cache-'));
    await expect(openMemoryStore('/no/such/seeds', cacheDir, recordingLogger().logger)).rejects.toThrow(/does not exist: set SEEDS_DIR/);
  });

  it('answers nothing for a snapshot made under another key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'send-graph-cache-')), 'x.snapshot');
    writeSnapshot(path, 'key-1', [['numbers', Int32Array.of(1, 2, 3)], ['text', { json: ['a', 'é'] }]]);
    expect(readSnapshot(path, 'key-2')).toBeNull();
    expect(readSnapshot(path, 'key-1')).toEqual(new Map<string, unknown>([['numbers', Int32Array.of(1, 2, 3)], ['text', { json: ['a', 'é'] }]]));
  });
});

describe('CACHE_DIR', () => {
  it('defaults to the user\'s cache directory, and "off" switches the snapshot off', () => {
    expect(readConfig({ XDG_CACHE_HOME: '/home/r/.cache' }).CACHE_DIR).toBe('/home/r/.cache/send-graph');
    expect(readConfig({ CACHE_DIR: '/var/cache/sg' }).CACHE_DIR).toBe('/var/cache/sg');
    expect(readConfig({ CACHE_DIR: 'off' }).CACHE_DIR).toBeNull();
  });
});
