import DataLoader from 'dataloader';
import type { NodeRow } from '../domain/model';
import type { GraphStore, Neighbour, PatternKey, ThemeStats } from '../store/port';
import { TRAVERSALS, type TraversalName } from '../store/traversals';

/**
 * Per-request batching: every nested field of one kind at one level of a query becomes one
 * store call. Created afresh for each request so nothing is cached across requests.
 */
export class Loaders {
  readonly nodes: DataLoader<string, NodeRow | null>;
  readonly themeStats: DataLoader<string, ThemeStats>;
  readonly patternFindings: DataLoader<PatternKey, string[], string>;
  private readonly traversals = new Map<TraversalName, DataLoader<string, Neighbour[]>>();

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

  async node(id: string): Promise<NodeRow | null> {
    return this.nodes.load(id);
  }

  /** Nodes by id, in the order given, leaving out any that no longer exist. */
  async nodeList(ids: readonly string[]): Promise<NodeRow[]> {
    const rows = await this.nodes.loadMany(ids);
    return rows.filter((r): r is NodeRow => r !== null && !(r instanceof Error));
  }
}
