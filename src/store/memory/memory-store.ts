import { inDateRange, inspectionDate } from '../../domain/inspection-order';
import { activeDuring, daysOf } from '../../domain/service-dates';
import type { AgencyRow, AreaRow, Bundle, InspectionFramework, InspectionRow, Label, NodeRow, Polarity, RelRow } from '../../domain/model';
import type {
  GraphStore, ListFilter, Neighbour, PageRequest, PageResult, PathArgs, PatternKey, SearchArgs,
  SharedWeaknessesArgs, SimilarAreasArgs, SimilarFindingsArgs, Step, StoreStats, ThemeCooccurrenceArgs, ThemeStats,
  TraversalTree, TreeNeighbour, NodeTree,
} from '../port';
import { StoreUnavailableError } from '../errors';
import { deadlineTicker } from '../deadline';
import { nodeTreesByLevels, traverseTreeByLevels } from '../traversal-tree';
import { exploreAgencyNetwork } from '../agency-network';
import { tabulateTransitions } from '../outcome-transitions';
import { forEachInspectionBack } from './area-history';
import type { AreaInspectionHistory } from '../port';
import { agencyLinks } from './agency-network';
import { byId } from '../ordering';
import { MemoryGraph } from './memory-graph';
import { AreaThemeIndex } from './area-theme-index';
import { patternFindings, sharedWeaknesses } from './shared-weaknesses';
import { shortestPath } from './shortest-path';
import { similarAreasByThemes } from './similar-areas';
import type { FindingSimilarityIndex } from './finding-similarity-index';
import { buildIndexes, type MemoryIndexes } from './memory-indexes';
import { themeCooccurrence } from './theme-cooccurrence';
import { searchFilter } from './search-filter';
import { parseSearch } from '../search-query';
import { MemoryContext } from './context-index';
import type { IndicatorWindowArgs } from '../context-port';

interface Loaded {
  graph: MemoryGraph;
  /** Per polarity and framework ('' for any), built when first asked for. */
  areaThemes: Map<string, AreaThemeIndex>;
  findingSimilarity: FindingSimilarityIndex;
  context: MemoryContext;
}

const matches = (row: NodeRow, where: Step['where']) =>
  !where || ((!where.label || row.label === where.label) && (!where.polarity || (row as { polarity?: string }).polarity === where.polarity));

/** The embedded default: the whole graph in this process. */
export class MemoryStore implements GraphStore {
  readonly name = 'memory';
  readonly callsAreRoundTrips = false;
  private loaded: Loaded | null = null;

  private get state(): Loaded {
    if (!this.loaded) throw new StoreUnavailableError('the embedded store has no data loaded yet');
    return this.loaded;
  }

  private get graph(): MemoryGraph {
    return this.state.graph;
  }

  private areaThemes(polarity: Polarity, framework: InspectionFramework | null = null): AreaThemeIndex {
    const { graph, areaThemes } = this.state;
    const key = `${polarity}|${framework ?? ''}`;
    let index = areaThemes.get(key);
    if (!index) areaThemes.set(key, (index = new AreaThemeIndex(graph, polarity, framework)));
    return index;
  }

  async load(bundle: Bundle): Promise<void> {
    this.serve(buildIndexes(bundle));
  }

