import { emptyContext, type ContextData } from '../../domain/context';
import type { Bundle, InspectionFramework, NodeRow, Polarity, RelProps } from '../../domain/model';
import { INSPECTION_FRAMEWORKS, POLARITIES } from '../../domain/model';
import { FindingSimilarityIndex } from './finding-similarity-index';
import type { MemoryIndexes } from './memory-indexes';
import { MemoryGraph, type Adjacency, type FindingIndexes } from './memory-graph';
import { SearchIndex } from './search-index';
import { DamagedSnapshotError, readSnapshot, writeSnapshot, type SectionValue, type TypedSection } from './snapshot-file';

/**
 * A loaded graph as snapshot sections, and back: the bundle's rows (JSON, in chunks) and
 * relationship columns, the adjacency, the finding indexes, the full-text index and the findings'
 * similarity vectors, so that a server whose seeds have not changed skips reading, validating,
 * stemming and indexing them. Maps of ids are saved as node indexes and rebuilt with the rows' own
 * id strings. What is cheap to derive again (ids by label, the areas' theme bits, the similarity
 * postings) is derived again.
 */
const ROWS_PER_SECTION = 50_000;

type Saved<K> = [number, K][];
interface SavedFindings {
  themeFindingCount: Saved<number>;
  themeAreas: Record<Polarity, Saved<number[]>>;
  areaThemeFindings: Record<Polarity, Saved<Saved<number[]>>>;
}

export function saveIndexes(path: string, key: string, indexes: MemoryIndexes): void {
  writeSnapshot(path, key, sections(indexes));
}

/** Frameworks by number, 0 for none (a finding of no area's inspection). */
const frameworkCodes = (frameworks: (InspectionFramework | undefined)[]) => Uint8Array.from(frameworks, (f) => (f ? INSPECTION_FRAMEWORKS.indexOf(f) + 1 : 0));

function* sections({ graph, findingSimilarity }: MemoryIndexes): Generator<[string, SectionValue]> {
  const { nodes, relationships: r, nodeIndex } = graph.bundle;
  for (let i = 0, chunk = 0; i < nodes.length; i += ROWS_PER_SECTION, chunk++) yield [`rows.${chunk}`, { json: nodes.slice(i, i + ROWS_PER_SECTION) }];
  yield ['rel.type', r.type];
  yield ['rel.from', r.from];
  yield ['rel.to', r.to];
  yield ['rel.props', r.props];
  yield ['rel.propList', { json: r.propList }];
  yield ['context', { json: graph.bundle.context ?? emptyContext() }];
  const derived = graph.derived();
  for (const [side, adj] of [['out', derived.out], ['in', derived.in]] as const) {
    for (const part of ['start', 'other', 'type', 'rel'] as const) yield [`${side}.${part}`, adj[part]];
  }
  yield ['findings', { json: saveFindings(derived.findings, (id) => nodeIndex.get(id)!) }];
  yield ['findings.area', derived.findings.findingAreaIndex];
  yield ['findings.framework', frameworkCodes(derived.findings.findingFrameworkOf)];
  const vectors = findingSimilarity.findingVectors();
  yield ['similarity.vocabulary', { json: vectors.vocabulary }];
  yield ['similarity.start', vectors.start];
  yield ['similarity.terms', vectors.terms];
  yield ['similarity.weights', vectors.weights];
  const search = derived.search.parts();
  yield ['search.vocabulary', { json: search.vocabulary }];
  for (const [name, value] of Object.entries(search)) if (name !== 'vocabulary') yield [`search.${name}`, value as TypedSection];
}

function saveFindings(f: FindingIndexes, index: (id: string) => number): SavedFindings {
  const polarities = <T>(each: (p: Polarity) => T) => Object.fromEntries(POLARITIES.map((p) => [p, each(p)])) as Record<Polarity, T>;
  return {
    themeFindingCount: [...f.themeFindingCount].map(([t, n]) => [index(t), n]),
    themeAreas: polarities((p) => [...f.themeAreas[p]].map(([t, areas]) => [index(t), [...areas].map(index)])),
    areaThemeFindings: polarities((p) =>
      [...f.areaThemeFindings[p]].map(([a, themes]) => [index(a), [...themes].map(([t, findings]) => [index(t), findings.map(index)])]),
    ),
  };
}

/**
 * The graph and indexes saved at `path` under `key`; null when there is none or it was made from
 * other seeds or code. Throws DamagedSnapshotError when the file is damaged or does not hold a
 * whole graph.
 */
