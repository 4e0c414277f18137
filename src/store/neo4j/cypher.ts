import neo4j from 'neo4j-driver';
import { LABELS, REL_TYPES, type FindingRow, type Label, type RelType, type ThemeRow } from '../../domain/model';
import { daysOf } from '../../domain/service-dates';
import { HAS_THEME, hasThemeVariant, WEAKNESS_AREAS } from '../has-theme';
import { SIMILAR_TO } from '../similar-to';
import { allBranches, treeBranches, type TreeBranch } from '../tree-rows';
import { SIMILAR_BY_FINDINGS } from '../similar-by-findings';
import { SIMILAR_BY_THEMES } from '../similar-by-themes';
import { FIELD_BOOSTS, type SearchField } from '../search-text';
import type { Clause, SearchQuery } from '../search-query';
import {
  DEFAULT_PATH_TYPES, type ListFilter, type PathArgs, type PatternKey, type SearchFilter, type SharedWeaknessesArgs, type SimilarAreasArgs, type SimilarFindingsArgs, type Step,
  type ThemeCooccurrenceArgs, type TraversalTree,
} from '../port';

/**
 * Every Cypher statement the Neo4j adapter runs, as text plus parameters. Labels, relationship
 * types and numbers that Cypher cannot take as parameters (variable-length bounds) come only from
 * the fixed lists in domain/model.ts or from checked integers; every value is a parameter.
 * The forms used run on Neo4j 4.4 and 5: pattern comprehensions rather than COUNT {}, CALL {}
 * subqueries with importing WITH, FOR ... REQUIRE constraints, db.index.fulltext.queryNodes.
 *
 * Each statement's comment says which index it starts from and roughly how many rows it touches
 * at national scale (152 areas, 444 inspections, ~13k findings, 24 themes, ~59k relationships,
 * ~5k derived HAS_THEME relationships: see has-theme.ts). The analyses read HAS_THEME, never
 * every finding.
 */

export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

/**
 * What the connected server accepts beyond the 4.4 baseline, chosen by its version at start-up.
 * Neo4j 5.23 deprecated `CALL { WITH x ... }` for `CALL (x) { ... }`, which 4.4 cannot parse.
 */
export interface Dialect {
  scopedSubqueries: boolean;
}
export const LEGACY_DIALECT: Dialect = { scopedSubqueries: false };
export const MODERN_DIALECT: Dialect = { scopedSubqueries: true };

export function dialectFor(version: string): Dialect {
  const [major, minor] = version.split('.').map((n) => Number.parseInt(n, 10));
  // Neo4j moved to calendar versions (2025.01 ...) after 5.26.
  return major > 5 || (major === 5 && minor >= 23) ? MODERN_DIALECT : LEGACY_DIALECT;
}

/** A CALL subquery importing `imports`, whose branches are joined by UNION ALL. */
function subquery(d: Dialect, imports: string[], branches: string[]): string {
  const indent = (b: string) => b.trim().split('\n').map((l) => `  ${l}`).join('\n');
  if (d.scopedSubqueries) return `CALL (${imports.join(', ')}) {\n${branches.map(indent).join('\n  UNION ALL\n')}\n}`;
  const withClause = imports.length ? `WITH ${imports.join(', ')}\n` : '';
  return `CALL {\n${branches.map((b) => indent(withClause + b.trim())).join('\n  UNION ALL\n')}\n}`;
}

/** Every node carries this label besides its own, so that any node can be found by id through one index. */
export const ENTITY = 'Entity';
/** Named for its analyzer: an index made before stemming (`entity_text`) is dropped and this one made beside it. */
export const FULLTEXT_INDEX = 'entity_text_english';
export const FORMER_FULLTEXT_INDEXES = ['entity_text'] as const;
/** Lucene's English analyzer: possessives, lower case, its stop words, the Porter stemmer (search-text.ts does the same). */
export const FULLTEXT_ANALYZER = 'english';
/** Agency aliases are indexed as one string: full-text indexes read string properties. */
export const ALIASES_TEXT = 'aliasesText';
export const FULLTEXT_PROPERTIES = ['name', 'title', 'summary', 'quote', 'description', ALIASES_TEXT, 'role'] as const;
/** A finding's similarity vector (finding-similarity.ts): its stems as one space-separated string, and their weights in order. */
export const SIMILARITY_TEXT = 'similarityText';
export const SIMILARITY_WEIGHTS = 'similarityWeights';
/** The inverted index over findings' stems that finds the candidates sharing one (whitespace analyzer: the stems as written). */
export const SIMILARITY_INDEX = 'finding_stems';

/**
 * The properties of a row, for each label whose nodes also store properties only the adapter's
 * own statements read: a finding's similarity vector, a theme's weakness areas.
 */
