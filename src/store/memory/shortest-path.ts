import { deadlineTicker } from '../deadline';
import type { RelRow, RelType } from '../../domain/model';
import { DEFAULT_PATH_TYPES, type PathArgs, type PathRow } from '../port';
import { byId } from '../ordering';
import type { MemoryGraph } from './memory-graph';

/**
 * A shortest path between two nodes, following relationships either way. Among equally short
 * paths it returns the one whose node ids are smallest, compared from the start (the rule the
 * Neo4j adapter applies). Bidirectional: both ends grow balls a layer at a time, the side whose
 * next layer costs less first, until they meet; then the nodes on some shortest path are marked
 * and walked by least id. Hubs (a national body inspected with every area) are only expanded
 * when no cheaper side is left.
 */
export function shortestPath(g: MemoryGraph, args: PathArgs): PathRow | null {
  const s = args.fromId, t = args.toId;
  if (!g.node(s) || !g.node(t)) return null;
  if (s === t) return { nodeIds: [s], relationships: [] };
  const allowed = new Set<RelType>(args.relationshipTypes?.length ? args.relationshipTypes : DEFAULT_PATH_TYPES);
  const neighbours = (id: string): string[] => {
    const out: string[] = [];
    g.forEachAdjacentPosition(id, allowed, (other) => out.push(other));
    return out;
  };
  const cost = (layer: string[]) => layer.reduce((sum, id) => sum + g.degree(id), 0);

  // Once per node expanded: a node's adjacency costs far more than reading the clock.
  const tick = deadlineTicker(1);
  const distS = new Map([[s, 0]]), distT = new Map([[t, 0]]);
  // Nodes by distance from each end.
  const layersS: string[][] = [[s]], layersT: string[][] = [[t]];
  let d = Infinity;
  while (d === Infinity && layersS.at(-1)!.length && layersT.at(-1)!.length && layersS.length + layersT.length - 2 < args.maxHops) {
    const growS = cost(layersS.at(-1)!) <= cost(layersT.at(-1)!);
    const [layers, dist, other] = growS ? [layersS, distS, distT] : [layersT, distT, distS];
    const radius = layers.length;
    const next: string[] = [];
    for (const u of layers.at(-1)!) {
      tick();
      for (const v of neighbours(u)) {
        if (dist.has(v)) continue;
        dist.set(v, radius);
        next.push(v);
        const there = other.get(v);
        if (there !== undefined) d = Math.min(d, radius + there);
      }
    }
    layers.push(next);
  }
  if (d > args.maxHops) return null;

  // onPath[i]: the nodes at position i of some shortest path. Both distances are known at position m.
  const m = Math.min(layersS.length - 1, d);
  const onPath: Set<string>[] = Array.from({ length: d + 1 }, () => new Set<string>());
  for (const v of layersS[m]) if (distT.get(v) === d - m) onPath[m].add(v);
  // Each step marks the nodes next to the marked ones at the right distance, scanning whichever side is cheaper.
  const mark = (known: Set<string>, layer: string[], into: Set<string>) => {
    if (cost([...known]) <= cost(layer)) {
      const inLayer = new Set(layer);
      for (const w of known) {
        tick();
        for (const u of neighbours(w)) if (inLayer.has(u)) into.add(u);
      }
    } else {
      for (const u of layer) {
        tick();
        if (neighbours(u).some((w) => known.has(w))) into.add(u);
      }
    }
  };
  for (let i = m - 1; i >= 0; i--) mark(onPath[i + 1], layersS[i], onPath[i]);
  for (let i = m + 1; i <= d; i++) mark(onPath[i - 1], layersT[d - i], onPath[i]);

  const nodeIds = [s];
  const relationships: RelRow[] = [];
  for (let i = 1; i <= d; i++) {
    let best: { other: string; rel: number; type: string } | null = null;
    g.forEachAdjacentPosition(nodeIds[i - 1], allowed, (other, rel) => {
      if (!onPath[i].has(other)) return;
      const type = g.relationship(rel).type;
      if (!best || byId(other, best.other) < 0 || (other === best.other && byId(type, best.type) < 0)) best = { other, rel, type };
    });
    const step = best as { other: string; rel: number } | null;
    nodeIds.push(step!.other);
    relationships.push(g.relationship(step!.rel));
  }
  return { nodeIds, relationships };
}
