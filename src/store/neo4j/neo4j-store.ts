import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import { POLARITIES, type Bundle, type InspectionFramework, type Label, type NodeRow } from '../../domain/model';
import { exploreAgencyNetwork, sharedLink } from '../agency-network';
import { checkDeadline, currentDeadline, DeadlineExceededError, remainingMs } from '../deadline';
import { StoreUnavailableError } from '../errors';
import { withRetry, type RetryPolicy } from './connect';
import { MAX_PREDECESSOR_DEPTH, tabulateTransitions } from '../outcome-transitions';
import { snippetFor } from '../search-text';
import { parseSearch, wantedTerms } from '../search-query';
import { byId } from '../ordering';
import { cosine, rankSharedTerms, type TermVector } from '../finding-similarity';
import { similarFromClosest, type ClosestEntry } from '../similar-to';
import { sharedWeaknesses as mineSharedWeaknesses, themeAreaSets } from '../memory/shared-weaknesses';
import type {
  AgencyLinkRow, AreaInspectionHistory, AreaSimilarityRow, EvidencePairRow, GraphStore, OutcomeTransitionRow, ListFilter, Neighbour, PageRequest,
  PageResult, PathArgs, PathRow, PatternKey, SearchArgs, SearchHitRow, SearchPage, SharedWeaknessesArgs, SimilarAreasArgs, SimilarFindingRow,
  SimilarFindingsArgs, Step, StoreStats, ThemeCooccurrenceArgs, ThemePairRow, ThemeStats, TraversalTree, TreeNeighbour, NodeTree, WeaknessPatternRow,
} from '../port';
import * as cypher from './cypher';
import { writeBundle } from './seed-writer';
import { Neo4jContext } from './context-queries';
import type { IndicatorWindowArgs } from '../context-port';
import { relFromParts, rowFromValue, toPlain } from './values';
import { treeBranches, treesFromRows, type TreeRow } from '../tree-rows';

/** Driver errors that mean "the database cannot be reached now", as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED, 'Neo.ClientError.Security.AuthorizationExpired']);

export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.') || (err as { retriable?: boolean }).retriable === true;
}

/** Neo4j stopped the transaction at its timeout (4.4 and 5 name it differently). */
export const isTimedOut = (err: unknown): boolean => /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test((err as { code?: string }).code ?? '');

/** Reads retried on transient errors: four tries within about a second and a half, never past the request's deadline. */
const READ_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 800 };

