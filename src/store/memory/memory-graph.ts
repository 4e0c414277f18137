import { REL_TYPES, POLARITIES, relationshipRow, type Bundle, type FindingRow, type InspectionFramework, type InspectionRow, type Label, type NodeRow, type Polarity, type RelRow, type RelType } from '../../domain/model';
import type { Direction } from '../port';
import { byId } from '../ordering';
import { SearchIndex } from './search-index';

export type PolarityIndex<K, V> = Record<Polarity, Map<K, Set<V>>>;
const polarityIndex = <K, V>(): PolarityIndex<K, V> => ({ STRENGTH: new Map(), WEAKNESS: new Map() });
const addTo = <K, V>(m: Map<K, Set<V>>, k: K, v: V) => {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
};

const TYPE_CODE = new Map<RelType, number>(REL_TYPES.map((t, i) => [t, i]));

/**
 * One direction of adjacency in compressed sparse row form: node i's relationships are
 * positions start[i] .. start[i + 1] - 1, ordered by type, so a typed scan stops early.
 */
export interface Adjacency {
  start: Int32Array;
  other: Int32Array;
  type: Uint8Array;
  rel: Int32Array;
}

/** Which findings, of which polarity, are about which theme in which area. */
export interface FindingIndexes {
  themeAreas: PolarityIndex<string, string>;
  /** Per polarity, area -> theme -> the findings in that area about that theme. */
  areaThemeFindings: Record<Polarity, Map<string, Map<string, string[]>>>;
  themeFindingCount: Map<string, number>;
  /** By node index: for a finding of an area's inspection, the area's node index (else -1). */
  findingAreaIndex: Int32Array;
  /** By node index: for a finding of an area's inspection, the inspection's framework. */
  findingFrameworkOf: (InspectionFramework | undefined)[];
}

/** What the graph derives from its bundle: the costly part of loading, which graph-snapshot.ts saves and restores. */
export interface DerivedIndexes {
  out: Adjacency;
  in: Adjacency;
  findings: FindingIndexes;
  search: SearchIndex;
}

/**
 * The bundle held in process, compactly: rows by dense index, relationships as typed arrays
 * (a few bytes each, where an object per edge cost hundreds), relationship properties interned,
 * and the indexes the traversals need, all built once at load.
 */
export class MemoryGraph {
  private readonly index: ReadonlyMap<string, number>;
  private readonly rows: NodeRow[];
  private readonly out: Adjacency;
  private readonly in: Adjacency;

  /** Ids of each label, sorted, for paging. */
  readonly idsByLabel = new Map<Label, string[]>();
  /** The same nodes' row indexes, in the same order: for walks over millions of rows without an id lookup each. */
  private readonly rowsByLabel = new Map<Label, Int32Array>();
  readonly themeAreas: PolarityIndex<string, string>;
  /** Per polarity, area -> theme -> the findings in that area about that theme. */
  readonly areaThemeFindings: Record<Polarity, Map<string, Map<string, string[]>>>;
  readonly themeFindingCount: Map<string, number>;
  readonly search: SearchIndex;
  private readonly findingAreaIndex: Int32Array;
  private readonly findingFrameworkOf: (InspectionFramework | undefined)[];

  /** Builds the indexes from the bundle, or takes them as derived before from the same bundle (a snapshot). */
  constructor(readonly bundle: Bundle, derived?: DerivedIndexes) {
    this.rows = bundle.nodes;
    this.index = bundle.nodeIndex;
    const byLabel = new Map<Label, number[]>();
    bundle.nodes.forEach((n, i) => {
      const list = byLabel.get(n.label) ?? [];
      list.push(i);
      byLabel.set(n.label, list);
    });
    for (const [label, list] of byLabel) {
      const sorted = Int32Array.from(list).sort((a, b) => byId(this.rows[a].id, this.rows[b].id));
      this.rowsByLabel.set(label, sorted);
      this.idsByLabel.set(label, Array.from(sorted, (i) => this.rows[i].id));
    }

    if (derived) {
      this.out = derived.out;
      this.in = derived.in;
    } else {
      // The bundle's relationship columns are used as they are: its node indexes are the rows' positions.
      const { from, to } = bundle.relationships;
      const order = this.byType();
      this.out = this.buildAdjacency(from, to, order);
      this.in = this.buildAdjacency(to, from, order);
    }
    const findings = derived?.findings ?? this.buildFindingIndexes();
    this.themeAreas = findings.themeAreas;
    this.areaThemeFindings = findings.areaThemeFindings;
    this.themeFindingCount = findings.themeFindingCount;
    this.findingAreaIndex = findings.findingAreaIndex;
    this.findingFrameworkOf = findings.findingFrameworkOf;
    this.search = derived?.search ?? new SearchIndex(bundle.nodes);
  }