export function restoreIndexes(path: string, key: string): MemoryIndexes | null {
  const s = readSnapshot(path, key);
  if (!s) return null;
  const typed = <T extends TypedSection>(name: string, Type: new (n: number) => T): T => {
    const v = s.get(name);
    if (!(v instanceof Type)) throw new DamagedSnapshotError(`the snapshot has no ${name} section of the right kind`);
    return v;
  };
  const json = <T>(name: string): T => {
    const v = s.get(name);
    if (!v || !('json' in v)) throw new DamagedSnapshotError(`the snapshot has no ${name} section`);
    return v.json as T;
  };

  const nodes: NodeRow[] = [];
  for (let chunk = 0; s.has(`rows.${chunk}`); chunk++) for (const row of json<NodeRow[]>(`rows.${chunk}`)) nodes.push(row);
  const nodeIndex = new Map<string, number>();
  nodes.forEach((row, i) => nodeIndex.set(row.id, i));
  const type = typed('rel.type', Uint8Array);
  const relationships = {
    count: type.length, type,
    from: typed('rel.from', Int32Array), to: typed('rel.to', Int32Array), props: typed('rel.props', Int32Array),
    propList: json<RelProps[]>('rel.propList'),
  };
  const adjacency = (side: string): Adjacency => ({
    start: typed(`${side}.start`, Int32Array), other: typed(`${side}.other`, Int32Array),
    type: typed(`${side}.type`, Uint8Array), rel: typed(`${side}.rel`, Int32Array),
  });
  const out = adjacency('out');
  const inn = adjacency('in');
  const n = nodes.length, m = type.length;
  const findingArea = typed('findings.area', Int32Array);
  const framework = typed('findings.framework', Uint8Array);
  const vectors = {
    vocabulary: json<string[]>('similarity.vocabulary'),
    start: typed('similarity.start', Int32Array),
    terms: typed('similarity.terms', Int32Array),
    weights: typed('similarity.weights', Float32Array),
  };
  const consistent =
    nodeIndex.size === n && [relationships.from, relationships.to, relationships.props, out.other, out.type, out.rel, inn.other, inn.type, inn.rel].every((c) => c.length === m) &&
    out.start.length === n + 1 && inn.start.length === n + 1 && findingArea.length === n && framework.length === n;
  if (!consistent) throw new DamagedSnapshotError('the snapshot\'s sections do not fit together');

  const bundle: Bundle = { nodes, relationships, nodeIndex, context: json<ContextData>('context') };
  const search = new SearchIndex(nodes, {
    vocabulary: json<string[]>('search.vocabulary'),
    termStart: typed('search.termStart', Int32Array),
    postingDoc: typed('search.postingDoc', Int32Array),
    postingField: typed('search.postingField', Uint8Array),
    postingFreq: typed('search.postingFreq', Uint16Array),
    fieldLength: typed('search.fieldLength', Uint16Array),
    fieldDocs: typed('search.fieldDocs', Int32Array),
    avgFieldLength: typed('search.avgFieldLength', Float64Array),
  });
  const findings: FindingIndexes = {
    ...restoreFindings(json<SavedFindings>('findings'), (i) => nodes[i].id),
    findingAreaIndex: findingArea,
    findingFrameworkOf: Array.from(framework, (code) => (code ? INSPECTION_FRAMEWORKS[code - 1] : undefined)),
  };
  const graph = new MemoryGraph(bundle, { out, in: inn, findings, search });
  const findingIds = graph.idsByLabel.get('Finding') ?? [];
  const f = findingIds.length;
  if (vectors.start.length !== f + 1 || vectors.terms.length !== vectors.weights.length || vectors.start[f] !== vectors.terms.length) {
    throw new DamagedSnapshotError('the snapshot\'s similarity vectors do not fit its findings');
  }
  return { graph, findingSimilarity: new FindingSimilarityIndex(graph, { ids: findingIds, ...vectors }) };
}

function restoreFindings(saved: SavedFindings, id: (i: number) => string): Omit<FindingIndexes, 'findingAreaIndex' | 'findingFrameworkOf'> {
  const polarities = <T>(each: (p: Polarity) => T) => Object.fromEntries(POLARITIES.map((p) => [p, each(p)])) as Record<Polarity, T>;
  return {
    themeFindingCount: new Map(saved.themeFindingCount.map(([t, count]) => [id(t), count])),
    themeAreas: polarities((p) => new Map(saved.themeAreas[p].map(([t, areas]) => [id(t), new Set(areas.map(id))]))),
    areaThemeFindings: polarities((p) =>
      new Map(saved.areaThemeFindings[p].map(([a, themes]) => [id(a), new Map(themes.map(([t, findings]) => [id(t), findings.map(id)]))])),
    ),
  };
}