/** A row of the tree statements (cypher.ts treeRowsStatement). */
const treeRow = (r: Neo4jRecord): TreeRow => ({
  branch: toPlain(r.get('branch')) as number,
  parentId: r.get('parentId') as string,
  node: rowFromValue(r.get('node')),
  rel: relFromParts(r.get('relType'), r.get('fromId'), r.get('toId'), r.get('relProps')),
});

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
    checkDeadline();
    try {
      // A read changes nothing, so a transient failure (a leader switch, a restart) is tried again,
      // as the driver's managed transactions did, while the request has time left.
      return await withRetry(() => this.readOnce(statement), READ_RETRY, () => undefined, (err) => neo4j.isRetryableError(err) && (remainingMs() ?? Infinity) > READ_RETRY.maxDelayMs);
    } catch (err) {
      const deadline = currentDeadline();
      if (deadline && isTimedOut(err)) throw new DeadlineExceededError(deadline.timeoutMs);
      if (isUnavailable(err)) throw new StoreUnavailableError(`Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw err;
    }
  }

  /** An auto-commit read (RUN and PULL, no BEGIN and COMMIT): one network round trip, where an explicit transaction takes two. */
  private async readOnce(statement: cypher.Statement): Promise<Neo4jRecord[]> {
    // The request's remaining time becomes the query's timeout: Neo4j stops the query itself.
    const timeout = remainingMs();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(statement.text, statement.params, timeout === undefined ? undefined : { timeout });
      return result.records;
    } finally {
      await session.close();
    }
  }

  async nodes(ids: readonly string[]): Promise<(NodeRow | null)[]> {
    const records = await this.read(cypher.nodesStatement(ids));
    const byNodeId = new Map<string, NodeRow>();
    for (const r of records) {
      const node = r.get('node') as unknown;
      if (node) byNodeId.set(r.get('id') as string, rowFromValue(node));
    }
    return ids.map((id) => byNodeId.get(id) ?? null);
  }

  async traverse(ids: readonly string[], steps: readonly Step[]): Promise<Neighbour[][]> {
    const records = await this.read(cypher.traverseStatement(ids, steps));
    const byStart = new Map<string, Neighbour[]>();
    for (const r of records) {
      const list = byStart.get(r.get('id')) ?? [];
      list.push({ node: rowFromValue(r.get('node')), rel: relFromParts(r.get('relType'), r.get('fromId'), r.get('toId'), r.get('relProps')) });
      byStart.set(r.get('id'), list);
    }
    return ids.map((id) => byStart.get(id) ?? []);
  }

  /** One statement for the whole tree, however deep (see traverseTreeStatement). */
  async traverseTree(ids: readonly string[], tree: TraversalTree): Promise<TreeNeighbour[][]> {
    const records = await this.read(cypher.traverseTreeStatement(this.dialect, ids, tree));
    return treesFromRows(records.map(treeRow), treeBranches([tree]), ids).map(([reached]) => reached);
  }

  async nodeTrees(ids: readonly string[], trees: readonly TraversalTree[]): Promise<(NodeTree | null)[]> {
    const records = await this.read(cypher.nodeTreesStatement(this.dialect, ids, trees));
    const starts = new Map<string, NodeRow>();
    for (const r of records) if (toPlain(r.get('branch')) === -1) starts.set(r.get('id') as string, rowFromValue(r.get('node')));
    const children = treesFromRows(records.filter((r) => toPlain(r.get('branch')) !== -1).map(treeRow), treeBranches(trees), ids);
    return ids.map((id, i) => {
      const node = starts.get(id);
      return node ? { node, children: children[i] } : null;
    });
  }

  async list(label: Label, filter: ListFilter, page: PageRequest): Promise<PageResult> {
    const [rec] = await this.read(cypher.listStatement(this.dialect, label, filter, page.first, page.afterId));
    const rows = (rec.get('rows') as unknown[]).map(rowFromValue);
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

  /** Reads each theme's stored weakness areas (and a region's areas) in one statement; mines them as the embedded store does. */
  async sharedWeaknesses(args: SharedWeaknessesArgs): Promise<WeaknessPatternRow[]> {
    const records = await this.read(cypher.sharedWeaknessesStatement(this.dialect, args));
    let rows = records.map((r) => ({ themeId: r.get('themeId') as string | null, areaIds: r.get('areaIds') as string[] }));
    if (args.regionId) {
      // The row without a theme holds the region's areas.
      const inRegion = new Set(rows.find((r) => r.themeId === null)?.areaIds ?? []);
      rows = rows.filter((r) => r.themeId !== null).map((r) => ({ ...r, areaIds: r.areaIds.filter((a) => inRegion.has(a)) }));
    }
    const sets = themeAreaSets(rows.filter((r): r is { themeId: string; areaIds: string[] } => r.themeId !== null && r.areaIds.length >= args.minAreas));
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
      const [themeIds, findingIds, matchIds] = ['themeIds', 'findingIds', 'matchIds'].map((k) => r.get(k) as string[]);
      return {
        areaId: r.get('areaId'),
        score: toPlain(r.get('score')) as number,
        sharedThemeIds: themeIds,
        evidence: themeIds.map((themeId, i): EvidencePairRow => ({ themeId, findingId: findingIds[i], matchId: matchIds[i], score: null, sharedTerms: [] })),
      };
    });
  }

  private async similarAreasByFindings(args: SimilarAreasArgs): Promise<AreaSimilarityRow[]> {
    if (args.first === 0) return [];
    const rows = await this.read(cypher.similarAreasByFindingsStatement(this.dialect, args));
    return rows.map((r) => ({
      areaId: r.get('areaId'),
      score: toPlain(r.get('score')) as number,
      sharedThemeIds: [],
      evidence: (r.get('pairs') as StoredPair[])
        .map((p) => ({ themeId: null, findingId: p.findingId, matchId: p.matchId, ...cosine(termVector(p.findingText, p.findingWeights), termVector(p.matchText, p.matchWeights)) }))
        .sort((a, b) => b.score - a.score || byId(a.findingId, b.findingId)),
    }));
  }

  /** From the finding's stored SIMILAR_TO lists (see similar-to.ts); the exhaustive search only when they cannot prove the answer. */
  async similarFindings(args: SimilarFindingsArgs): Promise<SimilarFindingRow[]> {
    if (args.first === 0) return [];
    const [rec] = await this.read(cypher.closestFindingsStatement(args.findingId, args.polarity ?? null));
    if (!rec) return [];
    const me = termVector(rec.get('text'), rec.get('weights'));
    const stored = (rec.get('closest') as (ClosestEntry & { text: string; weights: number[] })[]).map((e) => ({ ...e, score: toPlain(e.score) as number }));
    const lists = (args.polarity ? [args.polarity] : POLARITIES).map((p) => stored.filter((e) => e.polarity === p));
    const ownAreaIds = rec.get('ownAreaIds') as string[];
    const picked = similarFromClosest(lists, args, ownAreaIds) as typeof stored | null;
    if (picked) return picked.map((e) => ({ findingId: e.to, ...cosine(me, termVector(e.text, e.weights)) }));
    const m = queryVector(args.findingId, rec.get('text'), rec.get('weights'));
    if (!m) return [];
    const records = await this.read(cypher.similarFindingsStatement(m, args, args.excludeSameArea ? ownAreaIds : []));
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

  /**
   * One statement for two levels of the walk (the frontier's links and its neighbours'), so
   * maxDepth 2 is one statement; its SELF rows say whether the start is an agency.
   */
  async agencyNetwork(agencyId: string, maxDepth: number) {
    if (maxDepth < 1) {
      const [center] = await this.nodes([agencyId]);
      if (center?.label !== 'Agency') return null;
    }
    let isAgency = maxDepth < 1;
    // Each agency's links, for those fetched: the walk's later levels are read from here when fetched ahead.
    const linksOf = new Map<string, AgencyLinkRow[]>();
    let level = 0;
    const network = await exploreAgencyNetwork(agencyId, maxDepth, async (frontier) => {
      level++;
      const missing = frontier.filter((id) => !linksOf.has(id));
      if (missing.length > 0) {
        const records = await this.read(cypher.agencyLinksStatement(this.dialect, missing, level < maxDepth ? 2 : 1));
        for (const id of missing) linksOf.set(id, []);
        for (const r of records) {
          const [id, other, via] = [r.get('agencyId') as string, r.get('other') as string, r.get('via') as string];
          const list = linksOf.get(id) ?? [];
          linksOf.set(id, list);
          switch (r.get('orientation')) {
            case 'SELF':
              if (id === agencyId) isAgency = true;
              break;
            case 'SUCCESSOR':
              list.push({ fromId: id, toId: other, kind: 'SUCCESSION', viaId: via });
              break;
            case 'PREDECESSOR':
              list.push({ fromId: other, toId: id, kind: 'SUCCESSION', viaId: via });
              break;
            default:
              list.push(sharedLink(r.get('kind'), id, other, via));
          }
        }
      }
      return frontier.flatMap((id) => linksOf.get(id) ?? []);
    });
    return isAgency ? network : null;
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
    const [rec] = await this.read(cypher.searchStatement(this.dialect, q, args, args.first, args.offset ?? 0));
    const matcher = wantedTerms(q);
    const hits = (rec.get('page') as { node: unknown; score: unknown }[]).map((h): SearchHitRow => {
      const row = rowFromValue(h.node);
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

/** What similarAreasByFindingsStatement answers for each pair: the two findings with their stored vectors. */
interface StoredPair {
  findingId: string;
  matchId: string;
  findingText: string | null;
  findingWeights: number[] | null;
  matchText: string | null;
  matchWeights: number[] | null;
}

/** A stored vector (SIMILARITY_TEXT and SIMILARITY_WEIGHTS) as finding-similarity.ts has it. */
const termVector = (text: string | null, weights: number[] | null): TermVector => (text && weights?.length ? { terms: text.split(' '), weights } : { terms: [], weights: [] });

/** A stored finding vector as the exhaustive query's parameters; null when it has no stems (nothing to match). */
function queryVector(id: string, text: string | null, weights: number[] | null): cypher.QueryVector | null {
  if (!text || !weights?.length) return null;
  const terms = text.split(' ');
  return { id, query: text, weights: Object.fromEntries(terms.map((t, i) => [t, weights[i]])) };
}