  /** The derived indexes, for a snapshot. */
  derived(): DerivedIndexes {
    const { themeAreas, areaThemeFindings, themeFindingCount, findingAreaIndex, findingFrameworkOf } = this;
    return { out: this.out, in: this.in, findings: { themeAreas, areaThemeFindings, themeFindingCount, findingAreaIndex, findingFrameworkOf }, search: this.search };
  }

  /** Counting sort by (node, type): each node's slice lists its relationships grouped by type. */
  private buildAdjacency(at: Int32Array, other: Int32Array, byType: Int32Array): Adjacency {
    const n = this.rows.length, m = at.length;
    const start = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) start[at[e] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const adj: Adjacency = { start, other: new Int32Array(m), type: new Uint8Array(m), rel: new Int32Array(m) };
    for (const e of byType) {
      const pos = fill[at[e]]++;
      adj.other[pos] = other[e];
      adj.type[pos] = this.bundle.relationships.type[e];
      adj.rel[pos] = e;
    }
    return adj;
  }

  /** Relationship indexes ordered by type (a counting sort: a comparison sort of millions is slow and an array of them large). */
  private byType(): Int32Array {
    const { type, count: m } = this.bundle.relationships;
    const start = new Int32Array(REL_TYPES.length + 1);
    for (let e = 0; e < m; e++) start[type[e] + 1]++;
    for (let t = 0; t < REL_TYPES.length; t++) start[t + 1] += start[t];
    const order = new Int32Array(m);
    for (let e = 0; e < m; e++) order[start[type[e]]++] = e;
    return order;
  }

  get relationshipCount(): number {
    return this.bundle.relationships.count;
  }

  node(id: string): NodeRow | null {
    const i = this.index.get(id);
    return i === undefined ? null : this.rows[i];
  }

  /** Row indexes of a label's nodes, in id order (as idsByLabel lists them). */
  rowIndexes(label: Label): Int32Array {
    return this.rowsByLabel.get(label) ?? new Int32Array(0);
  }

  /** The node at a row index (from rowIndexes). */
  rowAt(i: number): NodeRow {
    return this.rows[i];
  }

  /** Relationships at a node, both directions and every type: what visiting it costs. */
  degree(id: string): number {
    const i = this.index.get(id);
    return i === undefined ? 0 : this.out.start[i + 1] - this.out.start[i] + this.in.start[i + 1] - this.in.start[i];
  }

