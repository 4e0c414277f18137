import {
  REL_TYPES, type AgencyKind, type Bundle, type InspectionFramework, type InspectionKind, type InspectionOutcome, type Label, type NodeRow,
  type Polarity, type RelRow, type RelType,
} from '../domain/model';

import type { ContextQueries } from './context-port';

/** The GraphStore port: every adapter (embedded memory, Neo4j) implements this and passes test/store. */

export type Direction = 'OUT' | 'IN';

/** One hop: a relationship type from the fixed list, in one direction, optionally filtering the node reached. */
export interface Step {
  type: RelType;
  direction: Direction;
  where?: NodeWhere;
}
/** Filters on the node a step reaches; keys are fixed here, values travel as parameters. */
export interface NodeWhere {
  label?: Label;
  polarity?: Polarity;
}

export interface Neighbour {
  node: NodeRow;
  /** The relationship of the last hop. */
  rel: RelRow;
}

/**
 * Traversals nested as a request nests them: from each start node `steps`, and from every node
 * reached, each of `children`. Lets an adapter answer a nested request in one round trip.
 */
export interface TraversalTree {
  steps: readonly Step[];
  children: readonly TraversalTree[];
}
/** A node reached by a tree's steps, with what each child traversal reaches from it (children[i] for tree.children[i]). */
export interface TreeNeighbour extends Neighbour {
  children: TreeNeighbour[][];
}

/** A node by id, with what each of a list of traversal trees reaches from it (children[i] for trees[i]). */
export interface NodeTree {
  node: NodeRow;
  children: TreeNeighbour[][];
}

export interface ListFilter {
  /** Areas in the region; inspections of an area in it. */
  regionId?: string | null;
  themeId?: string | null;
  polarity?: Polarity | null;
  kind?: AgencyKind | InspectionKind | null;
  /** Agencies only: an ODS or ONS code (either matches), and an ISO date or prefix the agency existed on (any day of it). */
  code?: string | null;
  activeOn?: string | null;
  /** Inspections only. */
  framework?: InspectionFramework | null;
  outcome?: InspectionOutcome | null;
  /** Inspections dated (start, else publication) from this ISO date prefix and up to this one, both included. */
  from?: string | null;
  to?: string | null;
}
export interface PageRequest {
  first: number;
  /** Exclusive: the id after which the page starts. */
  afterId?: string | null;
}
export interface PageResult {
  rows: NodeRow[];
  totalCount: number;
  hasNextPage: boolean;
}

export interface ThemeStats {
  themeId: string;
  findingCount: number;
  areaCount: number;
}

export interface SharedWeaknessesArgs {
  minAreas: number;
  maxThemes: number;
  regionId?: string | null;
  first?: number | null;
}
export interface WeaknessPatternRow {
  themeIds: string[];
  areaIds: string[];
  support: number;
}
/** A pattern whose evidence is wanted: its themes and the areas that share them. */
export type PatternKey = Pick<WeaknessPatternRow, 'themeIds' | 'areaIds'>;

export const SIMILARITY_METHODS = ['THEMES', 'FINDINGS'] as const;
export type SimilarityMethod = (typeof SIMILARITY_METHODS)[number];

export interface SimilarAreasArgs {
  areaId: string;
  first: number;
  polarity: Polarity;
  /** THEMES (the default): Jaccard over theme sets. FINDINGS: how closely the findings match, pair by pair. */
  method?: SimilarityMethod;
  /** Only findings of inspections under this framework, on both sides. */
  framework?: InspectionFramework | null;
}
/** One piece of evidence: a finding of the given area and one of the other, and why they are paired. */
export interface EvidencePairRow {
  /** THEMES: the shared theme both findings are about. */
  themeId: string | null;
  findingId: string;
  matchId: string;
  /** FINDINGS: the two findings' text similarity. */
  score: number | null;
  /** FINDINGS: the stems the two share, the weightiest first. */
  sharedTerms: string[];
}
export interface AreaSimilarityRow {
  areaId: string;
  score: number;
  sharedThemeIds: string[];
  /** Ordered: by theme id (THEMES), by score then the given area's finding id (FINDINGS). */
  evidence: EvidencePairRow[];
}

export interface SimilarFindingsArgs {
  findingId: string;
  first: number;
  /** Null: either polarity. */
  polarity?: Polarity | null;
  framework?: InspectionFramework | null;
  /** Leave out the findings of the given finding's own area. */
  excludeSameArea: boolean;
}
export interface SimilarFindingRow {
  findingId: string;
  score: number;
  sharedTerms: string[];
}

export interface ThemeCooccurrenceArgs {
  polarity: Polarity;
  framework?: InspectionFramework | null;
  minAreas: number;
  first: number;
}
export interface ThemePairRow {
  /** Two theme ids, in id order. */
  themeIds: [string, string];
  /** How many areas have findings about both, and which, by id. */
  count: number;
  areaIds: string[];
  /** Areas with findings about each theme, and with any finding at all (of the polarity and framework). */
  themeAreaCounts: [number, number];
  areasWithFindings: number;
  /** count over the count expected if the themes were independent: count * areas / (n1 * n2). */
  lift: number;
}

export const AGENCY_LINK_KINDS = ['SHARED_AREA', 'SHARED_FINDING', 'SHARED_ACTION', 'SUCCESSION'] as const;
export type AgencyLinkKind = (typeof AGENCY_LINK_KINDS)[number];
export interface AgencyLinkRow {
  fromId: string;
  toId: string;
  kind: AgencyLinkKind;
  /** The area, finding or action the two share; for succession, the successor's id. */
  viaId: string;
}
export interface AgencyNetworkRow {
  centerId: string;
  members: { agencyId: string; depth: number }[];
  links: AgencyLinkRow[];
}