export const FINDING_ROW_PROPERTIES = ['id', 'polarity', 'summary', 'quote', 'areasAffected'] as const satisfies readonly (keyof FindingRow)[];
export const THEME_ROW_PROPERTIES = ['id', 'name', 'description'] as const satisfies readonly (keyof ThemeRow)[];
// A property added to a row type and not named above would be dropped from every answer: these fail to compile instead.
const findingRowComplete: [Exclude<keyof FindingRow, 'label' | (typeof FINDING_ROW_PROPERTIES)[number]>] extends [never] ? true : never = true;
const themeRowComplete: [Exclude<keyof ThemeRow, 'label' | (typeof THEME_ROW_PROPERTIES)[number]>] extends [never] ? true : never = true;
void findingRowComplete;
void themeRowComplete;
/** The labels answered as a map of their row's properties (nodeValue), each with those properties. */
export const PROJECTED_ROWS = new Map<Label, readonly string[]>([
  ['Finding', FINDING_ROW_PROPERTIES],
  ['Theme', THEME_ROW_PROPERTIES],
]);

/**
 * A node as the adapter turns it into a row (values.ts rowFromValue): the node itself, but a
 * finding or a theme as a map of its row's properties and its label, so that no answer reads and
 * sends a finding's similarity vector (its stems and weights, as long as its text) or a theme's
 * list of areas.
 */
export function nodeValue(v: string): string {
  const cases = [...PROJECTED_ROWS].map(([l, keys]) => `WHEN ${v}:${l} THEN ${v} {${keys.map((k) => `.${k}`).join(', ')}, label: '${l}'}`);
  return `CASE ${cases.join(' ')} ELSE ${v} END`;
}

export function label(value: string): Label {
  if (!(LABELS as readonly string[]).includes(value)) throw new Error(`not a label of this graph: ${JSON.stringify(value)}`);
  return value as Label;
}

export function relType(value: string): RelType {
  if (!(REL_TYPES as readonly string[]).includes(value)) throw new Error(`not a relationship type of this graph: ${JSON.stringify(value)}`);
  return value as RelType;
}

