import { LABELS, REL_TYPES, type NodeRow, type RelRow, type RelType } from '../domain/model';
import { DEFAULT_PATH_TYPES, type GraphStore } from '../store/port';

/**
 * A part of the graph read through the GraphStore port, so that every export answers the same
 * on either store: all of it, or the neighbourhood of one node. Nodes and relationships are in
 * a stable order (nodes by id; relationships by type, then from, then to).
 */
export interface GraphSnapshot {
  nodes: NodeRow[];
  relationships: RelRow[];
}

/** Stops reading once the snapshot would hold more nodes than an export may. */
export class ExportTooLargeError extends Error {
  constructor(readonly max: number) {
    super(`The export would hold more than ${max} nodes (EXPORT_MAX_NODES); export the neighbourhood of one id (?id=...&depth=...) instead.`);
  }
}

const PAGE = 1000;
const BATCH = 2000;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const relOrder = (a: RelRow, b: RelRow) =>
  REL_TYPES.indexOf(a.type) - REL_TYPES.indexOf(b.type) || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0);

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Every relationship of the given types leaving the given nodes whose far end `keep` accepts. */
async function relationshipsFrom(store: GraphStore, ids: readonly string[], types: readonly RelType[], keep: (id: string) => boolean): Promise<RelRow[]> {
  const rels: RelRow[] = [];
  for (const type of types) {
    for (const batch of batches(ids)) {
      const reached = await store.traverse(batch, [{ type, direction: 'OUT' }]);
      for (const list of reached) for (const { node, rel } of list) if (keep(node.id)) rels.push(rel);
    }
  }
  return rels.sort(relOrder);
}

export async function wholeGraph(store: GraphStore, maxNodes: number): Promise<GraphSnapshot> {
  const nodes: NodeRow[] = [];
  for (const label of LABELS) {
    let afterId: string | null = null;
    for (;;) {
      const page = await store.list(label, {}, { first: PAGE, afterId });
      nodes.push(...page.rows);
      if (nodes.length > maxNodes) throw new ExportTooLargeError(maxNodes);
      if (!page.hasNextPage || page.rows.length === 0) break;
      afterId = page.rows[page.rows.length - 1].id;
    }
  }
  nodes.sort(byId);
  const ids = nodes.map((n) => n.id);
  return { nodes, relationships: await relationshipsFrom(store, ids, REL_TYPES, () => true) };
}

export interface NeighbourhoodArgs {
  id: string;
  depth: number;
  /** Add the documents behind every node and relationship (REPORTED_IN), one step further out. */
  withSources: boolean;
}

/**
 * The nodes within `depth` steps of one, following every relationship either way except
 * REPORTED_IN (as `path` does: every area shares the authority dataset), and the relationships
 * among them. Null when the id is unknown.
 */
export async function neighbourhood(store: GraphStore, args: NeighbourhoodArgs, maxNodes: number): Promise<GraphSnapshot | null> {
  const [start] = await store.nodes([args.id]);
  if (!start) return null;
  const found = new Map<string, NodeRow>([[start.id, start]]);
  let frontier = [start.id];
  for (let d = 0; d < args.depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const type of DEFAULT_PATH_TYPES) {
      for (const direction of ['OUT', 'IN'] as const) {
        for (const batch of batches(frontier)) {
          for (const list of await store.traverse(batch, [{ type, direction }])) {
            for (const { node } of list) {
              if (found.has(node.id)) continue;
              found.set(node.id, node);
              next.push(node.id);
              if (found.size > maxNodes) throw new ExportTooLargeError(maxNodes);
            }
          }
        }
      }
    }
    frontier = next;
  }
  const inside = [...found.keys()];
  const types = args.withSources ? REL_TYPES : DEFAULT_PATH_TYPES;
  if (args.withSources) {
    for (const list of await Promise.all(batches(inside).map((b) => store.traverse(b, [{ type: 'REPORTED_IN', direction: 'OUT' }])))) {
      for (const reached of list) for (const { node } of reached) found.set(node.id, node);
    }
    if (found.size > maxNodes) throw new ExportTooLargeError(maxNodes);
  }
  const relationships = await relationshipsFrom(store, inside, types, (id) => found.has(id));
  return { nodes: [...found.values()].sort(byId), relationships };
}
