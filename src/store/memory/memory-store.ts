import type { Bundle, Label, NodeRow, Polarity, RelRow } from '../../domain/model';
import type {
  GraphStore, ListFilter, Neighbour, PageRequest, PageResult, PathArgs, PatternKey, SearchArgs,
  SharedWeaknessesArgs, SimilarAreasArgs, Step, StoreStats, ThemeStats, TraversalTree, TreeNeighbour, NodeTree,
} from '../port';
import { StoreUnavailableError } from '../errors';
import { nodeTreesByLevels, traverseTreeByLevels } from '../traversal-tree';
import { exploreAgencyNetwork } from '../agency-network';
import { agencyLinks } from './agency-network';
import { byId } from '../ordering';
import { MemoryGraph } from './memory-graph';
import { AreaThemeIndex } from './area-theme-index';
import { patternFindings, sharedWeaknesses } from './shared-weaknesses';
import { shortestPath } from './shortest-path';
import { similarAreas } from './similar-areas';

const matches = (row: NodeRow, where: Step['where']) =>
  !where || ((!where.label || row.label === where.label) && (!where.polarity || (row as { polarity?: string }).polarity === where.polarity));

/** The embedded default: the whole graph in this process. */
export class MemoryStore implements GraphStore {
  readonly name = 'memory';
  readonly callsAreRoundTrips = false;
  private loaded: { graph: MemoryGraph; areaThemes: Record<Polarity, AreaThemeIndex> } | null = null;

  private get state(): { graph: MemoryGraph; areaThemes: Record<Polarity, AreaThemeIndex> } {
    if (!this.loaded) throw new StoreUnavailableError('the embedded store has no data loaded yet');
    return this.loaded;
  }

  private get graph(): MemoryGraph {
    return this.state.graph;
  }

  private get areaThemes(): Record<Polarity, AreaThemeIndex> {
    return this.state.areaThemes;
  }

  async load(bundle: Bundle): Promise<void> {
    const graph = new MemoryGraph(bundle);
    const areaThemes = { WEAKNESS: new AreaThemeIndex(graph, 'WEAKNESS'), STRENGTH: new AreaThemeIndex(graph, 'STRENGTH') };
    this.loaded = { graph, areaThemes }; // built aside and swapped in whole
  }

  async close(): Promise<void> {
    this.loaded = null;
  }

  async nodes(ids: readonly string[]): Promise<(NodeRow | null)[]> {
    return ids.map((id) => this.graph.node(id));
  }

  async nodeTrees(ids: readonly string[], trees: readonly TraversalTree[]): Promise<(NodeTree | null)[]> {
    return nodeTreesByLevels(this, ids, trees);
  }

  async traverseTree(ids: readonly string[], tree: TraversalTree): Promise<TreeNeighbour[][]> {
    return traverseTreeByLevels((i, steps) => this.traverse(i, steps), ids, tree);
  }

  async traverse(ids: readonly string[], steps: readonly Step[]): Promise<Neighbour[][]> {
    const g = this.graph;
    return ids.map((id) => {
      if (!g.node(id)) return [];
      let frontier = new Map<string, RelRow | null>([[id, null]]);
      for (const step of steps) {
        const next = new Map<string, RelRow>();
        for (const at of frontier.keys()) {
          g.forEachRel(at, step.type, step.direction, (other, rel) => {
            if (!next.has(other) && matches(g.node(other)!, step.where)) next.set(other, rel);
          });
        }
        frontier = next;
      }
      return [...frontier.entries()]
        .map(([nodeId, rel]) => ({ node: g.node(nodeId)!, rel: rel! }))
        .sort((a, b) => byId(a.node.id, b.node.id));
    });
  }

  async list(label: Label, filter: ListFilter, page: PageRequest): Promise<PageResult> {
    const g = this.graph;
    let ids = g.idsByLabel.get(label) ?? [];
    if (label === 'Area' && filter.regionId) {
      const inRegion = new Set(g.relsOf(filter.regionId, 'IN_REGION', 'IN').map((r) => r.other));
      ids = ids.filter((id) => inRegion.has(id));
    }
    if (label === 'Area' && filter.themeId) {
      const withTheme = g.areasWithTheme(filter.themeId, filter.polarity);
      ids = ids.filter((id) => withTheme.has(id));
    }
    if (filter.kind) ids = ids.filter((id) => (g.node(id) as { kind?: string }).kind === filter.kind);
    const start = page.afterId ? upperBound(ids, page.afterId) : 0;
    const slice = ids.slice(start, start + page.first);
    return { rows: slice.map((id) => g.node(id)!), totalCount: ids.length, hasNextPage: start + page.first < ids.length };
  }

  async themeStats(themeIds: readonly string[]): Promise<ThemeStats[]> {
    const g = this.graph;
    return themeIds.map((themeId) => ({
      themeId,
      findingCount: g.themeFindingCount.get(themeId) ?? 0,
      areaCount: g.areasWithTheme(themeId).size,
    }));
  }

  async sharedWeaknesses(args: SharedWeaknessesArgs) {
    return sharedWeaknesses(this.areaThemes.WEAKNESS, args);
  }

  async patternFindings(patterns: readonly PatternKey[]) {
    const g = this.graph;
    return patterns.map((p) => patternFindings(g, p));
  }

  async similarAreas(args: SimilarAreasArgs) {
    return similarAreas(this.areaThemes[args.polarity], args);
  }

  async agencyNetwork(agencyId: string, maxDepth: number) {
    const g = this.graph;
    if (g.node(agencyId)?.label !== 'Agency') return null;
    return exploreAgencyNetwork(agencyId, maxDepth, async (frontier) => agencyLinks(g, frontier));
  }

  async path(args: PathArgs) {
    return shortestPath(this.graph, args);
  }

  async search(args: SearchArgs) {
    return this.graph.search.query(args.text, args.first, args.labels);
  }

  async stats(): Promise<StoreStats> {
    const g = this.graph;
    const nodes: Record<string, number> = {};
    for (const [label, ids] of g.idsByLabel) nodes[label] = ids.length;
    return { nodes, relationships: g.relationshipCount };
  }
}

/** Index of the first id greater than `after` in a sorted list. */
function upperBound(sorted: string[], after: string): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
