import neo4j, { type Driver, type Node, type Record as Neo4jRecord } from 'neo4j-driver';
import type { Bundle, InspectionFramework, Label, NodeRow } from '../../domain/model';
import { exploreAgencyNetwork, sharedLink } from '../agency-network';
import { checkDeadline, currentDeadline, DeadlineExceededError, remainingMs } from '../deadline';
import { StoreUnavailableError } from '../errors';
import { MAX_PREDECESSOR_DEPTH, tabulateTransitions } from '../outcome-transitions';
import { snippetFor } from '../search-text';
import { parseSearch, wantedTerms } from '../search-query';
import { byId } from '../ordering';
import { rankSharedTerms } from '../finding-similarity';
import { sharedWeaknesses as mineSharedWeaknesses, themeAreaSets } from '../memory/shared-weaknesses';
import type {
  AgencyLinkRow, AreaInspectionHistory, AreaSimilarityRow, EvidencePairRow, GraphStore, OutcomeTransitionRow, ListFilter, Neighbour, PageRequest,
  PageResult, PathArgs, PathRow, PatternKey, SearchArgs, SearchHitRow, SearchPage, SharedWeaknessesArgs, SimilarAreasArgs, SimilarFindingRow,
  SimilarFindingsArgs, Step, StoreStats, ThemeCooccurrenceArgs, ThemePairRow, ThemeStats, TraversalTree, TreeNeighbour, NodeTree, WeaknessPatternRow,
} from '../port';
import * as cypher from './cypher';
import { distinctById } from '../traversal-tree';
import { writeBundle } from './seed-writer';
import { Neo4jContext } from './context-queries';
import type { IndicatorWindowArgs } from '../context-port';
import { nodeToRow, relFromParts, toPlain } from './values';

/** Driver errors that mean "the database cannot be reached now", as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED, 'Neo.ClientError.Security.AuthorizationExpired']);

export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.') || (err as { retriable?: boolean }).retriable === true;
}

/** Neo4j stopped the transaction at its timeout (4.4 and 5 name it differently). */
export const isTimedOut = (err: unknown): boolean => /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test((err as { code?: string }).code ?? '');

/** What traverseTreeStatement answers for each node reached. */
interface ReachedValue {
  node: Node;
  relType: string;
  fromId: string;
  toId: string;
  relProps: unknown;
  children: ReachedValue[][];
}

function treeNeighbours(reached: readonly ReachedValue[], tree: TraversalTree): TreeNeighbour[] {
  const neighbours = reached.map((r) => ({ r, node: nodeToRow(r.node), rel: relFromParts(r.relType, r.fromId, r.toId, r.relProps) }));
  return distinctById(neighbours).map(({ r, node, rel }) => ({
    node,
    rel,
    children: tree.children.map((child, i) => treeNeighbours(r.children[i] ?? [], child)),
  }));
}

