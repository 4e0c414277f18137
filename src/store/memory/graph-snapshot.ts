import type { Bundle, NodeRow, Polarity, RelProps } from '../../domain/model';
import { POLARITIES } from '../../domain/model';
import { MemoryGraph, type Adjacency, type FindingIndexes } from './memory-graph';
import { SearchIndex } from './search-index';
import { DamagedSnapshotError, readSnapshot, writeSnapshot, type SectionValue, type TypedSection } from './snapshot-file';

/**
 * A loaded graph as snapshot sections, and back: the bundle's rows (JSON, in chunks) and
 * relationship columns, the adjacency, the finding indexes and the full-text index, so that a
 * server whose seeds have not changed skips reading, validating and indexing them. Maps of ids are
 * saved as node indexes and rebuilt with the rows' own id strings.
 */
const ROWS_PER_SECTION = 50_000;

type Saved<K> = [number, K][];
interface SavedFindings {
  themeFindingCount: Saved<number>;
  themeAreas: Record<Polarity, Saved<number[]>>;
  areaThemeFindings: Record<Polarity, Saved<Saved<number[]>>>;
}

export function saveGraph(path: string, key: string, graph: MemoryGraph): void {
  writeSnapshot(path, key, sections(graph));
}

function* sections(graph: MemoryGraph): Generator<[string, SectionValue]> {
  const { nodes, relationships: r, nodeIndex } = graph.bundle;
  for (let i = 0, chunk = 0; i < nodes.length; i += ROWS_PER_SECTION, chunk++) yield [`rows.${chunk}`, { json: nodes.slice(i, i + ROWS_PER_SECTION) }];
  yield ['rel.type', r.type];
  yield ['rel.from', r.from];
  yield ['rel.to', r.to];
  yield ['rel.props', r.props];
  yield ['rel.propList', { json: r.propList }];
  const derived = graph.derived();
  for (const [side, adj] of [['out', derived.out], ['in', derived.in]] as const) {
    for (const part of ['start', 'other', 'type', 'rel'] as const) yield [`${side}.${part}`, adj[part]];
  }
  yield ['findings', { json: saveFindings(derived.findings, (id) => nodeIndex.get(id)!) }];
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
 * The graph saved at `path` under `key`; null when there is none or it was made from other seeds
 * or code. Throws DamagedSnapshotError when the file is damaged or does not hold a whole graph.
 */
export function restoreGraph(path: string, key: string): MemoryGraph | null {
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
  const consistent =
    nodeIndex.size === n && [relationships.from, relationships.to, relationships.props, out.other, out.type, out.rel, inn.other, inn.type, inn.rel].every((c) => c.length === m) &&
    out.start.length === n + 1 && inn.start.length === n + 1;
  if (!consistent) throw new DamagedSnapshotError('the snapshot\'s sections do not fit together');

  const bundle: Bundle = { nodes, relationships, nodeIndex };
  const search = new SearchIndex(nodes, {
    vocabulary: json<string[]>('search.vocabulary'),
    termStart: typed('search.termStart', Int32Array),
    postingDoc: typed('search.postingDoc', Int32Array),
    postingField: typed('search.postingField', Uint8Array),
    postingFreq: typed('search.postingFreq', Uint16Array),
    termFieldDocs: typed('search.termFieldDocs', Int32Array),
    fieldLength: typed('search.fieldLength', Uint16Array),
    avgFieldLength: typed('search.avgFieldLength', Float64Array),
  });
  const findings = restoreFindings(json<SavedFindings>('findings'), (i) => nodes[i].id);
  return new MemoryGraph(bundle, { out, in: inn, findings, search });
}

function restoreFindings(saved: SavedFindings, id: (i: number) => string): FindingIndexes {
  const polarities = <T>(each: (p: Polarity) => T) => Object.fromEntries(POLARITIES.map((p) => [p, each(p)])) as Record<Polarity, T>;
  return {
    themeFindingCount: new Map(saved.themeFindingCount.map(([t, count]) => [id(t), count])),
    themeAreas: polarities((p) => new Map(saved.themeAreas[p].map(([t, areas]) => [id(t), new Set(areas.map(id))]))),
    areaThemeFindings: polarities((p) =>
      new Map(saved.areaThemeFindings[p].map(([a, themes]) => [id(a), new Map(themes.map(([t, findings]) => [id(t), findings.map(id)]))])),
    ),
  };
}
