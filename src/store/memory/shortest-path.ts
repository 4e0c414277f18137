import type { RelRow, RelType } from '../../domain/model';
import { DEFAULT_PATH_TYPES, type PathArgs, type PathRow } from '../port';
import { byId } from '../ordering';
import type { MemoryGraph } from './memory-graph';

type Adjacent = { other: string; rel: RelRow };

/**
 * A shortest path between two nodes, following relationships either way. Among equally short
 * paths it returns the one whose node ids are smallest, compared from the start (the rule the
 * Neo4j adapter applies). Bidirectional: both ends grow balls a layer at a time, the smaller
 * first, until they meet; then the nodes on some shortest path are marked and walked by least id.
 */
export function shortestPath(g: MemoryGraph, args: PathArgs): PathRow | null {
  const s = args.fromId, t = args.toId;
  if (!g.node(s) || !g.node(t)) return null;
  if (s === t) return { nodeIds: [s], relationships: [] };
  const allowed = new Set<RelType>(args.relationshipTypes?.length ? args.relationshipTypes : DEFAULT_PATH_TYPES);
  const adjacent = (id: string): Adjacent[] => {
    const out: Adjacent[] = [];
    g.forEachAdjacent(id, allowed, (other, rel) => out.push({ other, rel }));
    return out;
  };
  const neighbours = (id: string): string[] => {
    const out: string[] = [];
    g.forEachNeighbour(id, allowed, (other) => out.push(other));
    return out;
  };

  const distS = new Map([[s, 0]]), distT = new Map([[t, 0]]);
  let frontS = [s], frontT = [t], radiusS = 0, radiusT = 0;
  let d = Infinity;
  while (d === Infinity && frontS.length && frontT.length && radiusS + radiusT < args.maxHops) {
    const growS = frontS.length <= frontT.length;
    const [front, dist, other, radius] = growS ? [frontS, distS, distT, radiusS + 1] : [frontT, distT, distS, radiusT + 1];
    const next: string[] = [];
    for (const u of front) {
      for (const v of neighbours(u)) {
        if (dist.has(v)) continue;
        dist.set(v, radius);
        next.push(v);
        const there = other.get(v);
        if (there !== undefined) d = Math.min(d, radius + there);
      }
    }
    if (growS) [frontS, radiusS] = [next, radius];
    else [frontT, radiusT] = [next, radius];
  }
  if (d > args.maxHops) return null;

  // onPath[i]: the nodes at position i of some shortest path. Both distances are known at position m.
  const m = Math.min(radiusS, d);
  const onPath: Set<string>[] = Array.from({ length: d + 1 }, () => new Set<string>());
  for (const [v, i] of distS) if (i === m && distT.get(v) === d - m) onPath[m].add(v);
  for (let i = m - 1; i >= 0; i--) {
    for (const w of onPath[i + 1]) for (const u of neighbours(w)) if (distS.get(u) === i) onPath[i].add(u);
  }
  for (let i = m + 1; i <= d; i++) {
    for (const w of onPath[i - 1]) for (const v of neighbours(w)) if (distT.get(v) === d - i) onPath[i].add(v);
  }

  const nodeIds = [s];
  const relationships: RelRow[] = [];
  for (let i = 1; i <= d; i++) {
    const step = adjacent(nodeIds[i - 1])
      .filter((a) => onPath[i].has(a.other))
      .sort((a, b) => byId(a.other, b.other) || byId(a.rel.type, b.rel.type))[0];
    nodeIds.push(step.other);
    relationships.push(step.rel);
  }
  return { nodeIds, relationships };
}
