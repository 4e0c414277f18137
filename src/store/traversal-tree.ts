import type { GraphStore, Neighbour, NodeTree, TraversalTree, TreeNeighbour } from './port';
import { byId } from './ordering';

/** A traversal tree answered one level at a time with `traverse`: for a store where a call costs no round trip. */
export async function traverseTreeByLevels(traverse: GraphStore['traverse'], ids: readonly string[], tree: TraversalTree): Promise<TreeNeighbour[][]> {
  const reached = await traverse(ids, tree.steps);
  const levels: TreeNeighbour[][] = reached.map((list) => list.map((n) => ({ ...n, children: [] })));
  const nodeIds = [...new Set(reached.flatMap((list) => list.map((n) => n.node.id)))];
  for (const child of tree.children) {
    const answers = nodeIds.length ? await traverseTreeByLevels(traverse, nodeIds, child) : [];
    const byNode = new Map(nodeIds.map((id, i) => [id, answers[i]]));
    for (const list of levels) for (const n of list) n.children.push(byNode.get(n.node.id)!);
  }
  return levels;
}

/** Neighbours as `traverse` lists them: each node once (the first way it was reached), ordered by id. */
export function distinctById<T extends Neighbour>(neighbours: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const n of neighbours) if (!seen.has(n.node.id)) seen.set(n.node.id, n);
  return [...seen.values()].sort((a, b) => byId(a.node.id, b.node.id));
}

/** Nodes with their trees, one call per tree and level: for a store where a call costs no round trip. */
export async function nodeTreesByLevels(store: Pick<GraphStore, 'nodes' | 'traverse'>, ids: readonly string[], trees: readonly TraversalTree[]): Promise<(NodeTree | null)[]> {
  const nodes = await store.nodes(ids);
  const found = ids.filter((_, i) => nodes[i] !== null);
  const answers = await Promise.all(trees.map((tree) => (found.length ? traverseTreeByLevels((i, steps) => store.traverse(i, steps), found, tree) : [])));
  const byId = new Map(found.map((id, k) => [id, answers.map((a) => a[k])]));
  return nodes.map((node, i) => (node ? { node, children: byId.get(ids[i])! } : null));
}
