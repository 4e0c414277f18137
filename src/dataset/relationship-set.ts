import { REL_TYPES, type RelationshipColumns, type RelProps, type RelRow, type RelType } from '../domain/model';
import { Column } from './column';

const TYPE_CODE = new Map<RelType, number>(REL_TYPES.map((t, i) => [t, i]));
const SERVES = TYPE_CODE.get('SERVES')!;

/**
 * Accumulates relationships column by column; one stated more than once becomes one with the
 * sources of all. Ends are node indexes; properties are interned, since millions of relationships
 * carry only their file's own source. Duplicates are merged at the end, node by node, rather than
 * looked up in a map of every relationship as they come (a map of millions costs hundreds of MB).
 */
export class RelationshipSet {
  private readonly type = new Column((n) => new Uint8Array(n));
  private readonly from = new Column((n) => new Int32Array(n));
  private readonly to = new Column((n) => new Int32Array(n));
  private readonly props = new Column((n) => new Int32Array(n));
  private readonly propList: RelProps[] = [];
  private readonly interned = new Map<string, number>();

  /** `indexOf` gives the node index of an id; both ends of every relationship must have one. */
  constructor(private readonly indexOf: (id: string) => number, private readonly nodeCount: number) {}

  add(rel: Omit<RelRow, 'sourceIds'>, sourceId: string | undefined): void {
    const props: RelProps = { sourceIds: sourceId ? [sourceId] : [] };
    if (rel.type === 'SUCCEEDED_BY') Object.assign(props, { on: rel.on ?? null, onCertainty: rel.onCertainty ?? null });
    // Only the NHS lookups date service: an undated SERVES keeps the plain properties every other relationship has.
    if (rel.type === 'SERVES' && (rel.since != null || rel.until != null || rel.share != null)) {
      Object.assign(props, { since: rel.since ?? null, until: rel.until ?? null, share: rel.share ?? null });
    }
    if (rel.type === 'WORKS_FOR') props.role = rel.role ?? null;
    if (rel.type === 'ABOUT') Object.assign(props, { assignedBy: rel.assignedBy ?? 'PERSON', reason: rel.reason ?? null });
    this.type.push(TYPE_CODE.get(rel.type)!);
    this.from.push(this.indexOf(rel.from));
    this.to.push(this.indexOf(rel.to));
    this.props.push(this.intern(props));
  }

  /** The relationships, each once, in the order each was first stated. */
  columns(): RelationshipColumns {
    const type = this.type.done();
    const from = this.from.done();
    const to = this.to.done();
    const props = this.props.done();
    const keep = this.mergeDuplicates(type, from, to, props);
    let count = 0;
    for (let e = 0; e < keep.length; e++) count += keep[e];
    if (count === type.length) return { count, type, from, to, props, propList: this.propList };
    const pick = <A extends Int32Array | Uint8Array>(column: A): A => column.filter((_, e) => keep[e] === 1) as A;
    return { count, type: pick(type), from: pick(from), to: pick(to), props: pick(props), propList: this.propList };
  }

  /**
   * Marks the first statement of each relationship to keep, adding the sources of later ones to it.
   * SERVES is one relationship per period it is dated with; an undated statement of a service that
   * is also dated (a report saying the ICB serves the area) adds its sources to the first dated one.
   */
  private mergeDuplicates(type: Uint8Array, from: Int32Array, to: Int32Array, props: Int32Array): Uint8Array {
    const m = type.length;
    const keep = new Uint8Array(m).fill(1);
    // Group by start node (a counting sort keeps each group in the order stated), then compare within groups.
    const start = new Int32Array(this.nodeCount + 1);
    for (let e = 0; e < m; e++) start[from[e] + 1]++;
    for (let i = 0; i < this.nodeCount; i++) start[i + 1] += start[i];
    const fill = start.slice(0, this.nodeCount);
    const order = new Int32Array(m);
    for (let e = 0; e < m; e++) order[fill[from[e]]++] = e;
    const first = new Map<number | string, number>();
    const firstDated = new Map<number, number>();
    const mergeInto = (kept: number, e: number) => {
      keep[e] = 0;
      const merged = this.propList[props[kept]];
      const extra = this.propList[props[e]].sourceIds.filter((s) => !merged.sourceIds.includes(s));
      if (extra.length) props[kept] = this.intern({ ...merged, sourceIds: [...merged.sourceIds, ...extra] });
    };
    for (let i = 0; i < this.nodeCount; i++) {
      if (start[i + 1] - start[i] < 2) continue;
      first.clear();
      firstDated.clear();
      for (let p = start[i]; p < start[i + 1]; p++) {
        const e = order[p];
        const pairKey = type[e] * 2 ** 32 + to[e];
        const since = type[e] === SERVES ? this.propList[props[e]].since : undefined;
        const key = since === undefined ? pairKey : `${pairKey}:${since}`;
        if (since !== undefined && !firstDated.has(pairKey)) firstDated.set(pairKey, e);
        const kept = first.get(key);
        if (kept === undefined) first.set(key, e);
        else mergeInto(kept, e);
      }
      for (const [pairKey, dated] of firstDated) {
        const undated = first.get(pairKey);
        if (undated !== undefined) mergeInto(dated, undated);
      }
    }
    return keep;
  }

  private intern(props: RelProps): number {
    // Almost every relationship has only its file's source: keyed by that alone, without serialising.
    const plain = props.sourceIds.length <= 1 && Object.keys(props).length === 1;
    // A theme a person gave (every hand-written seed's) is as common at scale: keyed without serialising too.
    const byPerson = props.sourceIds.length <= 1 && Object.keys(props).length === 3 && props.assignedBy === 'PERSON' && props.reason === null;
    const key = plain ? `source:${props.sourceIds[0] ?? ''}` : byPerson ? `person:${props.sourceIds[0] ?? ''}` : JSON.stringify(props);
    let i = this.interned.get(key);
    if (i === undefined) {
      i = this.propList.push(props) - 1;
      this.interned.set(key, i);
    }
    return i;
  }
}