/**
 * Paths follow every relationship but REPORTED_IN unless asked to: two things reported in the
 * same document (or the same dataset) are rarely the connection a researcher is after.
 */
export const DEFAULT_PATH_TYPES: readonly RelType[] = REL_TYPES.filter((t) => t !== 'REPORTED_IN');

export interface PathArgs {
  fromId: string;
  toId: string;
  maxHops: number;
  relationshipTypes?: readonly RelType[] | null;
}
export interface PathRow {
  nodeIds: string[];
  /** relationships[i] joins nodeIds[i] and nodeIds[i + 1], in whichever direction it was stated. */
  relationships: RelRow[];
}

/**
 * What a search may be narrowed to. `labels` keeps nodes of those labels; every other filter keeps
 * only the nodes it can be said of: polarity and themeId findings; framework, areaId, regionId,
 * from and to the inspections, and the findings and actions of inspections, that match (an
 * inspection's date is its start, else its publication, as `inspections(from:, to:)` reads it);
 * agencyId the findings that concern the agency and the actions it owns.
 */
export interface SearchFilter {
  labels?: readonly Label[] | null;
  polarity?: Polarity | null;
  framework?: InspectionFramework | null;
  areaId?: string | null;
  regionId?: string | null;
  themeId?: string | null;
  agencyId?: string | null;
  from?: string | null;
  to?: string | null;
}
export interface SearchArgs extends SearchFilter {
  /** The query, in the syntax search-query.ts reads (a SearchSyntaxError when it cannot). */
  text: string;
  first: number;
  /** Hits to skip, best first. */
  offset?: number;
}
export interface SearchHitRow {
  id: string;
  score: number;
  snippet: string | null;
  /** The matched words in the snippet, [start, end) offsets. */
  marks: [number, number][];
}
export interface SearchPage {
  hits: SearchHitRow[];
  /** Every hit the query and filters match, across pages. */
  totalCount: number;
}

/** One active area's inspections, its own (depth 0) and its predecessors' (depth 1, 2, ...), in the frameworks asked for. */
export interface AreaInspectionHistory {
  areaId: string;
  inspections: {
    id: string;
    areaId: string;
    depth: number;
    framework: InspectionFramework;
    kind: InspectionKind;
    outcome: InspectionOutcome | null;
    /** Start date, else publication date. */
    date: string | null;
  }[];
}

/** A cell of the cross-tabulation of outcomes between two frameworks: areas with the same three outcomes. */
export interface OutcomeTransitionRow {
  from: InspectionOutcome | null;
  revisit: InspectionOutcome | null;
  to: InspectionOutcome | null;
  areaIds: string[];
}

export interface StoreStats {
  nodes: Record<string, number>;
  relationships: number;
}

export interface GraphStore extends ContextQueries {
  readonly name: string;
  /**
   * Whether each call is a round trip to a server (Neo4j): the API then fetches a nested
   * request's traversals in one call (traverseTree, nodeTrees). The embedded store answers those
   * level by level anyway, and the API calls it one level at a time, which costs it less.
   */
  readonly callsAreRoundTrips: boolean;

  nodes(ids: readonly string[]): Promise<(NodeRow | null)[]>;
  /** For each id, the distinct nodes reached by following the steps, ordered by id. */
  traverse(ids: readonly string[], steps: readonly Step[]): Promise<Neighbour[][]>;
  /** For each id, what `traverse` answers for tree.steps, each node reached carrying the answers of tree.children from it. */
  traverseTree(ids: readonly string[], tree: TraversalTree): Promise<TreeNeighbour[][]>;
  /** What `nodes` answers, each node found carrying what `traverseTree` answers from it for each of the trees. */
  nodeTrees(ids: readonly string[], trees: readonly TraversalTree[]): Promise<(NodeTree | null)[]>;
  list(label: Label, filter: ListFilter, page: PageRequest): Promise<PageResult>;
  themeStats(themeIds: readonly string[]): Promise<ThemeStats[]>;

  sharedWeaknesses(args: SharedWeaknessesArgs): Promise<WeaknessPatternRow[]>;
  /** For each pattern, the weakness findings in its areas about any of its themes, ordered by id. */
  patternFindings(patterns: readonly PatternKey[]): Promise<string[][]>;
  similarAreas(args: SimilarAreasArgs): Promise<AreaSimilarityRow[]>;
  /** Findings of areas whose wording is most like the given finding's, by TF-IDF cosine over stems (see finding-similarity.ts). */
  similarFindings(args: SimilarFindingsArgs): Promise<SimilarFindingRow[]>;
  themeCooccurrence(args: ThemeCooccurrenceArgs): Promise<ThemePairRow[]>;
  agencyNetwork(agencyId: string, maxDepth: number): Promise<AgencyNetworkRow | null>;
  path(args: PathArgs): Promise<PathRow | null>;
  /** The hits best first (score, then id), from `offset`, and how many there are in all. */
  search(args: SearchArgs): Promise<SearchPage>;
  /** Each area's outcome in one framework (and its revisit) against its outcome in another, across changes of area. */
  outcomeTransitions(from: InspectionFramework, to: InspectionFramework): Promise<OutcomeTransitionRow[]>;
  stats(): Promise<StoreStats>;

  /** Replaces the store's contents with the bundle, all or nothing. */
  load(bundle: Bundle): Promise<void>;
  close(): Promise<void>;
}
