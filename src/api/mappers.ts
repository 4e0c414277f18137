import type { AgencyRow, AreaRow, NodeRow, RelRow } from '../domain/model';
import type { PageResult, SearchPage } from '../store/port';

/** Row types behind GraphQL types that have no row of their own in the store (see codegen.ts). */

export interface EmploymentRow {
  personId: string;
  agencyId: string;
  role: string | null;
  /** Whichever end the resolver already holds, so it need not be fetched again. */
  person?: NodeRow;
  agency?: NodeRow;
}

/** A page of any Relay connection. */
export interface ConnectionRow extends PageResult {
  hasPreviousPage: boolean;
}

export interface NetworkMemberRow {
  agencyId: string;
  depth: number;
}

/** A page of search hits: which hit the page starts at, for the cursors. */
export interface SearchConnectionRow extends SearchPage {
  offset: number;
}

/** An agency serving an area, by the SERVES relationship between them (see resolvers/service.ts). */
export interface ServiceRow {
  agency: AgencyRow;
  area: AreaRow;
  rel: RelRow;
}

export interface LineageStepRow {
  from: AgencyRow;
  to: AgencyRow;
  rel: RelRow;
  depth: number;
}

export interface AgencyLineageRow {
  agency: AgencyRow;
  successors: LineageStepRow[];
  predecessors: LineageStepRow[];
}
