import type { IndicatorRow, NeighbourRow, ObservationRow } from '../domain/context';
import type { InspectionFramework, InspectionKind, InspectionOutcome } from '../domain/model';
import type { EvidencePairRow } from './port';
import type { OutcomeIndicatorGroup } from './context-summaries';

/** What the stores answer about DfE's indicators and statistical neighbours (domain/context.ts). */

export interface IndicatorWindowArgs {
  indicatorId: string;
  framework: InspectionFramework;
  /** The values of the years 1 to yearsBefore before the inspection's year. */
  yearsBefore: number;
}
/** An inspection of the framework with an outcome and a date, and its area's values of the indicator in the years before it. */
export interface InspectionWindowRow {
  inspectionId: string;
  areaId: string;
  outcome: InspectionOutcome;
  year: number;
  /** [year, value] pairs, known values only, in year order. */
  values: [number, number][];
}

/** An inspection of an area or of one of its predecessors. */
export interface HistoryInspection {
  id: string;
  framework: InspectionFramework;
  kind: InspectionKind;
  /** Start date, else publication date. */
  date: string | null;
}
/** A statistical neighbour with its inspections (its own and its predecessors') and the weakness themes it shares with the area. */
export interface NeighbourComparisonRow {
  neighbour: NeighbourRow;
  inspections: HistoryInspection[];
  /** For each shared weakness theme, in theme id order, each side's first finding about it (by id). */
  shared: EvidencePairRow[];
}

export interface ContextQueries {
  /** Every indicator, by id. */
  indicators(): Promise<IndicatorRow[]>;
  /** For each subject (england, a region or an area id), the indicator's values from `from` to `to` (years, both included), by year. */
  indicatorSeries(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null): Promise<ObservationRow[][]>;
  /** The editions of statistical neighbours the store holds, oldest first. */
  neighbourEditions(): Promise<string[]>;
  /** For each area, its first `first` neighbours in the edition, by rank. */
  statisticalNeighbours(areaIds: readonly string[], edition: string, first: number): Promise<NeighbourRow[][]>;
  /**
   * For each outcome of the framework's inspections, the indicator's values of the inspected areas
   * in the years before (see context-summaries.ts): each store reads the inspections' windows
   * (InspectionWindowRow) its own way and summarises them with the same code.
   */
  indicatorByOutcome(args: IndicatorWindowArgs): Promise<OutcomeIndicatorGroup[]>;
  /** The area's neighbours in the edition, by rank, each with its inspections and shared weakness themes. */
  neighbourComparison(areaId: string, edition: string): Promise<NeighbourComparisonRow[]>;
}
