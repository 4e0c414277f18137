import type { NodeRow } from '../domain/model';
import type { PageResult } from '../store/port';

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
