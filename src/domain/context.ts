/**
 * Numbers read beside the inspections: DfE's indicators as series by area (or region, or England)
 * and year, and DfE's statistical neighbours as ranked relationships between areas, per edition.
 * They are kept beside the graph's nodes and relationships rather than among them: a point of a
 * series is not a fact a path should walk through, and the graph's counts stay those of its records.
 */

export const INDICATOR_UNITS = ['PERCENT', 'COUNT'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** DfE's closeness bands, nearest first. */
export const CLOSENESS_BANDS = ['EXTREMELY_CLOSE', 'VERY_CLOSE', 'CLOSE', 'SOMEWHAT_CLOSE', 'NOT_CLOSE'] as const;
export type Closeness = (typeof CLOSENESS_BANDS)[number];

/** The subject id of England's own rows (regions and areas are subjects by their node ids). */
export const ENGLAND_ID = 'england';

export interface IndicatorRow {
  id: string;
  name: string;
  unit: IndicatorUnit;
  definition: string;
  /** What the numerator and denominator count, where the source gives them. */
  numerator: string | null;
  denominator: string | null;
  caveats: string | null;
  /** The first and last years England has a value (the years the indicator is published). */
  firstYear: number | null;
  lastYear: number | null;
  /** The documents that give the indicator's values. */
  sourceIds: string[];
}

/** One year of one indicator for England, a region or an area; null where the source suppresses or lacks the cell. */
export interface ObservationRow {
  indicatorId: string;
  subjectId: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The documents that state the value (both, where two agree). */
  sourceIds: string[];
}

export interface NeighbourRow {
  areaId: string;
  neighbourId: string;
  edition: string;
  /** 1 (the nearest) to 10. */
  rank: number;
  closeness: Closeness;
  sourceIds: string[];
}

export interface ContextData {
  indicators: IndicatorRow[];
  /** Ordered by indicator, subject, year. */
  observations: ObservationRow[];
  /** Ordered by edition, area, rank. */
  neighbours: NeighbourRow[];
}

export const emptyContext = (): ContextData => ({ indicators: [], observations: [], neighbours: [] });

const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/**
 * Whether two sources give the same measure: equal once both are rounded to the coarser of their
 * precisions (the DfE prints 2022's England rate as 47.665 in one file and 47.7 in another).
 */
export function sameMeasure(a: number, b: number): boolean {
  const d = Math.min(decimals(a), decimals(b));
  const round = (x: number) => Math.round(Number((x * 10 ** d).toPrecision(12)));
  return round(a) === round(b);
}

/** Of two values that agree, the more precise. */
export const morePrecise = (a: number, b: number): number => (decimals(b) > decimals(a) ? b : a);