function wholeNumber(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

/** Integers Cypher needs as integers (LIMIT, range()) rather than floats. */
const int = (n: number) => neo4j.int(Math.min(n, Number.MAX_SAFE_INTEGER));

export function nodesStatement(ids: readonly string[]): Statement {
  return {
    text: `UNWIND $ids AS id
OPTIONAL MATCH (n:${ENTITY} {id: id})
RETURN id, ${nodeValue('n')} AS node`,
    params: { ids },
  };
}

/** The pattern of a traversal's steps from the node bound to `from`: its variables named `${prefix}n1`.., `${prefix}r0`.. */
function stepsPattern(from: string, steps: readonly Step[], prefix: string, params: Record<string, unknown>) {
  if (steps.length === 0) throw new Error('a traversal needs at least one step');
  const where: string[] = [];
  let pattern = `(${from})`;
  steps.forEach((step, i) => {
    const node = `${prefix}n${i + 1}`;
    const target = `${node}${step.where?.label ? `:${label(step.where.label)}` : ''}`;
    const rel = `[${prefix}r${i}:${relType(step.type)}]`;
    pattern += step.direction === 'OUT' ? `-${rel}->(${target})` : `<-${rel}-(${target})`;
    if (step.where?.polarity) {
      where.push(`${node}.polarity = $${prefix}polarity${i}`);
      params[`${prefix}polarity${i}`] = step.where.polarity;
    }
  });
  return { pattern, where, node: `${prefix}n${steps.length}`, rel: `${prefix}r${steps.length - 1}` };
}

export function traverseStatement(ids: readonly string[], steps: readonly Step[]): Statement {
  const params: Record<string, unknown> = { ids };
  const { pattern, where, node, rel } = stepsPattern('n0', steps, '', params);
  return {
    text: `UNWIND $ids AS id
MATCH (n0:${ENTITY} {id: id})
MATCH ${pattern}${where.length ? `\nWHERE ${where.join(' AND ')}` : ''}
WITH id, ${node} AS node, collect(${rel})[0] AS rel
RETURN id, ${nodeValue('node')} AS node, type(rel) AS relType, startNode(rel).id AS fromId, endNode(rel).id AS toId, properties(rel) AS relProps
ORDER BY id, node.id`,
    params,
  };
}

/**
 * One level of a tree as rows: the path from the start node matched level by level (one MATCH a
 * level, so a level may walk back over its parent's relationship as a nested traversal can), each
 * (parent, node) pair once with the first relationship reaching it.
 */
function branchRows(branch: TreeBranch, params: Record<string, unknown>): string {
  let from = 'n0';
  let parent = 'n0';
  let rel = '';
  const matches = branch.path.map((level, depth) => {
    const m = stepsPattern(from, level.steps, `b${branch.index}_${depth}_`, params);
    parent = from;
    from = m.node;
    rel = m.rel;
    return `MATCH ${m.pattern}${m.where.length ? ` WHERE ${m.where.join(' AND ')}` : ''}`;
  });
  return `${matches.join('\n')}
WITH ${parent}.id AS parentId, ${from} AS node, collect(${rel})[0] AS rel
RETURN ${branch.index} AS branch, parentId, node, rel`;
}

/**
 * A nested request's traversals in one round trip, as flat rows: a CALL subquery whose UNION ALL
 * branches are the tree's levels (see api/lookahead.ts), each row a level, the node it was reached
 * from, the node and the relationship. Starts from the entity_id index for each id; each level
 * re-walks the levels above it (a few relationships each) and reads its own once per parent: for
 * `area(id) { inspections { findings { themes } } }` at national scale, 148 rows (the area's
 * inspections, their findings and the findings' themes: `npm run bench:neo4j-reads`). Nested
 * pattern comprehensions (the form before) read the same but cost a nested plan evaluation per
 * node reached, and built the nested maps on the server. Findings come without their
 * similarity vectors (nodeValue).
 */
export function traverseTreeStatement(d: Dialect, ids: readonly string[], tree: TraversalTree): Statement {
  return treeRowsStatement(d, ids, [tree], false);
}

/**
 * Nodes by id, each with what the request asks for below it (a root field such as `area(id:)`),
 * in one round trip: traverseTreeStatement's rows for each of the trees, and a row (branch -1)
 * for each start node found.
 */
export function nodeTreesStatement(d: Dialect, ids: readonly string[], trees: readonly TraversalTree[]): Statement {
  return treeRowsStatement(d, ids, trees, true);
}

function treeRowsStatement(d: Dialect, ids: readonly string[], trees: readonly TraversalTree[], withStart: boolean): Statement {
  const params: Record<string, unknown> = { ids };
  const branches = allBranches(treeBranches(trees)).map((b) => branchRows(b, params));
  if (withStart) branches.unshift('RETURN -1 AS branch, null AS parentId, n0 AS node, null AS rel');
  if (branches.length === 0) throw new Error('a traversal tree needs at least one level');
  return {
    text: `UNWIND $ids AS id
MATCH (n0:${ENTITY} {id: id})
${subquery(d, ['n0'], branches)}
RETURN id, branch, parentId, ${nodeValue('node')} AS node, type(rel) AS relType, startNode(rel).id AS fromId, endNode(rel).id AS toId, properties(rel) AS relProps`,
    params,
  };
}

/**
 * A page of one label, and the total, each in a subquery. Unfiltered, the total comes from the
 * count store and the page from the label scan in id order (ids are unique-indexed). With a
 * theme, areas come from the theme's HAS_THEME relationships (theme_id index, at most 2 x 2 x 152
 * rows at national scale) instead of each area's findings (~13k findings for one theme's test),
 * read once for the total and the page.
 */
export function listStatement(d: Dialect, of: Label, filter: ListFilter, first: number, afterId: string | null | undefined): Statement {
  const conditions: string[] = [];
  const params: Record<string, unknown> = { limit: int(first + 1), afterId: afterId ?? null };
  const l = label(of);
  let rows = `MATCH (n:${l})`;
  if (of === 'Area' && filter.themeId) {
    rows = `MATCH (:Theme {id: $themeId})<-[h:${HAS_THEME}]-(n:Area)${filter.polarity ? ' WHERE h.polarity = $polarity' : ''}\nWITH DISTINCT n`;
    params.themeId = filter.themeId;
    if (filter.polarity) params.polarity = filter.polarity;
  }
  if (of === 'Area' && filter.regionId) {
    conditions.push('(n)-[:IN_REGION]->(:Region {id: $regionId})');
    params.regionId = filter.regionId;
  }
  if (filter.kind) {
    conditions.push('n.kind = $kind');
    params.kind = filter.kind;
  }
  if (of === 'Agency' && filter.code) {
    conditions.push('(n.odsCode = $code OR n.onsCode = $code)');
    params.code = filter.code;
  }
  if (of === 'Agency' && filter.activeOn) {
    // As activeDuring in domain/service-dates.ts: a partial activeTo ("2021") holds to that year's end.
    const days = daysOf(filter.activeOn);
    conditions.push('(n.activeFrom IS NULL OR n.activeFrom <= $activeLast) AND (n.activeTo IS NULL OR n.activeTo >= left($activeFirst, size(n.activeTo)))');
    Object.assign(params, { activeFirst: days.first, activeLast: days.last });
  }
  if (of === 'Inspection') {
    conditions.push(...inspectionConditions('n', filter, params));
    if (filter.outcome) {
      conditions.push('n.outcome = $outcome');
      params.outcome = filter.outcome;
    }
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  if (of === 'Area' && filter.themeId) {
    // One read of the theme's relationships for both: its areas (at most 152) ordered, counted and cut.
    return {
      text: `${rows} ${where}
WITH n ORDER BY n.id
WITH collect(n) AS matched
RETURN size(matched) AS total, [x IN [y IN matched WHERE $afterId IS NULL OR y.id > $afterId][0..$limit] | ${nodeValue('x')}] AS rows`,
      params,
    };
  }
  const pageWhere = conditions.length ? `${where} AND ($afterId IS NULL OR n.id > $afterId)` : 'WHERE $afterId IS NULL OR n.id > $afterId';
  return {
    text: `${subquery(d, [], [`${rows} ${where}\nRETURN count(n) AS total`])}
${subquery(d, [], [`${rows} ${pageWhere}\nWITH n ORDER BY n.id LIMIT $limit\nRETURN collect(${nodeValue('n')}) AS rows`])}
RETURN total, rows`,
    params,
  };
}

/**
 * Every area that exists now (no activeTo) with its own inspections and its predecessors', in
 * the two frameworks, each with how many successions back it lies. The tabulation is shared
 * with the embedded store (store/outcome-transitions.ts).
 */
export function areaHistoriesStatement(frameworks: readonly string[], maxDepth: number): Statement {
  const depth = wholeNumber(maxDepth, 0, 10);
  return {
    text: `MATCH (a:Area)
WHERE a.activeTo IS NULL
RETURN a.id AS areaId,
  [p = (a)<-[:SUCCEEDED_BY*0..${depth}]-(b:Area)<-[:OF]-(i:Inspection) WHERE i.framework IN $frameworks |
    {id: i.id, areaId: b.id, depth: length(p) - 1, framework: i.framework, kind: i.kind, outcome: i.outcome, date: coalesce(i.startedOn, i.publishedOn)}] AS inspections
ORDER BY areaId`,
    params: { frameworks: [...frameworks] },
  };
}

/**
 * Starts from the theme_id index for each id and reads the theme's HAS_THEME relationships: at
 * most 2 x 2 x (152 areas + the reviews) per theme, about 300 at national scale, where walking its
 * findings read ~1,000 findings and their inspections. Every finding is held by exactly one
 * relationship (it has one finder, one polarity and one framework), so the held findings add up
 * to all the theme's findings.
 */
export function themeStatsStatement(themeIds: readonly string[]): Statement {
  return {
    text: `UNWIND $ids AS id
OPTIONAL MATCH (:Theme {id: id})<-[h:${HAS_THEME}]-(holder)
RETURN id, sum(h.findings) AS findingCount, count(DISTINCT CASE WHEN holder:Area THEN holder END) AS areaCount`,
    params: { ids: themeIds },
  };
}

/**
 * Each weakness theme's areas, for the mining (Apriori over bitsets, shared with the embedded
 * store: see memory/shared-weaknesses.ts), which the adapter runs on them. Reads the Theme label
 * (24 themes) and each theme's weakness areas as the seeding stored them (has-theme.ts
 * themeWeaknessAreas: one list property each, ~2,800 entries in all at national scale); with a
 * region, a last row (no theme) holds the region's areas, from the region_id index and its ~15
 * IN_REGION relationships, and the adapter keeps those (a set, where a list test in Cypher would
 * cost entries x region areas). Reading the themes' ~5,000 HAS_THEME relationships and their
 * polarity instead cost ~20k db hits at national scale. A theme in fewer than minAreas areas can
 * be in no pattern, in the region or not, so it is left out here.
 */
export function sharedWeaknessesStatement(d: Dialect, args: SharedWeaknessesArgs): Statement {
  const themes = `MATCH (t:Theme)
WHERE size(t.${WEAKNESS_AREAS}) >= $minAreas
RETURN t.id AS themeId, t.${WEAKNESS_AREAS} AS areaIds`;
  const region = `
UNION ALL
MATCH (:Region {id: $regionId})<-[:IN_REGION]-(r:Area)
RETURN null AS themeId, collect(r.id) AS areaIds`;
  return {
    text: args.regionId ? themes + region : themes,
    params: { minAreas: int(args.minAreas), ...(args.regionId ? { regionId: args.regionId } : {}) },
  };
}

/**
 * For each pattern, the findings behind its areas' HAS_THEME relationships to its themes. Starts
 * from the area_id index for each of the pattern's areas (a page: up to 152) and reads each
 * area's ~19 weakness HAS_THEME relationships, so ~3k rows for the largest pattern at national
 * scale, and no finding nodes.
 */
export function patternFindingsStatement(d: Dialect, patterns: readonly PatternKey[]): Statement {
  return {
    text: `UNWIND range(0, size($patterns) - 1) AS i
WITH i, $patterns[i] AS p
${subquery(d, ['p'], [`UNWIND p.areaIds AS areaId
MATCH (:Area {id: areaId})-[h:${HAS_THEME}]->(t:Theme)
WHERE h.polarity = 'WEAKNESS' AND t.id IN p.themeIds
UNWIND h.findingIds AS findingId
RETURN collect(DISTINCT findingId) AS findingIds`])}
RETURN i, findingIds`,
    params: { patterns: patterns.map((p) => ({ themeIds: p.themeIds, areaIds: p.areaIds })) },
  };
}

/**
 * similarAreas by themes as the seeding stored it (similar-by-themes.ts): starts from the
 * area_id index and reads the area's SIMILAR_BY_THEMES relationships (at most 600: 2 polarities
 * x 3 frameworks x 100), the `first` of the variant, with their evidence as stored. Reading
 * HAS_THEME instead touched each shared theme's areas and each candidate's themes (~6k
 * relationships, ~33k db hits at national scale).
 */
export function similarAreasStatement(args: SimilarAreasArgs): Statement {
  return {
    text: `MATCH (:Area {id: $areaId})-[s:${SIMILAR_BY_THEMES}]->(other:Area)
WHERE s.variant = $variant
RETURN other.id AS areaId, s.score AS score, s.themeIds AS themeIds, s.findingIds AS findingIds, s.matchIds AS matchIds
ORDER BY score DESC, areaId ASC
LIMIT $first`,
    params: { areaId: args.areaId, variant: hasThemeVariant(args.polarity, args.framework ?? null), first: int(args.first) },
  };
}

/**
 * A finding's vector, its area, and its stored SIMILAR_TO lists (see similar-to.ts) of the
 * polarity asked for (both when none), each entry with its finding's vector: the adapter picks
 * the answer (similarFromClosest) and computes the shared stems. Starts from the finding_id
 * index; reads the finding's inspection and area (2 rows) and at most 2 x CLOSEST_FINDINGS
 * relationships and their findings, whatever the vocabulary.
 */
export function closestFindingsStatement(findingId: string, polarity: string | null): Statement {
  return {
    text: `MATCH (f:Finding {id: $findingId})
OPTIONAL MATCH (f)<-[:FOUND]-(:Inspection)-[:OF]->(own:Area)
WITH f, collect(own.id) AS ownAreaIds
OPTIONAL MATCH (f)-[s:${SIMILAR_TO}]->(g:Finding)
WHERE $polarity IS NULL OR s.polarity = $polarity
RETURN f.${SIMILARITY_TEXT} AS text, f.${SIMILARITY_WEIGHTS} AS weights, ownAreaIds,
  collect(CASE WHEN g IS NULL THEN null ELSE {to: g.id, score: s.score, polarity: s.polarity, framework: s.framework, area: s.area, text: g.${SIMILARITY_TEXT}, weights: g.${SIMILARITY_WEIGHTS}} END) AS closest`,
    params: { findingId, polarity },
  };
}

/** A given finding's vector as parameters: the Lucene query (its stems, any of which may match) and each stem's weight. */
export interface QueryVector {
  id: string;
  query: string;
  weights: Record<string, number>;
}

/**
 * Cypher for `candidate`'s cosine with the query vector `m`: each of the candidate's stems looked
 * up in m's weights. Stems are added in the candidate's (id) order, as the embedded store adds them.
 */
const cosineWith = (m: string, candidate: string) => `split(${candidate}.${SIMILARITY_TEXT}, ' ') AS terms, ${candidate}.${SIMILARITY_WEIGHTS} AS ws
WITH *, [k IN range(0, size(terms) - 1) WHERE ${m}.weights[terms[k]] IS NOT NULL | [terms[k], ${m}.weights[terms[k]] * ws[k]]] AS shared
WITH *, round(reduce(s = 0.0, x IN shared | s + x[1]) * ${SCORE_SCALE}) / ${SCORE_SCALE} AS score`;
/** Scores are rounded to 12 decimal places (see roundScore). */
const SCORE_SCALE = '1000000000000.0';

/**
 * The exhaustive search, only when the stored lists cannot prove the answer (a filter leaves
 * fewer than `first` of a full list: see similarFromClosest). Starts from the stems' full-text
 * index with the finding's stems: every finding sharing one (most findings, for a common stem),
 * each with its inspection and area, and the cosine computed in Cypher for each.
 */
export function similarFindingsStatement(m: QueryVector, args: SimilarFindingsArgs, excludeAreaIds: readonly string[]): Statement {
  return {
    text: `WITH $m AS m
CALL db.index.fulltext.queryNodes('${SIMILARITY_INDEX}', m.query) YIELD node AS g
WHERE g.id <> m.id AND ($polarity IS NULL OR g.polarity = $polarity)
MATCH (g)<-[:FOUND]-(gi:Inspection)-[:OF]->(ga:Area)
WHERE ($framework IS NULL OR gi.framework = $framework) AND NOT ga.id IN $excludeAreaIds
WITH DISTINCT m, g
WITH m, g, ${cosineWith('m', 'g')}
RETURN g.id AS findingId, score, shared
ORDER BY score DESC, findingId ASC
LIMIT $first`,
    params: { m, polarity: args.polarity ?? null, framework: args.framework ?? null, excludeAreaIds, first: int(args.first) },
  };
}

/**
 * similarAreas(method: FINDINGS) as the seeding stored it (similar-by-findings.ts). Starts from
 * the area_id index twice: the area's findings of the polarity (and framework) through its
 * inspections, in id order (~45 at national scale), which the stored matchIds line up with; its
 * SIMILAR_BY_FINDINGS relationships (at most 600: 2 polarities x 3 frameworks x 100), the
 * `first` of the variant; for each, its matched findings by the finding_id index (one per
 * finding at most), with both vectors for the shared stems. About 10 x 45 finding lookups for
 * the default page, and no full-text lookup, no cosine in Cypher.
 */
export function similarAreasByFindingsStatement(d: Dialect, args: SimilarAreasArgs): Statement {
  return {
    text: `MATCH (:Area {id: $areaId})<-[:OF]-(i:Inspection)-[:FOUND]->(f:Finding)
WHERE f.polarity = $polarity AND ($framework IS NULL OR i.framework = $framework)
WITH DISTINCT f
ORDER BY f.id
WITH collect(f) AS mine
MATCH (:Area {id: $areaId})-[s:${SIMILAR_BY_FINDINGS}]->(other:Area)
WHERE s.variant = $variant
WITH mine, s, other
ORDER BY s.score DESC, other.id ASC
LIMIT $first
${subquery(d, ['mine', 's'], [`UNWIND range(0, size(mine) - 1) AS k
WITH mine[k] AS f, s.matchIds[k] AS matchId
WHERE matchId <> ''
MATCH (g:Finding {id: matchId})
RETURN collect({findingId: f.id, matchId: matchId, findingText: f.${SIMILARITY_TEXT}, findingWeights: f.${SIMILARITY_WEIGHTS}, matchText: g.${SIMILARITY_TEXT}, matchWeights: g.${SIMILARITY_WEIGHTS}}) AS pairs`])}
RETURN other.id AS areaId, s.score AS score, pairs
ORDER BY score DESC, areaId ASC`,
    params: { areaId: args.areaId, polarity: args.polarity, framework: args.framework ?? null, variant: hasThemeVariant(args.polarity, args.framework ?? null), first: int(args.first) },
  };
}

/**
 * Pairs of themes found in the same areas, counted, with the lift over chance (see
 * theme-cooccurrence.ts). Each theme's areas come from HAS_THEME of the polarity (and framework),
 * read twice from the Area label: once for how many areas have any, once per theme; ~2,800
 * relationships each time at national scale, and no findings. The pairs are then 24 x 23 / 2
 * list intersections of up to 152 areas.
 */
export function themeCooccurrenceStatement(args: ThemeCooccurrenceArgs): Statement {
  const ofArgs = `h.polarity = $polarity AND ($framework IS NULL OR h.framework = $framework)`;
  return {
    text: `MATCH (a:Area)-[h:${HAS_THEME}]->(:Theme)
WHERE ${ofArgs}
WITH count(DISTINCT a) AS n
MATCH (a:Area)-[h:${HAS_THEME}]->(t:Theme)
WHERE ${ofArgs}
WITH n, t.id AS theme, collect(DISTINCT a.id) AS areas
WITH n, collect({theme: theme, areas: areas}) AS themes
UNWIND themes AS x
UNWIND themes AS y
WITH n, x, y
WHERE x.theme < y.theme
WITH x, y, n, [a IN x.areas WHERE a IN y.areas] AS both
WHERE size(both) >= $minAreas AND size(both) > 0
WITH x, y, n, both, toFloat(size(both) * n) / (size(x.areas) * size(y.areas)) AS lift
RETURN [x.theme, y.theme] AS themeIds, size(both) AS areaCount, both AS areaIds, [size(x.areas), size(y.areas)] AS themeAreaCounts, n AS areasWithFindings, lift
ORDER BY areaCount DESC, lift DESC, x.theme ASC, y.theme ASC
LIMIT $first`,
    params: { polarity: args.polarity, framework: args.framework ?? null, minAreas: int(args.minAreas), first: int(args.first) },
  };
}

/**
 * The links of every agency in a frontier and, with `levels` 2, of every agency those links
 * reach (the walk's next frontier, fetched ahead: one statement serves two levels), and a SELF row
 * for each agency that exists (so the first statement also says whether the walk's start is an
 * agency, without a statement of its own). Starts from the agency_id index for each; reads each
 * agency's services' areas, its findings' and actions' other agencies, and its successions: a
 * CCG's two levels at national scale are ~40 agencies and ~120 links.
 */
export function agencyLinksStatement(d: Dialect, frontier: readonly string[], levels: 1 | 2 = 1): Statement {
  const shared = (kind: string, pattern: string) =>
    `MATCH ${pattern}\nWHERE y <> x\nRETURN '${kind}' AS kind, y.id AS other, v.id AS via, 'SHARED' AS orientation`;
  const links = subquery(d, ['x'], [
    shared('SHARED_AREA', '(x)-[:SERVES]->(v:Area)<-[:SERVES]-(y:Agency)'),
    shared('SHARED_FINDING', '(x)<-[:CONCERNS]-(v:Finding)-[:CONCERNS]->(y:Agency)'),
    shared('SHARED_ACTION', '(x)<-[:OWNED_BY]-(v:Action)-[:OWNED_BY]->(y:Agency)'),
    `MATCH (x)-[:SUCCEEDED_BY]->(y:Agency)\nRETURN 'SUCCESSION' AS kind, y.id AS other, y.id AS via, 'SUCCESSOR' AS orientation`,
    `MATCH (x)<-[:SUCCEEDED_BY]-(y:Agency)\nRETURN 'SUCCESSION' AS kind, y.id AS other, x.id AS via, 'PREDECESSOR' AS orientation`,
    `RETURN 'SELF' AS kind, x.id AS other, x.id AS via, 'SELF' AS orientation`,
  ]);
  const row = '{agencyId: x.id, kind: kind, other: other, via: via, orientation: orientation}';
  if (levels === 1) {
    return {
      text: `UNWIND $frontier AS fid
MATCH (x:Agency {id: fid})
${links}
RETURN x.id AS agencyId, kind, other, via, orientation`,
      params: { frontier },
    };
  }
  return {
    text: `UNWIND $frontier AS fid
MATCH (x:Agency {id: fid})
${links}
WITH collect(${row}) AS near
${subquery(d, ['near'], [`UNWIND near AS r
WITH DISTINCT r.other AS nid
WHERE NOT nid IN $frontier
MATCH (x:Agency {id: nid})
${links}
RETURN collect(${row}) AS far`])}
UNWIND near + far AS r
RETURN r.agencyId AS agencyId, r.kind AS kind, r.other AS other, r.via AS via, r.orientation AS orientation`,
    params: { frontier },
  };
}

/**
 * All shortest paths, then the one whose node ids sort first: the rule the embedded store's
 * breadth-first search applies. The hop bound cannot be a parameter, so it is a checked integer.
 */
export function pathStatement(args: PathArgs): Statement {
  const types = (args.relationshipTypes?.length ? args.relationshipTypes : DEFAULT_PATH_TYPES).map(relType);
  const hops = wholeNumber(args.maxHops, 1, 12);
  return {
    text: `MATCH (a:${ENTITY} {id: $fromId})
MATCH (b:${ENTITY} {id: $toId})
MATCH p = allShortestPaths((a)-[:${[...new Set(types)].join('|')}*..${hops}]-(b))
WITH p, [n IN nodes(p) | n.id] AS nodeIds
ORDER BY nodeIds
LIMIT 1
RETURN nodeIds, [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}] AS rels`,
    params: { fromId: args.fromId, toId: args.toId },
  };
}

/** Each indexed property's boost: the embedded store's field weights (FIELD_BOOSTS), aliases under their indexed name. */
const PROPERTY_BOOST = FULLTEXT_PROPERTIES.map((p) => [p, FIELD_BOOSTS[(p === ALIASES_TEXT ? 'aliases' : p) as SearchField] ?? 1] as const);

/** One clause in every indexed property, each with its boost: `(name:x^3 title:x^3 summary:x ...)`. */
function inEveryField(term: string): string {
  return PROPERTY_BOOST.map(([p, boost]) => `${p}:${term}${boost === 1 ? '' : `^${boost}`}`).join(' ');
}

/** Each way of reading a phrase whose words have joined words (autistic children, autism children), as Lucene phrases. */
function phraseReadings(c: Extract<Clause, { kind: 'phrase' }>): string[] {
  let readings: string[][] = [[]];
  for (const w of c.words) {
    // A stop word in the gap keeps the position, as the analyzer keeps it ("quality of plans").
    const gap = Array<string>(w.offset - (readings[0].length)).fill('the');
    readings = readings.flatMap((r) => w.words.map((word) => [...r, ...gap, word]));
  }
  return readings.map((r) => `"${r.join(' ')}"`);
}

function clauseQuery(c: Clause): string {
  const terms = c.kind === 'prefix' ? [`${c.prefix}*`] : c.kind === 'word' ? c.words : phraseReadings(c);
  return `(${terms.map(inEveryField).join(' ')})`;
}

/**
 * The query in Lucene's syntax, over each indexed property with its boost: every group
 * required (+), a group's clauses any of them, excluded clauses prohibited (-). A word is
 * given with its joined words (the analyzer stems them itself); a prefix as it is (Lucene
 * matches a prefix against the indexed stems, as the embedded store does). Words are letters and
 * digits only (search-query.ts), so nothing in them is Lucene syntax.
 */
export function luceneQuery(q: SearchQuery): string {
  return [...q.required.map((g) => `+(${g.map(clauseQuery).join(' ')})`), ...q.excluded.map((c) => `-${clauseQuery(c)}`)].join(' ');
}

/**
 * The conditions on an inspection `i` that both a list of inspections and a search's filters
 * take: its framework, its area's region, and its date (its start, else its publication: see
 * domain/inspection-order.ts), `to` a prefix so that "2020" holds to that year's end.
 */
function inspectionConditions(
  i: string,
  f: { framework?: string | null; regionId?: string | null; from?: string | null; to?: string | null },
  params: Record<string, unknown>,
): string[] {
  const conditions: string[] = [];
  if (f.regionId) {
    conditions.push(`(${i})-[:OF]->(:Area)-[:IN_REGION]->(:Region {id: $regionId})`);
    params.regionId = f.regionId;
  }
  if (f.framework) {
    conditions.push(`${i}.framework = $framework`);
    params.framework = f.framework;
  }
  if (f.from) {
    conditions.push(`coalesce(${i}.startedOn, ${i}.publishedOn) >= $from`);
    params.from = f.from;
  }
  if (f.to) {
    conditions.push(`left(coalesce(${i}.startedOn, ${i}.publishedOn), size($to)) <= $to`);
    params.to = f.to;
  }
  return conditions;
}

/** The filters as conditions on `node` (port.ts SearchFilter says what each keeps). */
function searchConditions(f: SearchFilter, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (f.labels?.length) {
    where.push('any(l IN labels(node) WHERE l IN $labels)');
    params.labels = f.labels.map(label);
  }
  if (f.polarity) {
    where.push('node:Finding AND node.polarity = $polarity');
    params.polarity = f.polarity;
  }
  if (f.themeId) {
    where.push('node:Finding AND (node)-[:ABOUT]->(:Theme {id: $themeId})');
    params.themeId = f.themeId;
  }
  if (f.agencyId) {
    where.push('((node:Finding AND (node)-[:CONCERNS]->(:Agency {id: $agencyId})) OR (node:Action AND (node)-[:OWNED_BY]->(:Agency {id: $agencyId})))');
    params.agencyId = f.agencyId;
  }
  const inspection = inspectionConditions('i', f, params);
  if (f.areaId) {
    inspection.push('(i)-[:OF]->(:Area {id: $areaId})');
    params.areaId = f.areaId;
  }
  if (inspection.length) {
    // An inspection is its own; a finding or an action has the inspection that found or required it.
    where.push(`any(i IN CASE WHEN node:Inspection THEN [node] ELSE [(node)<-[:FOUND|REQUIRED]-(x:Inspection) | x] END WHERE ${inspection.join(' AND ')})`);
  }
  return where;
}

/**
 * A page of hits and their total: the full-text index (entity_text_english) answers the nodes
 * whose text matches, scored by Lucene's BM25 (each property boosted, the scores of the
 * properties summed); the filters read at most a node's inspection, themes or agencies (a few
 * relationships each). At national scale a common word matches some thousands of nodes: they are
 * counted and ordered by score alone, with no property read; only the window down to the page's
 * last score (the page, the hits before it, and the hits tied with its last) is ordered by score
 * and id, the rule both stores page by, and only the page's nodes are read whole.
 */
export function searchStatement(d: Dialect, q: SearchQuery, filter: SearchFilter, first: number, offset: number): Statement {
  const params: Record<string, unknown> = { query: luceneQuery(q), first: int(first), offset: int(offset), last: int(offset + first - 1) };
  const where = searchConditions(filter, params);
  return {
    text: `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $query) YIELD node, score${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}
WITH node, score
ORDER BY score DESC
WITH collect(node) AS nodes, collect(score) AS scores
WITH nodes, scores, scores[$last] AS cut
WITH size(scores) AS totalCount, nodes, scores, size([s IN scores WHERE cut IS NULL OR s >= cut]) AS window
${subquery(d, ['nodes', 'scores', 'window'], [`UNWIND range(0, window - 1) AS i
WITH nodes[i] AS node, scores[i] AS score
ORDER BY score DESC, node.id ASC
SKIP $offset LIMIT $first
RETURN collect({node: ${nodeValue('node')}, score: score}) AS page`])}
RETURN totalCount, page`,
    params,
  };
}

export function statsStatement(d: Dialect): Statement {
  return {
    text: `${subquery(d, [], LABELS.map((l) => `MATCH (n:${l}) RETURN '${l}' AS label, count(n) AS count`))}
WITH collect({label: label, count: count}) AS nodes
${subquery(d, [], REL_TYPES.map((t) => `MATCH ()-[r:${t}]->() RETURN count(r) AS count`))}
WITH nodes, sum(count) AS relationships
RETURN nodes, relationships`,
    params: {},
  };
}

export const versionStatement: Statement = {
  text: `CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition`,
  params: {},
};
