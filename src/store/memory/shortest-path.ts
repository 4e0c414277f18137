import type { RelRow, RelType } from '../../domain/model';
import type { PathArgs, PathRow } from '../port';
import { DEFAULT_PATH_TYPES } from '../port';
import { byId } from '../ordering';
import type { MemoryGraph } from './memory-graph';

/**
 * A shortest path between two nodes, following relationships either way. Breadth-first with
 * neighbours visited in id order, so among equally short paths the one whose node ids are
 * smallest, compared from the start, is returned: the same rule the Neo4j adapter applies.
 */
export function shortestPath(g: MemoryGraph, args: PathArgs): PathRow | null {
  if (!g.node(args.fromId) || !g.node(args.toId)) return null;
  if (args.fromId === args.toId) return { nodeIds: [args.fromId], relationships: [] };
  const allowed = new Set<RelType>(args.relationshipTypes?.length ? args.relationshipTypes : DEFAULT_PATH_TYPES);
  const parent = new Map<string, { prev: string; rel: RelRow }>();
  const seen = new Set([args.fromId]);
  let frontier = [args.fromId];
  for (let hops = 1; hops <= args.maxHops && frontier.length > 0; hops++) {
    const next: string[] = [];
    for (const id of frontier) {
      const around: { other: string; rel: RelRow }[] = [];
      g.graph.forEachOutEdge(id, (_e, rel, _s, target) => allowed.has(rel.type) && around.push({ other: target, rel }));
      g.graph.forEachInEdge(id, (_e, rel, source) => allowed.has(rel.type) && around.push({ other: source, rel }));
      around.sort((a, b) => byId(a.other, b.other) || byId(a.rel.type, b.rel.type));
      for (const { other, rel } of around) {
        if (seen.has(other)) continue;
        seen.add(other);
        parent.set(other, { prev: id, rel });
        if (other === args.toId) return unwind(parent, args.fromId, args.toId);
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(parent: Map<string, { prev: string; rel: RelRow }>, fromId: string, toId: string): PathRow {
  const nodeIds = [toId];
  const relationships: RelRow[] = [];
  for (let at = toId; at !== fromId; ) {
    const step = parent.get(at)!;
    relationships.unshift(step.rel);
    nodeIds.unshift(step.prev);
    at = step.prev;
  }
  return { nodeIds, relationships };
}
