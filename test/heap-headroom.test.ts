import { readConfig } from '../src/config';
import { heapGrowthPercent } from '../src/heap-headroom';

const MB = 2 ** 20;

describe('heap headroom', () => {
  it('turns the headroom into growth past the live heap, leaving small heaps to V8', () => {
    expect(heapGrowthPercent(256, 640 * MB)).toBe(40);
    expect(heapGrowthPercent(256, 100 * MB)).toBe(256);
    expect(heapGrowthPercent(256, 60 * MB)).toBeNull(); // 4x of 60 MB is within 256 MB
    expect(heapGrowthPercent(1, 10_000 * MB)).toBe(1);
    expect(heapGrowthPercent(0, 640 * MB)).toBeNull();
  });

  it('reads HEAP_HEADROOM_MB, 256 by default, and refuses what is not a whole number of MB', () => {
    expect(readConfig({}).HEAP_HEADROOM_MB).toBe(256);
    expect(readConfig({ HEAP_HEADROOM_MB: '0' }).HEAP_HEADROOM_MB).toBe(0);
    expect(() => readConfig({ HEAP_HEADROOM_MB: '-5' })).toThrow(/HEAP_HEADROOM_MB: .*\(got "-5"\)/);
    expect(() => readConfig({ HEAP_HEADROOM_MB: '1.5' })).toThrow(/HEAP_HEADROOM_MB/);
    expect(() => readConfig({ HEAP_HEADROOM_MB: 'lots' })).toThrow(/HEAP_HEADROOM_MB/);
  });
});
