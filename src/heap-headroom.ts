import { getHeapStatistics, setFlagsFromString } from 'node:v8';

/** V8 lets the heap grow to at most 4x the live data: 300 in the terms of its `--heap-growing-percent`. */
const V8_MAX_GROWTH_PERCENT = 300;

/** The growth, in percent of the live heap, that keeps it within the headroom; null when V8's own bound is tighter or none is asked for. */
export function heapGrowthPercent(headroomMB: number, liveBytes: number): number | null {
  if (headroomMB === 0) return null;
  const percent = Math.floor(((headroomMB * 2 ** 20) / liveBytes) * 100);
  return percent >= V8_MAX_GROWTH_PERCENT ? null : Math.max(1, percent);
}

/**
 * Bounds how far the heap may grow past the data a server holds before V8 collects again. V8 sets
 * the next limit as a factor of what the last full collection kept: up to 4x on a machine with
 * plenty of memory, so a server answering steadily promotes request garbage until its heap is
 * several times its data. The factor is read at every full collection, so setting it in a running
 * process takes effect. Called once the store is loaded; a small graph keeps V8's own policy, as
 * 4x of it is within the headroom. Returns the growth set, in percent, or null.
 */
export function limitHeapHeadroom(headroomMB: number): number | null {
  const percent = heapGrowthPercent(headroomMB, getHeapStatistics().used_heap_size);
  if (percent !== null) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
