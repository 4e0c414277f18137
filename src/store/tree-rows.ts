import type { NodeRow, RelRow } from '../domain/model';
import type { TraversalTree, TreeNeighbour } from './port';
import { distinctById } from './traversal-tree';

/** A traversal tree's levels, numbered in pre-order: each level's steps start from the nodes its parent level reached (or the start nodes). */
export interface TreeBranch {
  index: number;
  tree: TraversalTree;
  /** The levels from the start node down to this one, this one last. */
  path: readonly TraversalTree[];
  children: TreeBranch[];
}

export function treeBranches(trees: readonly TraversalTree[]): TreeBranch[] {
  let next = 0;
  const walk = (tree: TraversalTree, above: readonly TraversalTree[]): TreeBranch => {
    const path = [...above, tree];
    const branch: TreeBranch = { index: next++, tree, path, children: [] };
    branch.children = tree.children.map((child) => walk(child, path));
    return branch;
  };
  return trees.map((tree) => walk(tree, []));
}

export const allBranches = (branches: readonly TreeBranch[]): TreeBranch[] => branches.flatMap((b) => [b, ...allBranches(b.children)]);

/** A node reached at one level of a tree, from the node the level started at (a start node for the top levels). */
export interface TreeRow {
  branch: number;
  parentId: string;
  node: NodeRow;
  rel: RelRow;
}

/**
 * Flat rows back into trees, as traverseTree answers them: under each node, each level's nodes
 * once (the first row reaching it) ordered by id, whichever start node or path the rows came by.
 */
export function treesFromRows(rows: readonly TreeRow[], branches: readonly TreeBranch[], startIds: readonly string[]): TreeNeighbour[][][] {
  const reached = new Map<string, { node: NodeRow; rel: RelRow }[]>();
  const key = (branch: number, parentId: string) => `${branch}\u0000${parentId}`;
  for (const row of rows) {
    const k = key(row.branch, row.parentId);
    const list = reached.get(k);
    if (list) list.push(row);
    else reached.set(k, [row]);
  }
  const below = (branch: TreeBranch, parentId: string): TreeNeighbour[] =>
    distinctById(reached.get(key(branch.index, parentId)) ?? []).map(({ node, rel }) => ({ node, rel, children: branch.children.map((child) => below(child, node.id)) }));
  return startIds.map((id) => branches.map((branch) => below(branch, id)));
}
