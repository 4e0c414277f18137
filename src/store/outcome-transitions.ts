import { INSPECTION_OUTCOMES, type InspectionFramework, type InspectionKind, type InspectionOutcome } from '../domain/model';
import type { AreaInspectionHistory, OutcomeTransitionRow } from './port';
import { byId } from './ordering';

/**
 * The cross-tabulation behind `outcomeTransitions`, shared by every adapter (each supplies the
 * areas' histories: graph code in memory, one Cypher query on Neo4j).
 *
 * One row per area that exists now: its outcome in the earlier framework (its own inspection or,
 * for an area created since, its nearest predecessor's), the revisit that followed it, and its
 * own latest outcome in the later framework. Null is "none, or not known".
 */

/** The inspection that gives a framework's outcome; the other kinds follow up on it. */
const PRIMARY = new Set<InspectionKind>(['INITIAL', 'FULL']);
const FOLLOW_UP = new Set<InspectionKind>(['REVISIT', 'MONITORING']);

type Entry = AreaInspectionHistory['inspections'][number];
const latest = (list: Entry[]) => list.reduce<Entry | null>((best, e) => (!best || (e.date ?? '') > (best.date ?? '') ? e : best), null);

export function tabulateTransitions(histories: readonly AreaInspectionHistory[], from: InspectionFramework, to: InspectionFramework): OutcomeTransitionRow[] {
  const cells = new Map<string, OutcomeTransitionRow>();
  for (const h of histories) {
    const later = latest(h.inspections.filter((e) => e.depth === 0 && e.framework === to && PRIMARY.has(e.kind)));
    const earlierAll = h.inspections.filter((e) => e.framework === from && PRIMARY.has(e.kind));
    const nearest = Math.min(...earlierAll.map((e) => e.depth));
    const earlier = latest(earlierAll.filter((e) => e.depth === nearest));
    if (!later && !earlier) continue;
    const revisit = earlier
      ? latest(h.inspections.filter((e) => e.framework === from && FOLLOW_UP.has(e.kind) && e.areaId === earlier.areaId && (e.date ?? '') > (earlier.date ?? '')))
      : null;
    const row = { from: earlier?.outcome ?? null, revisit: revisit?.outcome ?? null, to: later?.outcome ?? null };
    const key = `${row.from}|${row.revisit}|${row.to}`;
    const cell = cells.get(key) ?? { ...row, areaIds: [] };
    cell.areaIds.push(h.areaId);
    cells.set(key, cell);
  }
  for (const cell of cells.values()) cell.areaIds.sort(byId);
  return [...cells.values()].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.revisit) - rank(b.revisit) || rank(a.to) - rank(b.to));
}

/** Outcomes in the schema's order, none or unknown last. */
const rank = (o: InspectionOutcome | null) => (o === null ? INSPECTION_OUTCOMES.length : INSPECTION_OUTCOMES.indexOf(o));

/** How far back through predecessors an area's history is followed (a change of a change of a change). */
export const MAX_PREDECESSOR_DEPTH = 5;
