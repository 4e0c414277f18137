import { REL_TYPES, type RelationshipColumns, type RelProps, type RelRow, type RelType } from '../domain/model';

const TYPE_CODE = new Map<RelType, number>(REL_TYPES.map((t, i) => [t, i]));

/** A typed array that grows by doubling while a column is filled. */
class Column<A extends Int32Array | Uint8Array> {
  private data: A;
  length = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** The filled part, in an array of its own size. */
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/**
 * Accumulates relationships column by column, merging the sources of one stated more than once.
 * Ends are node indexes; properties are interned, since millions of relationships carry only
 * their file's own source.
 */
export class RelationshipSet {
  private readonly byKey = new Map<number | string, number>();
  private readonly type = new Column((n) => new Uint8Array(n));
  private readonly from = new Column((n) => new Int32Array(n));
  private readonly to = new Column((n) => new Int32Array(n));
  private readonly props = new Column((n) => new Int32Array(n));
  private readonly propList: RelProps[] = [];
  private readonly interned = new Map<string, number>();
  /** Keys are numbers while node indexes fit in 24 bits (a number key costs a fraction of a string). */
  private readonly numericKeys: boolean;

  /** `indexOf` gives the node index of an id; both ends of every relationship must have one. */
  constructor(private readonly indexOf: (id: string) => number, nodeCount: number) {
    this.numericKeys = nodeCount < 2 ** 24;
  }

  add(rel: Omit<RelRow, 'sourceIds'>, sourceId: string | undefined): void {
    const code = TYPE_CODE.get(rel.type)!;
    const from = this.indexOf(rel.from);
    const to = this.indexOf(rel.to);
    const key = this.numericKeys ? (code * 2 ** 24 + from) * 2 ** 24 + to : `${code}|${from}|${to}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      const props = this.propList[this.props.get(existing)];
      if (sourceId && !props.sourceIds.includes(sourceId)) this.props.set(existing, this.intern({ ...props, sourceIds: [...props.sourceIds, sourceId] }));
      return;
    }
    const props: RelProps = { sourceIds: sourceId ? [sourceId] : [] };
    if (rel.type === 'SUCCEEDED_BY') Object.assign(props, { on: rel.on ?? null, onCertainty: rel.onCertainty ?? null });
    if (rel.type === 'WORKS_FOR') props.role = rel.role ?? null;
    this.byKey.set(key, this.type.length);
    this.type.push(code);
    this.from.push(from);
    this.to.push(to);
    this.props.push(this.intern(props));
  }

  columns(): RelationshipColumns {
    return { count: this.type.length, type: this.type.done(), from: this.from.done(), to: this.to.done(), props: this.props.done(), propList: this.propList };
  }

  private intern(props: RelProps): number {
    // Almost every relationship has only its file's source: keyed by that alone, without serialising.
    const plain = props.sourceIds.length <= 1 && Object.keys(props).length === 1;
    const key = plain ? `source:${props.sourceIds[0] ?? ''}` : JSON.stringify(props);
    let i = this.interned.get(key);
    if (i === undefined) {
      i = this.propList.push(props) - 1;
      this.interned.set(key, i);
    }
    return i;
  }
}
