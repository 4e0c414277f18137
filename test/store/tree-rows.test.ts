import { MemoryStore } from '../../src/store/memory/memory-store';
import type { TraversalTree } from '../../src/store/port';
import { nodeTreesByLevels } from '../../src/store/traversal-tree';
import { TRAVERSALS } from '../../src/store/traversals';
import { allBranches, treeBranches, treesFromRows, type TreeBranch, type TreeRow } from '../../src/store/tree-rows';
import { seedBundle } from '../helpers';

/**
 * The Neo4j store answers a nested request from one statement of flat rows (cypher.ts
 * treeRowsStatement: a level's rows come from every path down to it, each (parent, node) pair
 * once). Here those rows are made from the embedded store on the real seeds, as the statement's
 * branches define them, and assembled by treesFromRows: the trees must be the ones the embedded
 * store answers level by level.
 */
const t = (steps: TraversalTree['steps'], ...children: TraversalTree[]): TraversalTree => ({ steps, children });

const TREES: [string, TraversalTree[]][] = [
  ['area, inspections, findings, themes, agencies and sources', [t(TRAVERSALS.areaInspections, t(TRAVERSALS.inspectionFindings, t(TRAVERSALS.findingThemes), t(TRAVERSALS.findingAgencies), t(TRAVERSALS.nodeSources)))]],
  ['multi-step and filtered levels, one walking back over its parent', [
    t(TRAVERSALS.areaWeaknesses, t(TRAVERSALS.findingThemes, t(TRAVERSALS.themeStrengthAreas, t(TRAVERSALS.areaRegion))), t(TRAVERSALS.findingArea)),
  ]],
  ['two trees, one reaching a node by several paths', [t(TRAVERSALS.areaRegion, t(TRAVERSALS.regionAreas)), t(TRAVERSALS.areaThemes, t(TRAVERSALS.themeWeaknesses))]],
  ['agencies through time', [t(TRAVERSALS.areaAgencies, t(TRAVERSALS.agencySuccessors, t(TRAVERSALS.agencyAreas)), t(TRAVERSALS.agencyPredecessors))]],
];

/** What the statement's branch for this level returns from one start node: the rows of every parent its levels above reach. */
async function branchRows(store: MemoryStore, startId: string, branch: TreeBranch): Promise<TreeRow[]> {
  let parents = [startId];
  for (const level of branch.path.slice(0, -1)) {
    const reached = await store.traverse(parents, level.steps);
    parents = [...new Set(reached.flat().map((n) => n.node.id))];
  }
  const reached = await store.traverse(parents, branch.tree.steps);
  return parents.flatMap((parentId, i) => reached[i].map((n) => ({ branch: branch.index, parentId, node: n.node, rel: n.rel })));
}

describe('traversal trees from flat rows (the Neo4j statement of a nested request)', () => {
  let store: MemoryStore;
  let startIds: string[];
  beforeAll(async () => {
    store = new MemoryStore();
    await store.load(seedBundle());
    const areas = await store.list('Area', {}, { first: 1000 });
    // Every area with a full report, the rest, and an id no node has.
    startIds = [...areas.rows.map((a) => a.id).filter((_, i) => i % 3 === 0), 'leeds', 'sandwell', 'no-such-area'];
  });

  it.each(TREES)('%s: the same trees as level by level', async (_name, trees) => {
    const branches = treeBranches(trees);
    const found = (await store.nodes(startIds)).map((n, i) => (n ? startIds[i] : null)).filter((id): id is string => id !== null);
    const rows: TreeRow[] = [];
    for (const id of found) for (const b of allBranches(branches)) rows.push(...(await branchRows(store, id, b)));
    // The server returns rows in no particular order, a node reached by two paths twice.
    rows.reverse();
    rows.push(...rows.slice(0, 50));

    const assembled = treesFromRows(rows, branches, found);
    const expected = await nodeTreesByLevels(store, found, trees);
    // Compared as text, where they first differ: a failing deep diff of these trees would exhaust jest's heap.
    const [got, want] = [JSON.stringify(assembled), JSON.stringify(expected.map((n) => n!.children))];
    const at = [...want].findIndex((c, i) => got[i] !== c);
    expect(got.slice(Math.max(0, at - 300), at + 300)).toEqual(want.slice(Math.max(0, at - 300), at + 300));
    expect(got.length).toBe(want.length);
    expect(rows.length).toBeGreaterThan(found.length);
  });

  it('numbers the levels in pre-order, each with the path from the start', () => {
    const [a, b] = treeBranches(TREES[2][1]);
    expect([a.index, a.children[0].index, b.index, b.children[0].index]).toEqual([0, 1, 2, 3]);
    expect(b.children[0].path.map((p) => p.steps)).toEqual([TRAVERSALS.areaThemes, TRAVERSALS.themeWeaknesses]);
  });
});