  /** Every relationship at `id` of an allowed type, either direction: the node at its other end and its position (relationship(e) builds its row). */
  forEachAdjacentPosition(id: string, allowed: ReadonlySet<RelType>, cb: (other: string, rel: number) => void): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    for (const adj of [this.out, this.in]) {
      for (let p = adj.start[i], end = adj.start[i + 1]; p < end; p++) {
        if (allowed.has(REL_TYPES[adj.type[p]])) cb(this.rows[adj.other[p]].id, adj.rel[p]);
      }
    }
  }

  /** Relationship e as a row. */
  relationship(e: number): RelRow {
    return relationshipRow(this.bundle, e);
  }

  /** Calls back with the node at the other end of each relationship of `type` at `id` in `direction`, and the relationship's position. */
  private forEachTyped(id: string, type: RelType, direction: Direction, cb: (other: string, rel: number) => void): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    const adj = direction === 'OUT' ? this.out : this.in;
    const code = TYPE_CODE.get(type)!;
    for (let p = adj.start[i], end = adj.start[i + 1]; p < end; p++) {
      const t = adj.type[p];
      if (t < code) continue;
      if (t > code) break;
      cb(this.rows[adj.other[p]].id, adj.rel[p]);
    }
  }

  /** The row index of a node (for rowAt and forEachLinkedRow), or -1. */
  rowOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** Like forEachLinked, by row index both ways: no id looked up per step. */
  forEachLinkedRow(row: number, type: RelType, direction: Direction, cb: (other: number) => void): void {
    const adj = direction === 'OUT' ? this.out : this.in;
    const code = TYPE_CODE.get(type)!;
    for (let p = adj.start[row], end = adj.start[row + 1]; p < end; p++) {
      const t = adj.type[p];
      if (t < code) continue;
      if (t > code) break;
      cb(adj.other[p]);
    }
  }

  /** Like forEachRel without building relationship rows (for walks over millions). */
  forEachLinked(id: string, type: RelType, direction: Direction, cb: (other: string) => void): void {
    this.forEachTyped(id, type, direction, (other) => cb(other));
  }

  /** Calls back for each relationship of `type` at `id` in `direction`, with the node at its other end. */
  forEachRel(id: string, type: RelType, direction: Direction, cb: (other: string, rel: RelRow) => void): void {
    this.forEachTyped(id, type, direction, (other, e) => cb(other, this.relationship(e)));
  }

  relsOf(id: string, type: RelType, direction: Direction): { other: string; rel: RelRow }[] {
    const out: { other: string; rel: RelRow }[] = [];
    this.forEachRel(id, type, direction, (other, rel) => out.push({ other, rel }));
    return out;
  }

  private buildFindingIndexes(): FindingIndexes {
    const themeAreas: PolarityIndex<string, string> = polarityIndex();
    const areaThemeFindings: FindingIndexes['areaThemeFindings'] = { STRENGTH: new Map(), WEAKNESS: new Map() };
    const themeFindingCount = new Map<string, number>();
    const findingAreaIndex = new Int32Array(this.rows.length).fill(-1);
    const findingFrameworkOf: (InspectionFramework | undefined)[] = new Array(this.rows.length);
    // By node index, and walked without relationship rows: millions of findings at scale.
    const findingArea: (string | undefined)[] = new Array(this.rows.length);
    for (const inspectionId of this.idsByLabel.get('Inspection') ?? []) {
      let areaId: string | undefined;
      this.forEachLinked(inspectionId, 'OF', 'OUT', (other) => (areaId ??= other));
      if (!areaId) continue;
      const areaIndex = this.index.get(areaId)!;
      const framework = (this.node(inspectionId) as InspectionRow).framework;
      this.forEachLinked(inspectionId, 'FOUND', 'OUT', (findingId) => {
        const f = this.index.get(findingId)!;
        findingArea[f] = areaId;
        findingAreaIndex[f] = areaIndex;
        findingFrameworkOf[f] = framework;
      });
    }
    for (const findingId of this.idsByLabel.get('Finding') ?? []) {
      const finding = this.node(findingId) as FindingRow;
      const areaId = findingArea[this.index.get(findingId)!];
      this.forEachLinked(findingId, 'ABOUT', 'OUT', (themeId) => {
        themeFindingCount.set(themeId, (themeFindingCount.get(themeId) ?? 0) + 1);
        if (!areaId) return;
        addTo(themeAreas[finding.polarity], themeId, areaId);
        const perArea = areaThemeFindings[finding.polarity];
        let perTheme = perArea.get(areaId);
        if (!perTheme) perArea.set(areaId, (perTheme = new Map()));
        const list = perTheme.get(themeId) ?? [];
        list.push(findingId);
        perTheme.set(themeId, list);
      });
    }
    return { themeAreas, areaThemeFindings, themeFindingCount, findingAreaIndex, findingFrameworkOf };
  }

  /** The area whose inspection found the finding, if any. */
  findingArea(findingId: string): string | null {
    const i = this.index.get(findingId);
    const a = i === undefined ? -1 : this.findingAreaIndex[i];
    return a < 0 ? null : this.rows[a].id;
  }

  /** For the finding at row index i, its area's row index (-1 for none) and its inspection's framework. */
  findingAreaRow(i: number): number {
    return this.findingAreaIndex[i];
  }

  findingFrameworkAt(i: number): InspectionFramework | null {
    return this.findingFrameworkOf[i] ?? null;
  }

  /** The framework of the inspection that found the finding (none for a national review's). */
  findingFramework(findingId: string): InspectionFramework | null {
    const i = this.index.get(findingId);
    return (i === undefined ? undefined : this.findingFrameworkOf[i]) ?? null;
  }

  /** Areas with a finding about the theme, of either polarity unless one is given. */
  areasWithTheme(themeId: string, polarity?: Polarity | null): Set<string> {
    const polarities = polarity ? [polarity] : POLARITIES;
    const out = new Set<string>();
    for (const p of polarities) for (const a of this.themeAreas[p].get(themeId) ?? []) out.add(a);
    return out;
  }
}
