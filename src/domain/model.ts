import type { ContextData } from './context';

/**
 * The graph's vocabulary: every label, relationship type and enum value lives here, once.
 * Labels and relationship types used in Cypher come only from these lists, never from input.
 */

export const LABELS = [
  'Region',
  'Area',
  'Agency',
  'Inspection',
  'Review',
  'Finding',
  'Theme',
  'Action',
  'Person',
  'Source',
] as const;
export type Label = (typeof LABELS)[number];

export const REL_TYPES = [
  'IN_REGION',
  'SERVES',
  'SUCCEEDED_BY',
  'OF',
  'BY',
  'FOLLOWS',
  'FOUND',
  'ABOUT',
  'CONCERNS',
  'REQUIRED',
  'OWNED_BY',
  'ADDRESSES',
  'DECIDED_BY',
  'DELIVERS',
  'WORKS_FOR',
  'REPORTED_IN',
  'PART_OF',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export const AGENCY_KINDS = [
  'COUNCIL',
  'CCG',
  'ICB',
  'SUB_ICB_LOCATION',
  'NHS_TRUST',
  'CHILDRENS_TRUST',
  'INSPECTORATE',
  'GOVERNMENT',
  'PARTNERSHIP',
  'SCHOOL_SERVICE',
  'OTHER',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AREA_KINDS = ['COUNTY', 'UNITARY_AUTHORITY', 'METROPOLITAN_DISTRICT', 'LONDON_BOROUGH', 'CITY_CORPORATION'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const POLARITIES = ['STRENGTH', 'WEAKNESS'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const INSPECTION_FRAMEWORKS = ['FRAMEWORK_2016', 'FRAMEWORK_2023'] as const;
export type InspectionFramework = (typeof INSPECTION_FRAMEWORKS)[number];

/** INITIAL and REVISIT belong to the 2016 framework, FULL and MONITORING to the 2023 one. */
export const INSPECTION_KINDS = ['INITIAL', 'REVISIT', 'FULL', 'MONITORING'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const FRAMEWORK_OF_KIND: Record<InspectionKind, InspectionFramework> = {
  INITIAL: 'FRAMEWORK_2016',
  REVISIT: 'FRAMEWORK_2016',
  FULL: 'FRAMEWORK_2023',
  MONITORING: 'FRAMEWORK_2023',
};

export const INSPECTION_OUTCOMES = [
  'WSOA_REQUIRED',
  'NO_WSOA',
  'SUFFICIENT_PROGRESS',
  'PARTIAL_PROGRESS',
  'INSUFFICIENT_PROGRESS',
  'POSITIVE',
  'INCONSISTENT',
  'SYSTEMIC_FAILINGS',
] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export const ACTION_KINDS = [
  'WSOA',
  'PRIORITY_ACTION_PLAN',
  'PRIORITY_ACTION',
  'AREA_FOR_IMPROVEMENT',
  'ACTION_PLAN',
  'TRANSFER_TO_TRUST',
  'PROGRAMME',
  'OTHER',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['REQUIRED', 'DRAFTED', 'APPROVED', 'SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'UNKNOWN'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const SOURCE_KINDS = ['ARTICLE', 'REPORT', 'DATASET', 'LEGISLATION', 'WEB_PAGE'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const CERTAINTIES = ['STATED', 'INFERRED'] as const;

/** Who put a finding under a theme: a person (by hand, or correcting the machine) or the classifier. */
export const ASSIGNERS = ['PERSON', 'MACHINE'] as const;
export type Assigner = (typeof ASSIGNERS)[number];
export type Certainty = (typeof CERTAINTIES)[number];

/**
 * Rows hold only primitives and arrays of primitives, so that every adapter (Neo4j included)
 * can store them as plain properties. A partial date is an ISO prefix ("2017", "2017-01",
 * "2017-01-15") beside a certainty property named `<field>Certainty`.
 */
interface RowBase {
  id: string;
}

export interface RegionRow extends RowBase {
  label: 'Region';
  name: string;
  gssCode: string | null;
}
export interface AreaRow extends RowBase {
  label: 'Area';
  name: string;
  kind: AreaKind;
  gssCode: string;
  laCode: string;
  /** When the authority came into being or ceased, where the register says (former areas have activeTo). */
  activeFrom: string | null;
  activeFromCertainty: Certainty | null;
  activeTo: string | null;
  activeToCertainty: Certainty | null;
}
export interface AgencyRow extends RowBase {
  label: 'Agency';
  name: string;
  kind: AgencyKind;
  aliases: string[];
  activeFrom: string | null;
  activeFromCertainty: Certainty | null;
  activeTo: string | null;
  activeToCertainty: Certainty | null;
  notes: string | null;
  /** The NHS's Organisation Data Service code (CCG `05L`, ICB `QUA`, trust `RL4`), and ONS's (`E38000144`), where it has them. */
  odsCode: string | null;
  onsCode: string | null;
}
export interface InspectionRow extends RowBase {
  label: 'Inspection';
  framework: InspectionFramework;
  kind: InspectionKind;
  /** Null when no source states it; the notes say why. */
  outcome: InspectionOutcome | null;
  startedOn: string | null;
  startedOnCertainty: Certainty | null;
  endedOn: string | null;
  endedOnCertainty: Certainty | null;
  publishedOn: string | null;
  publishedOnCertainty: Certainty | null;
  /** 2016 framework: significant weaknesses the WSOA had to address. */
  significantWeaknesses: number | null;
  /** 2016 revisit: of those, how many with sufficient progress, and how many without. */
  weaknessesWithProgress: number | null;
  weaknessesWithoutProgress: number | null;
  /** 2023 framework: whether a priority action plan is required (systemic failings). */
  priorityActionPlanRequired: boolean | null;
  nextInspectionDueBy: string | null;
  nextInspectionDueByCertainty: Certainty | null;
  notes: string | null;
}
export interface ReviewRow extends RowBase {
  label: 'Review';
  title: string;
  period: string | null;
  areasCovered: number | null;
  wsoaCount: number | null;
  publishedOn: string | null;
  publishedOnCertainty: Certainty | null;
}
export interface FindingRow extends RowBase {
  label: 'Finding';
  polarity: Polarity;
  summary: string;
  quote: string | null;
  /** For a review's finding: how many of the areas it covers showed it, when stated. */
  areasAffected: number | null;
}
export interface ThemeRow extends RowBase {
  label: 'Theme';
  name: string;
  description: string;
}
export interface ActionRow extends RowBase {
  label: 'Action';
  kind: ActionKind;
  title: string;
  status: ActionStatus;
  description: string | null;
  startedOn: string | null;
  startedOnCertainty: Certainty | null;
  dueOn: string | null;
  dueOnCertainty: Certainty | null;
}
export interface PersonRow extends RowBase {
  label: 'Person';
  name: string;
  role: string | null;
}
export interface SourceRow extends RowBase {
  label: 'Source';
  title: string;
  kind: SourceKind;
  publisher: string | null;
  authors: string[];
  publishedOn: string | null;
  publishedOnCertainty: Certainty | null;
  url: string | null;
  file: string | null;
  licence: string | null;
  notes: string | null;
}

export type NodeRow =
  | RegionRow
  | AreaRow
  | AgencyRow
  | InspectionRow
  | ReviewRow
  | FindingRow
  | ThemeRow
  | ActionRow
  | PersonRow
  | SourceRow;

export type RowOf<L extends Label> = Extract<NodeRow, { label: L }>;

export interface RelRow {
  type: RelType;
  from: string;
  to: string;
  /** Sources stating this relationship. */
  sourceIds: string[];
  /** SUCCEEDED_BY: when. */
  on?: string | null;
  onCertainty?: Certainty | null;
  /**
   * SERVES: the days it held (ISO dates, both included; null until: still) and the share of the area
   * (null: not known, or not dated by its source). Only the NHS lookups date and share service.
   */
  since?: string | null;
  until?: string | null;
  share?: number | null;
  /** WORKS_FOR: the person's role there. */
  role?: string | null;
  /** ABOUT: who assigned the theme, and why (the classifier's rule and the words that fired it, or a person's note). */
  assignedBy?: Assigner | null;
  reason?: string | null;
}

/** A relationship's properties besides its ends: shared by every relationship that has the same ones. */
export type RelProps = Omit<RelRow, 'type' | 'from' | 'to'>;

/**
 * Relationships column by column: relationship e is of type REL_TYPES[type[e]], from
 * nodes[from[e]] to nodes[to[e]], with properties propList[props[e]]. Millions of relationships
 * cost a few bytes each this way, where an object each cost hundreds.
 */
export interface RelationshipColumns {
  count: number;
  type: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  props: Int32Array;
  propList: RelProps[];
}

export interface Bundle {
  nodes: NodeRow[];
  relationships: RelationshipColumns;
  /** Each node's position in `nodes`, by id. */
  nodeIndex: ReadonlyMap<string, number>;
  /** DfE's indicators and statistical neighbours (context.ts); none when absent. */
  context?: ContextData;
}

/** Relationship e of a bundle as a row. */
export const relationshipRow = (bundle: Bundle, e: number): RelRow => {
  const r = bundle.relationships;
  return { type: REL_TYPES[r.type[e]], from: bundle.nodes[r.from[e]].id, to: bundle.nodes[r.to[e]].id, ...r.propList[r.props[e]] };
};

/** Every relationship of a bundle as rows, for code that can afford an object each (seeding Neo4j, tests). */
export const relationshipRows = (bundle: Bundle): RelRow[] => Array.from({ length: bundle.relationships.count }, (_, e) => relationshipRow(bundle, e));
