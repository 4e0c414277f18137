/**
 * npm run bench:memory -- <seeds dir>
 *
 * Where the embedded store's memory goes, phase by phase: peak RSS while the seeds are read and
 * validated, heap retained by the validated bundle, by the graph and its indexes, by the
 * full-text index, and by the findings' similarity vectors and postings. Figures are heap plus typed-array buffers (which live outside the heap), after a
 * forced GC (run with --expose-gc, as the script does).
 */
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/dataset/load-dataset';
import { MemoryGraph } from '../src/store/memory/memory-graph';
import { SearchIndex } from '../src/store/memory/search-index';
import { FindingSimilarityIndex } from '../src/store/memory/finding-similarity-index';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');
const heapMB = () => {
  gc();
  const m = process.memoryUsage();
  return Math.round((m.heapUsed + m.arrayBuffers) / 1e6);
};
const peakRssMB = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024);

const dir = process.argv[2];
if (!dir) throw new Error('usage: npm run bench:memory -- <seeds dir>');
const base = heapMB();
let t = performance.now();
const bundle = loadDataset(dir);
console.log(`${dir}: ${bundle.nodes.length} nodes, ${bundle.relationships.count} relationships`);
console.log(`read and validate  ${Math.round(performance.now() - t)} ms, peak RSS ${peakRssMB()} MB, bundle retained ${heapMB() - base} MB`);
const afterBundle = heapMB();
t = performance.now();
const graph = new MemoryGraph(bundle);
console.log(`graph and indexes  ${Math.round(performance.now() - t)} ms, retained ${heapMB() - afterBundle} MB (full-text index included), peak RSS ${peakRssMB()} MB`);
const withGraph = heapMB();
t = performance.now();
const search = new SearchIndex(bundle.nodes);
console.log(`full-text index    ${Math.round(performance.now() - t)} ms to build a second copy, retained ${heapMB() - withGraph} MB (typed arrays ${Math.round(search.byteLength / 1e6)} MB)`);
const withSearch = heapMB();
t = performance.now();
const similarity = new FindingSimilarityIndex(graph);
console.log(`finding similarity ${Math.round(performance.now() - t)} ms, retained ${heapMB() - withSearch} MB (vectors and postings), peak RSS ${peakRssMB()} MB`);
void graph;
void search;
void similarity;
