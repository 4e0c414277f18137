import { INSPECTION_FRAMEWORKS, INSPECTION_OUTCOMES, type InspectionFramework, type InspectionOutcome } from '../domain/model';
import type { HistoryInspection, InspectionWindowRow } from './context-port';
import { byId } from './ordering';

/**
 * The summaries shared by every store, computed from what each store reads (so both answer alike):
 * the indicator by outcome, and a neighbour's latest inspection in each framework.
 */

export interface OutcomeIndicatorGroup {
  outcome: InspectionOutcome;
  /** Inspections with a value in the window. */
  n: number;
  /** Inspections with the outcome but no known value in the window. */
  missing: number;
  median: number | null;
  lowerQuartile: number | null;
  upperQuartile: number | null;
  /** The inspections' areas that have a value, by id. */
  areaIds: string[];
  /** The inspections counted, by id, with the value each contributes. */
  values: { inspectionId: string; areaId: string; value: number }[];
}

/** The p-quantile of sorted values, linear between order statistics (R's default, type 7; Cypher's percentileCont). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return roundTo(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
}

/** Summaries are rounded to 4 decimals: beyond the sources' own precision, and the same however the sum was ordered. */
const roundTo = (x: number) => Math.round(x * 1e4) / 1e4;

/** An inspection's value: the mean of its area's known values in the window. */
const meanOf = (values: [number, number][]) => roundTo(values.reduce((s, [, v]) => s + v, 0) / values.length);

/** One group per outcome the framework's inspections have, in the schema's order of outcomes. */
export function summariseByOutcome(rows: readonly InspectionWindowRow[]): OutcomeIndicatorGroup[] {
  const groups = new Map<InspectionOutcome, OutcomeIndicatorGroup>();
  for (const r of [...rows].sort((a, b) => byId(a.inspectionId, b.inspectionId))) {
    let g = groups.get(r.outcome);
    if (!g) groups.set(r.outcome, (g = { outcome: r.outcome, n: 0, missing: 0, median: null, lowerQuartile: null, upperQuartile: null, areaIds: [], values: [] }));
    if (r.values.length === 0) {
      g.missing++;
      continue;
    }
    g.n++;
    g.values.push({ inspectionId: r.inspectionId, areaId: r.areaId, value: meanOf([...r.values].sort((a, b) => a[0] - b[0])) });
  }
  for (const g of groups.values()) {
    const sorted = g.values.map((v) => v.value).sort((a, b) => a - b);
    g.median = quantile(sorted, 0.5);
    g.lowerQuartile = quantile(sorted, 0.25);
    g.upperQuartile = quantile(sorted, 0.75);
    g.areaIds = [...new Set(g.values.map((v) => v.areaId))].sort(byId);
  }
  return [...groups.values()].sort((a, b) => INSPECTION_OUTCOMES.indexOf(a.outcome) - INSPECTION_OUTCOMES.indexOf(b.outcome));
}

/** The latest inspection of each framework (by date, then id), frameworks in order. */
export function latestByFramework(inspections: readonly HistoryInspection[]): { framework: InspectionFramework; inspectionId: string }[] {
  return INSPECTION_FRAMEWORKS.flatMap((framework) => {
    const latest = inspections
      .filter((i) => i.framework === framework)
      .reduce<HistoryInspection | null>((best, i) => (!best || (i.date ?? '') > (best.date ?? '') || ((i.date ?? '') === (best.date ?? '') && i.id > best.id) ? i : best), null);
    return latest ? [{ framework, inspectionId: latest.id }] : [];
  });
}
