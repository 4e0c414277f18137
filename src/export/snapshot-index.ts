import type { Label, NodeRow, RelRow, RelType, RowOf } from '../domain/model';
import type { GraphSnapshot } from './graph-snapshot';

/** Lookups over a snapshot for the table exports: nodes by id and label, neighbours by relationship. */
export class SnapshotIndex {
  private readonly byId = new Map<string, NodeRow>();
  private readonly out = new Map<string, RelRow[]>();
  private readonly inn = new Map<string, RelRow[]>();

  constructor(readonly snapshot: GraphSnapshot) {
    for (const n of snapshot.nodes) this.byId.set(n.id, n);
    for (const r of snapshot.relationships) {
      push(this.out, `${r.type} ${r.from}`, r);
      push(this.inn, `${r.type} ${r.to}`, r);
    }
  }

  node(id: string): NodeRow | undefined {
    return this.byId.get(id);
  }

  all<L extends Label>(label: L): RowOf<L>[] {
    return this.snapshot.nodes.filter((n): n is RowOf<L> => n.label === label);
  }

  /** Ids at the far end of `type` relationships leaving (OUT) or reaching (IN) a node, in id order. */
  ids(id: string, type: RelType, direction: 'OUT' | 'IN'): string[] {
    const rels = (direction === 'OUT' ? this.out : this.inn).get(`${type} ${id}`) ?? [];
    return rels.map((r) => (direction === 'OUT' ? r.to : r.from)).sort();
  }

  /** The relationships themselves, for their properties (a service's days and share). */
  rels(id: string, type: RelType, direction: 'OUT' | 'IN'): RelRow[] {
    return (direction === 'OUT' ? this.out : this.inn).get(`${type} ${id}`) ?? [];
  }

  rows<L extends Label>(id: string, type: RelType, direction: 'OUT' | 'IN', label: L): RowOf<L>[] {
    return this.ids(id, type, direction)
      .map((i) => this.byId.get(i))
      .filter((n): n is RowOf<L> => n?.label === label);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
