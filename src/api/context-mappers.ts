import type { IndicatorUnit, ObservationRow } from '../domain/context';

/** Row types behind the context's GraphQL types that the store has no row for (see codegen.ts). */

export interface CountryRow {
  id: string;
  name: string;
}
export interface IndicatorValueRow extends ObservationRow {
  unit: IndicatorUnit;
}
export interface InspectionValueRow {
  inspectionId: string;
  areaId: string;
  value: number;
}