  /** Serves a graph and its indexes built (or restored from a snapshot) elsewhere. */
  serve({ graph, findingSimilarity }: MemoryIndexes): void {
    const areaThemes = new Map<string, AreaThemeIndex>();
    for (const p of ['WEAKNESS', 'STRENGTH'] as const) areaThemes.set(`${p}|`, new AreaThemeIndex(graph, p));
    this.loaded = { graph, areaThemes, findingSimilarity, context: new MemoryContext(graph) }; // built aside and swapped in whole
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
    const tick = deadlineTicker(64);
    return ids.map((id) => {
      if (!g.node(id)) return [];
      let frontier = new Map<string, RelRow | null>([[id, null]]);
      for (const step of steps) {
        const next = new Map<string, RelRow>();
        for (const at of frontier.keys()) {
          tick();
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
    const tick = deadlineTicker();
    let ids = g.idsByLabel.get(label) ?? [];
    if (label === 'Area' && filter.regionId) {
      const inRegion = new Set(g.relsOf(filter.regionId, 'IN_REGION', 'IN').map((r) => r.other));
      ids = ids.filter((id) => inRegion.has(id));
    }
    if (label === 'Area' && filter.themeId) {
      const withTheme = g.areasWithTheme(filter.themeId, filter.polarity);
      ids = ids.filter((id) => withTheme.has(id));
    }
    if (label === 'Inspection' && filter.regionId) {
      const inRegion = new Set(g.relsOf(filter.regionId, 'IN_REGION', 'IN').map((r) => r.other));
      ids = ids.filter((id) => (tick(), g.relsOf(id, 'OF', 'OUT').some((r) => inRegion.has(r.other))));
    }
    if (filter.kind) ids = ids.filter((id) => (g.node(id) as { kind?: string }).kind === filter.kind);
    if (label === 'Agency' && (filter.code || filter.activeOn)) {
      const days = filter.activeOn ? daysOf(filter.activeOn) : null;
      ids = ids.filter((id) => {
        const a = g.node(id) as AgencyRow;
        return (!filter.code || a.odsCode === filter.code || a.onsCode === filter.code) && (!days || activeDuring(a, days));
      });
    }
    if (label === 'Inspection' && (filter.framework || filter.outcome || filter.from || filter.to)) {
      ids = ids.filter((id) => {
        tick();
        const i = g.node(id) as InspectionRow;
        return (!filter.framework || i.framework === filter.framework) && (!filter.outcome || i.outcome === filter.outcome) && inDateRange(inspectionDate(i) || null, filter.from, filter.to);
      });
    }
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
    return sharedWeaknesses(this.areaThemes('WEAKNESS'), args);
  }

  async patternFindings(patterns: readonly PatternKey[]) {
    const g = this.graph;
    const tick = deadlineTicker(1);
    return patterns.map((p) => {
      tick();
      return patternFindings(g, p);
    });
  }

  async similarAreas(args: SimilarAreasArgs) {
    if (args.method === 'FINDINGS') return this.state.findingSimilarity.similarAreas(args);
    return similarAreasByThemes(this.graph, this.areaThemes(args.polarity, args.framework), args);
  }

  async similarFindings(args: SimilarFindingsArgs) {
    return this.state.findingSimilarity.similarFindings(args);
  }

  async themeCooccurrence(args: ThemeCooccurrenceArgs) {
    return themeCooccurrence(this.areaThemes(args.polarity, args.framework), args);
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
    const g = this.graph;
    return g.search.query(parseSearch(args.text), { first: args.first, offset: args.offset, accept: searchFilter(g, args) });
  }

  async outcomeTransitions(from: InspectionFramework, to: InspectionFramework) {
    const g = this.graph;
    const histories: AreaInspectionHistory[] = [];
    const tick = deadlineTicker(16);
    for (const areaId of g.idsByLabel.get('Area') ?? []) {
      tick();
      if ((g.node(areaId) as AreaRow).activeTo) continue;
      const inspections: AreaInspectionHistory['inspections'] = [];
      forEachInspectionBack(g, areaId, (i, id, depth) => {
        if (i.framework === from || i.framework === to) {
          inspections.push({ id: i.id, areaId: id, depth, framework: i.framework, kind: i.kind, outcome: i.outcome, date: inspectionDate(i) || null });
        }
      });
      histories.push({ areaId, inspections });
    }
    return tabulateTransitions(histories, from, to);
  }

  indicators() {
    return this.state.context.indicators();
  }
  indicatorSeries(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null) {
    return this.state.context.indicatorSeries(subjectIds, indicatorId, from, to);
  }
  neighbourEditions() {
    return this.state.context.neighbourEditions();
  }
  statisticalNeighbours(areaIds: readonly string[], edition: string, first: number) {
    return this.state.context.statisticalNeighbours(areaIds, edition, first);
  }
  indicatorByOutcome(args: IndicatorWindowArgs) {
    return this.state.context.indicatorByOutcome(args);
  }
  neighbourComparison(areaId: string, edition: string) {
    return this.state.context.neighbourComparison(areaId, edition);
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