/** The GraphStore port over Neo4j: every method one Cypher statement (the agency walk, one per level). */
export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j';
  readonly callsAreRoundTrips = true;
  /** Cypher statements sent, for tests and per-request metrics. */
  roundTrips = 0;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private dialect: cypher.Dialect = cypher.LEGACY_DIALECT,
  ) {}

  private readonly context = new Neo4jContext((s) => this.read(s));

  indicators() {
    return this.context.indicators();
  }
  indicatorSeries(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null) {
    return this.context.indicatorSeries(subjectIds, indicatorId, from, to);
  }
  neighbourEditions() {
    return this.context.neighbourEditions();
  }
  statisticalNeighbours(areaIds: readonly string[], edition: string, first: number) {
    return this.context.statisticalNeighbours(areaIds, edition, first);
  }
  indicatorByOutcome(args: IndicatorWindowArgs) {
    return this.context.indicatorByOutcome(args);
  }
  neighbourComparison(areaId: string, edition: string) {
    return this.context.neighbourComparison(areaId, edition);
  }

  /** For schema checks and seeding, which are not part of the port. */
  driverForAdmin(): Driver {
    return this.driver;
  }

  get databaseName(): string {
    return this.database;
  }

  /** The server's version, choosing the Cypher dialect to match it. */
  async detectVersion(): Promise<{ version: string; edition: string }> {
    const [rec] = await this.read(cypher.versionStatement);
    const version = String(rec.get('version'));
    this.dialect = cypher.dialectFor(version);
    return { version, edition: String(rec.get('edition')) };
  }

  private async read(statement: cypher.Statement): Promise<Neo4jRecord[]> {
    this.roundTrips++;
    // The request's remaining time becomes the transaction's timeout: Neo4j stops the query itself.
    checkDeadline();
    const timeout = remainingMs();
    try {
      const result = await this.driver.executeQuery(statement.text, statement.params, {
        database: this.database,
        routing: neo4j.routing.READ,
        ...(timeout === undefined ? {} : { transactionConfig: { timeout } }),
      });
      return result.records;
    } catch (err) {
      const deadline = currentDeadline();
      if (deadline && isTimedOut(err)) throw new DeadlineExceededError(deadline.timeoutMs);
      if (isUnavailable(err)) throw new StoreUnavailableError(`Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw err;
    }
  }

  async nodes(ids: readonly string[]): Promise<(NodeRow | null)[]> {
    const records = await this.read(cypher.nodesStatement(ids));
    const byNodeId = new Map<string, NodeRow>();
    for (const r of records) {
      const node = r.get('node') as Node | null;
      if (node) byNodeId.set(r.get('id') as string, nodeToRow(node));
    }
    return ids.map((id) => byNodeId.get(id) ?? null);
  }

  async traverse(ids: readonly string[], steps: readonly Step[]): Promise<Neighbour[][]> {
    const records = await this.read(cypher.traverseStatement(ids, steps));
    const byStart = new Map<string, Neighbour[]>();
    for (const r of records) {
      const list = byStart.get(r.get('id')) ?? [];
      list.push({ node: nodeToRow(r.get('node')), rel: relFromParts(r.get('relType'), r.get('fromId'), r.get('toId'), r.get('relProps')) });
      byStart.set(r.get('id'), list);
    }
    return ids.map((id) => byStart.get(id) ?? []);
  }

  /** One statement for the whole tree, however deep (see traverseTreeStatement). */
  async traverseTree(ids: readonly string[], tree: TraversalTree): Promise<TreeNeighbour[][]> {
    const records = await this.read(cypher.traverseTreeStatement(ids, tree));
    const byStart = new Map(records.map((r) => [r.get('id') as string, r.get('reached') as ReachedValue[]]));
    return ids.map((id) => treeNeighbours(byStart.get(id) ?? [], tree));
  }

  async nodeTrees(ids: readonly string[], trees: readonly TraversalTree[]): Promise<(NodeTree | null)[]> {
    const records = await this.read(cypher.nodeTreesStatement(ids, trees));
    const byId = new Map<string, NodeTree>();
    for (const r of records) {
      const node = r.get('node') as Node | null;
      const reached = r.get('reached') as ReachedValue[][];
      if (node) byId.set(r.get('id') as string, { node: nodeToRow(node), children: trees.map((tree, i) => treeNeighbours(reached[i] ?? [], tree)) });
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(label: Label, filter: ListFilter, page: PageRequest): Promise<PageResult> {
    const [rec] = await this.read(cypher.listStatement(this.dialect, label, filter, page.first, page.afterId));
    const rows = (rec.get('rows') as Node[]).map(nodeToRow);
    return { rows: rows.slice(0, page.first), totalCount: toPlain(rec.get('total')) as number, hasNextPage: rows.length > page.first };
  }

  async themeStats(themeIds: readonly string[]): Promise<ThemeStats[]> {
    const records = await this.read(cypher.themeStatsStatement(themeIds));
    const stats = new Map(records.map((r) => [r.get('id') as string, r]));
    return themeIds.map((themeId) => ({
      themeId,
      findingCount: toPlain(stats.get(themeId)?.get('findingCount') ?? 0) as number,
      areaCount: toPlain(stats.get(themeId)?.get('areaCount') ?? 0) as number,
    }));
  }

  /** Reads each weakness theme's areas from HAS_THEME in one statement; mines them as the embedded store does. */
  async sharedWeaknesses(args: SharedWeaknessesArgs): Promise<WeaknessPatternRow[]> {
    const records = await this.read(cypher.sharedWeaknessesStatement(this.dialect, args));
    const sets = themeAreaSets(records.map((r) => ({ themeId: r.get('themeId') as string, areaIds: r.get('areaIds') as string[] })));
    // The statement has already kept only the region's areas.
    return mineSharedWeaknesses(sets, { ...args, regionId: null });
  }

  async patternFindings(patterns: readonly PatternKey[]): Promise<string[][]> {
    if (patterns.length === 0) return [];
    const records = await this.read(cypher.patternFindingsStatement(this.dialect, patterns));
    const out: string[][] = patterns.map(() => []);
    for (const r of records) out[toPlain(r.get('i')) as number] = [...(r.get('findingIds') as string[])].sort(byId);
    return out;
  }

  async similarAreas(args: SimilarAreasArgs): Promise<AreaSimilarityRow[]> {
    if (args.method === 'FINDINGS') return this.similarAreasByFindings(args);
    const records = await this.read(cypher.similarAreasStatement(args));
    return records.map((r) => {
      const shared = (r.get('shared') as { themeId: string; findingId: string; matchId: string }[]).sort((a, b) => byId(a.themeId, b.themeId));
      return {
        areaId: r.get('areaId'),
        score: toPlain(r.get('score')) as number,
        sharedThemeIds: shared.map((e) => e.themeId),
        evidence: shared.map((e): EvidencePairRow => ({ ...e, score: null, sharedTerms: [] })),
      };
    });
  }

  private async similarAreasByFindings(args: SimilarAreasArgs): Promise<AreaSimilarityRow[]> {
    const records = await this.read(cypher.areaFindingVectorsStatement(args.areaId, args.polarity, args.framework ?? null));
    const mine = records.map((r) => queryVector(r.get('id'), r.get('text'), r.get('weights')));
    const withStems = mine.filter((m): m is cypher.QueryVector => m !== null);
    if (withStems.length === 0 || args.first === 0) return [];
    const rows = await this.read(cypher.similarAreasByFindingsStatement(withStems, mine.length, args));
    return rows.map((r) => ({
      areaId: r.get('areaId'),
      score: toPlain(r.get('score')) as number,
      sharedThemeIds: [],
      evidence: (toPlain(r.get('pairs')) as { findingId: string; matchId: string; score: number; shared: [string, number][] }[])
        .sort((a, b) => b.score - a.score || byId(a.findingId, b.findingId))
        .map((p) => ({ themeId: null, findingId: p.findingId, matchId: p.matchId, score: p.score, sharedTerms: rankSharedTerms(p.shared) })),
    }));
  }

  async similarFindings(args: SimilarFindingsArgs): Promise<SimilarFindingRow[]> {
    const [rec] = await this.read(cypher.findingVectorStatement(args.findingId));
    const m = rec && queryVector(args.findingId, rec.get('text'), rec.get('weights'));
    if (!m || args.first === 0) return [];
    const excluded = args.excludeSameArea ? (rec.get('areaIds') as string[]) : [];
    const records = await this.read(cypher.similarFindingsStatement(m, args, excluded));
    return records.map((r) => ({
      findingId: r.get('findingId'),
      score: toPlain(r.get('score')) as number,
      sharedTerms: rankSharedTerms(toPlain(r.get('shared')) as [string, number][]),
    }));
  }

  async themeCooccurrence(args: ThemeCooccurrenceArgs): Promise<ThemePairRow[]> {
    const records = await this.read(cypher.themeCooccurrenceStatement(args));
    return records.map((r) => ({
      themeIds: r.get('themeIds') as [string, string],
      count: toPlain(r.get('areaCount')) as number,
      areaIds: [...(r.get('areaIds') as string[])].sort(byId),
      themeAreaCounts: toPlain(r.get('themeAreaCounts')) as [number, number],
      areasWithFindings: toPlain(r.get('areasWithFindings')) as number,
      lift: toPlain(r.get('lift')) as number,
    }));
  }

  async agencyNetwork(agencyId: string, maxDepth: number) {
    const [center] = await this.nodes([agencyId]);
    if (center?.label !== 'Agency') return null;
    return exploreAgencyNetwork(agencyId, maxDepth, async (frontier) => {
      const records = await this.read(cypher.agencyLinksStatement(this.dialect, frontier));
      return records.map((r): AgencyLinkRow => {
        const [id, other, via] = [r.get('agencyId') as string, r.get('other') as string, r.get('via') as string];
        switch (r.get('orientation')) {
          case 'SUCCESSOR':
            return { fromId: id, toId: other, kind: 'SUCCESSION', viaId: via };
          case 'PREDECESSOR':
            return { fromId: other, toId: id, kind: 'SUCCESSION', viaId: via };
          default:
            return sharedLink(r.get('kind'), id, other, via);
        }
      });
    });
  }

  async path(args: PathArgs): Promise<PathRow | null> {
    if (args.fromId === args.toId) {
      const [node] = await this.nodes([args.fromId]);
      return node ? { nodeIds: [node.id], relationships: [] } : null;
    }
    const [rec] = await this.read(cypher.pathStatement(args));
    if (!rec) return null;
    const rels = rec.get('rels') as { type: string; from: string; to: string; props: unknown }[];
    return { nodeIds: rec.get('nodeIds'), relationships: rels.map((r) => relFromParts(r.type, r.from, r.to, r.props)) };
  }

  async search(args: SearchArgs): Promise<SearchPage> {
    const q = parseSearch(args.text);
    if (q.required.length === 0) return { hits: [], totalCount: 0 };
    const [rec] = await this.read(cypher.searchStatement(q, args, args.first, args.offset ?? 0));
    const matcher = wantedTerms(q);
    const hits = (rec.get('page') as { node: Node; score: unknown }[]).map((h): SearchHitRow => {
      const row = nodeToRow(h.node);
      return { id: row.id, score: toPlain(h.score) as number, ...snippetFor(row, matcher) };
    });
    return { hits, totalCount: toPlain(rec.get('totalCount')) as number };
  }

  async outcomeTransitions(from: InspectionFramework, to: InspectionFramework): Promise<OutcomeTransitionRow[]> {
    const records = await this.read(cypher.areaHistoriesStatement([from, to], MAX_PREDECESSOR_DEPTH));
    const histories = records.map((r) => ({
      areaId: r.get('areaId') as string,
      inspections: toPlain(r.get('inspections')) as AreaInspectionHistory['inspections'],
    }));
    return tabulateTransitions(histories, from, to);
  }

  async stats(): Promise<StoreStats> {
    const [rec] = await this.read(cypher.statsStatement(this.dialect));
    const nodes: Record<string, number> = {};
    for (const { label, count } of toPlain(rec.get('nodes')) as { label: string; count: number }[]) if (count > 0) nodes[label] = count;
    return { nodes, relationships: toPlain(rec.get('relationships')) as number };
  }

  async load(bundle: Bundle): Promise<void> {
    await writeBundle(this.driver, this.database, bundle);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** A stored finding vector as the similarity queries' parameters; null when it has no stems (nothing to match). */
function queryVector(id: string, text: string | null, weights: number[] | null): cypher.QueryVector | null {
  if (!text || !weights?.length) return null;
  const terms = text.split(' ');
  return { id, query: text, weights: Object.fromEntries(terms.map((t, i) => [t, weights[i]])) };
}
