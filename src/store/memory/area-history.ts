import type { InspectionRow } from '../../domain/model';
import { MAX_PREDECESSOR_DEPTH } from '../outcome-transitions';
import type { MemoryGraph } from './memory-graph';

/**
 * Visits an area's inspections and its predecessors', level by level back through SUCCEEDED_BY
 * (as far as outcomeTransitions looks), each with the area it belongs to and how many successions
 * back that area lies.
 */
export function forEachInspectionBack(g: MemoryGraph, areaId: string, visit: (inspection: InspectionRow, areaId: string, depth: number) => void): void {
  const seen = new Set<string>([areaId]);
  let level = [areaId];
  for (let depth = 0; depth <= MAX_PREDECESSOR_DEPTH && level.length; depth++) {
    for (const id of level) {
      for (const { other } of g.relsOf(id, 'OF', 'IN')) visit(g.node(other) as InspectionRow, id, depth);
    }
    level = level.flatMap((id) => g.relsOf(id, 'SUCCEEDED_BY', 'IN').map((r) => r.other)).filter((id) => !seen.has(id) && seen.add(id));
  }
}
