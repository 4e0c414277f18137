import type { Bundle } from '../../domain/model';
import { FindingSimilarityIndex } from './finding-similarity-index';
import { MemoryGraph } from './memory-graph';

/** The graph and the indexes built from it that cost most to build: what a snapshot saves (graph-snapshot.ts). */
export interface MemoryIndexes {
  graph: MemoryGraph;
  findingSimilarity: FindingSimilarityIndex;
}

export function buildIndexes(bundle: Bundle): MemoryIndexes {
  const graph = new MemoryGraph(bundle);
  return { graph, findingSimilarity: new FindingSimilarityIndex(graph) };
}
