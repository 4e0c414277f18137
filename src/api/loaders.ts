import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { NodeRow } from '../domain/model';
import type { GraphStore, Neighbour, PatternKey, ThemeStats, TraversalTree, TreeNeighbour } from '../store/port';
import { TRAVERSALS, type TraversalName } from '../store/traversals';
import { plannedBelow, type TraversalPlan } from './lookahead';

const treeOf = (name: TraversalName, children: readonly TraversalPlan[]): TraversalTree => ({
  steps: TRAVERSALS[name],
  children: children.map((c) => treeOf(c.name, c.children)),
});

/**
 * Per-request batching: every nested field of one kind at one level of a query becomes one
 * store call, and a traversal field with traversals asked for below it fetches them all in that
 * same call (traverseTree), priming the loaders of the levels below: on a store whose calls are
 * round trips (Neo4j), a nested request costs one for its whole run of traversals, not one per
 * level.
 * Created afresh for each request so nothing is cached across requests.
 */
export class Loaders {
  readonly nodes: DataLoader<string, NodeRow | null>;
  readonly themeStats: DataLoader<string, ThemeStats>;
  readonly patternFindings: DataLoader<PatternKey, string[], string>;
  private readonly traversals = new Map<TraversalName, DataLoader<string, Neighbour[]>>();
  private readonly trees = new Map<string, DataLoader<string, Neighbour[]>>();
  private readonly nodeTreeLoaders = new Map<string, DataLoader<string, NodeRow | null>>();
  /** "traversal id" keys the loaders hold already, answered by a tree fetched above them. */
  private readonly primed = new Set<string>();
  private readonly plans = new Map<FieldNode, TraversalPlan[]>();

  constructor(private readonly store: GraphStore) {
    this.nodes = new DataLoader((ids) => store.nodes(ids));
    this.themeStats = new DataLoader((ids) => store.themeStats(ids));
    this.patternFindings = new DataLoader((patterns) => store.patternFindings(patterns), {
      cacheKeyFn: (p) => `${p.themeIds.join('|')}@${p.areaIds.join('|')}`,
    });
  }

  traversal(name: TraversalName): DataLoader<string, Neighbour[]> {
    let loader = this.traversals.get(name);
    if (!loader) {
      loader = new DataLoader((ids) => this.store.traverse(ids, TRAVERSALS[name]));
      this.traversals.set(name, loader);
    }
    return loader;
  }

  /**
   * What the traversal reaches from `id`; with the resolver's `info`, also what the request asks
   * for below it, in the same store call, unless a tree fetched above has answered it already.
   */
  async reached(name: TraversalName, id: string, info?: GraphQLResolveInfo): Promise<Neighbour[]> {
    if (!info || !this.store.callsAreRoundTrips || this.primed.has(`${name} ${id}`)) return this.traversal(name).load(id);
    const below = this.plannedBelow(info);
    if (below.length === 0) return this.traversal(name).load(id);
    return this.tree(name, below).load(id);
  }

  private plannedBelow(info: GraphQLResolveInfo): TraversalPlan[] {
    let plan = this.plans.get(info.fieldNodes[0]);
    if (!plan) this.plans.set(info.fieldNodes[0], (plan = plannedBelow(info)));
    return plan;
  }

  private tree(name: TraversalName, below: TraversalPlan[]): DataLoader<string, Neighbour[]> {
    const key = JSON.stringify([name, below]);
    let loader = this.trees.get(key);
    if (!loader) {
      const tree = treeOf(name, below);
      loader = new DataLoader(async (ids) => {
        const answers = await this.store.traverseTree(ids, tree);
        ids.forEach((id, i) => this.prime(name, id, answers[i], below));
        return answers;
      });
      this.trees.set(key, loader);
    }
    return loader;
  }

  private prime(name: TraversalName, id: string, reached: TreeNeighbour[], below: readonly TraversalPlan[]): void {
    this.traversal(name).prime(id, reached);
    this.primed.add(`${name} ${id}`);
    for (const n of reached) below.forEach((child, i) => this.prime(child.name, n.node.id, n.children[i], child.children));
  }

  /** A node by id; with the resolver's `info`, also what the request asks for below it, in the same store call. */
  async node(id: string, info?: GraphQLResolveInfo): Promise<NodeRow | null> {
    const below = info && this.store.callsAreRoundTrips ? this.plannedBelow(info) : [];
    if (below.length === 0) return this.nodes.load(id);
    return this.nodeTree(below).load(id);
  }

  private nodeTree(below: TraversalPlan[]): DataLoader<string, NodeRow | null> {
    const key = JSON.stringify(below);
    let loader = this.nodeTreeLoaders.get(key);
    if (!loader) {
      const trees = below.map((plan) => treeOf(plan.name, plan.children));
      loader = new DataLoader(async (ids) => {
        const answers = await this.store.nodeTrees(ids, trees);
        return answers.map((answer, i) => {
          if (!answer) return null;
          this.nodes.prime(ids[i], answer.node);
          below.forEach((plan, k) => this.prime(plan.name, ids[i], answer.children[k], plan.children));
          return answer.node;
        });
      });
      this.nodeTreeLoaders.set(key, loader);
    }
    return loader;
  }

  /** Nodes by id, in the order given, leaving out any that no longer exist. */
  async nodeList(ids: readonly string[]): Promise<NodeRow[]> {
    const rows = await this.nodes.loadMany(ids);
    return rows.filter((r): r is NodeRow => r !== null && !(r instanceof Error));
  }
}
