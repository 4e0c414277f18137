import neo4j, { isDate, isDateTime, isLocalDateTime, isLocalTime, isTime, type Node } from 'neo4j-driver';
import { LABELS, type Label, type NodeRow, type RelRow, type RelType } from '../../domain/model';
import type { TermVector } from '../finding-similarity';
import { WEAKNESS_AREAS } from '../has-theme';
import { ALIASES_TEXT, ENTITY, PROJECTED_ROWS, SIMILARITY_TEXT, SIMILARITY_WEIGHTS } from './cypher';

/** Properties stored for the adapter's own queries, not part of any row. */
const INTERNAL_PROPERTIES = new Set<string>([ALIASES_TEXT, SIMILARITY_TEXT, SIMILARITY_WEIGHTS, WEAKNESS_AREAS]);

/** Neo4j values as plain JSON: integers as numbers, temporal values as ISO strings, nodes as their properties. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`integer ${value.toString()} does not fit a JavaScript number`);
    return value.toNumber();
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value)) {
    return value.toString();
  }
  if (isNode(value)) return nodeToRow(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

function isNode(value: unknown): value is Node {
  return value instanceof neo4j.types.Node;
}

/** A node as the statements return it (cypher.ts nodeValue): the node, or the row properties of a label in PROJECTED_ROWS as a map. */
export function rowFromValue(value: unknown): NodeRow {
  if (isNode(value)) return nodeToRow(value);
  const props = toPlain(value) as Record<string, unknown> | null;
  const label = props?.label as Label | undefined;
  if (!label || !PROJECTED_ROWS.has(label)) throw new Error(`expected a node, or the row properties of a ${[...PROJECTED_ROWS.keys()].join(' or ')}, got ${JSON.stringify(props)}`);
  return { ...nullsFor(label), ...props } as unknown as NodeRow;
}

/** A stored node back as the row it was written from. Absent properties (Neo4j stores no nulls) come back as null. */
export function nodeToRow(node: Node): NodeRow {
  const label = node.labels.find((l): l is Label => l !== ENTITY && (LABELS as readonly string[]).includes(l));
  if (!label) throw new Error(`node ${String(node.properties.id)} has none of this graph's labels (${node.labels.join(', ')})`);
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.properties)) if (!INTERNAL_PROPERTIES.has(k)) props[k] = toPlain(v);
  return { ...nullsFor(label), ...props, label } as NodeRow;
}

/** The nullable fields of each label, so rows read back carry them as null like the rows written. */
const NULLABLE: Record<Label, string[]> = {
  Region: ['gssCode'],
  Area: ['activeFrom', 'activeFromCertainty', 'activeTo', 'activeToCertainty'],
  Agency: ['activeFrom', 'activeFromCertainty', 'activeTo', 'activeToCertainty', 'notes', 'odsCode', 'onsCode'],
  Inspection: [
    'outcome', 'startedOn', 'startedOnCertainty', 'endedOn', 'endedOnCertainty', 'publishedOn', 'publishedOnCertainty',
    'significantWeaknesses', 'weaknessesWithProgress', 'weaknessesWithoutProgress', 'priorityActionPlanRequired',
    'nextInspectionDueBy', 'nextInspectionDueByCertainty', 'notes',
  ],
  Review: ['period', 'areasCovered', 'wsoaCount', 'publishedOn', 'publishedOnCertainty'],
  Finding: ['quote', 'areasAffected'],
  Theme: [],
  Action: ['description', 'startedOn', 'startedOnCertainty', 'dueOn', 'dueOnCertainty'],
  Person: ['role'],
  Source: ['publisher', 'publishedOn', 'publishedOnCertainty', 'url', 'file', 'licence', 'notes'],
};
const nullsFor = (label: Label) => Object.fromEntries(NULLABLE[label].map((k) => [k, null]));

export function relFromParts(type: string, from: string, to: string, props: unknown): RelRow {
  const p = (toPlain(props) ?? {}) as Record<string, unknown>;
  const rel: RelRow = { type: type as RelType, from, to, sourceIds: (p.sourceIds as string[] | undefined) ?? [] };
  if (type === 'SUCCEEDED_BY') {
    rel.on = (p.on as string | undefined) ?? null;
    rel.onCertainty = (p.onCertainty as RelRow['onCertainty']) ?? null;
  }
  if (type === 'WORKS_FOR') rel.role = (p.role as string | undefined) ?? null;
  // A dated service (only those have the properties: see relationship-set.ts).
  if (type === 'SERVES' && (p.since !== undefined || p.until !== undefined || p.share !== undefined)) {
    rel.since = (p.since as string | undefined) ?? null;
    rel.until = (p.until as string | undefined) ?? null;
    rel.share = (p.share as number | undefined) ?? null;
  }
  if (type === 'ABOUT') {
    rel.assignedBy = (p.assignedBy as RelRow['assignedBy']) ?? 'PERSON';
    rel.reason = (p.reason as string | undefined) ?? null;
  }
  return rel;
}

/**
 * The properties a row is stored with: everything but its label (a Neo4j label instead); for a
 * finding, also its similarity vector (its stems as one string, for the full-text index that finds
 * candidates, and their weights in the same order).
 */
export function rowToProperties(row: NodeRow, vector?: TermVector): Record<string, unknown> {
  const { label: _label, ...props } = row;
  const out: Record<string, unknown> = props;
  if (row.label === 'Agency') out[ALIASES_TEXT] = row.aliases.join('; ');
  if (vector) {
    out[SIMILARITY_TEXT] = vector.terms.join(' ');
    out[SIMILARITY_WEIGHTS] = vector.weights;
  }
  return out;
}

export function relToProperties(rel: RelRow): Record<string, unknown> {
  const out: Record<string, unknown> = { sourceIds: rel.sourceIds };
  if (rel.on !== undefined) out.on = rel.on;
  if (rel.onCertainty !== undefined) out.onCertainty = rel.onCertainty;
  if (rel.role !== undefined) out.role = rel.role;
  if (rel.since !== undefined) out.since = rel.since;
  if (rel.until !== undefined) out.until = rel.until;
  if (rel.share !== undefined) out.share = rel.share;
  if (rel.assignedBy !== undefined) out.assignedBy = rel.assignedBy;
  if (rel.reason !== undefined) out.reason = rel.reason;
  return out;
}
