import { create } from 'xmlbuilder2';
import type { NodeRow, RelRow } from '../domain/model';
import type { GraphSnapshot } from './graph-snapshot';

/**
 * GraphML (graphml.graphdrawing.org) of a snapshot, loadable by Gephi, igraph and networkx.
 * Every property is declared with its type (string, int, double, boolean); a list is written as
 * one string, its items joined by LIST_SEPARATOR, since GraphML has no list type. Each node also
 * carries `type` (its label: Area, Agency, ...) and `label` (its name, title or summary), which
 * Gephi shows; each edge carries `type` (SERVES, OF, ...) and `sources`, the ids of the documents
 * stating it.
 */
export const LIST_SEPARATOR = '; ';

type Value = string | number | boolean;
type GraphMLType = 'string' | 'int' | 'double' | 'boolean';

const displayName = (n: NodeRow): string => {
  const r = n as unknown as Record<string, unknown>;
  return String(r.name ?? r.title ?? r.summary ?? n.id);
};

function nodeAttributes(n: NodeRow): Record<string, Value> {
  const out: Record<string, Value> = { type: n.label, label: displayName(n) };
  for (const [k, v] of Object.entries(n)) {
    if (k === 'id' || k === 'label' || v === null || v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.join(LIST_SEPARATOR);
    } else out[k] = v as Value;
  }
  return out;
}

function edgeAttributes(r: RelRow): Record<string, Value> {
  const out: Record<string, Value> = { type: r.type, label: r.type };
  if (r.sourceIds.length) out.sources = r.sourceIds.join(LIST_SEPARATOR);
  // Every other property the relationship carries (on, onCertainty, role, ...), as the model grows.
  for (const [k, v] of Object.entries(r)) {
    if (k === 'type' || k === 'from' || k === 'to' || k === 'sourceIds' || v === null || v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.join(LIST_SEPARATOR);
    } else out[k] = v as Value;
  }
  return out;
}

const typeOf = (v: Value): GraphMLType => (typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'double') : 'string');
const widen = (a: GraphMLType | undefined, b: GraphMLType): GraphMLType =>
  a === undefined || a === b ? b : (a === 'int' && b === 'double') || (a === 'double' && b === 'int') ? 'double' : 'string';

/** Each attribute's name and type, in first-seen order, widened where rows disagree. */
function declare(rows: Record<string, Value>[]): Map<string, GraphMLType> {
  const keys = new Map<string, GraphMLType>();
  for (const row of rows) for (const [k, v] of Object.entries(row)) keys.set(k, widen(keys.get(k), typeOf(v)));
  return keys;
}

export function toGraphML(snapshot: GraphSnapshot, description: string): string {
  const nodeRows = snapshot.nodes.map(nodeAttributes);
  const edgeRows = snapshot.relationships.map(edgeAttributes);
  const nodeKeys = declare(nodeRows);
  const edgeKeys = declare(edgeRows);
  const keyId = (domain: 'n' | 'e', name: string) => `${domain}_${name}`;

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://graphml.graphdrawing.org/xmlns', 'graphml', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  for (const [name, type] of nodeKeys) root.ele('key', { id: keyId('n', name), for: 'node', 'attr.name': name, 'attr.type': type });
  for (const [name, type] of edgeKeys) root.ele('key', { id: keyId('e', name), for: 'edge', 'attr.name': name, 'attr.type': type });
  const graph = root.ele('graph', { id: 'send-graph', edgedefault: 'directed' });
  graph.ele('desc').txt(description);
  snapshot.nodes.forEach((n, i) => {
    const el = graph.ele('node', { id: n.id });
    for (const [k, v] of Object.entries(nodeRows[i])) el.ele('data', { key: keyId('n', k) }).txt(String(v));
  });
  snapshot.relationships.forEach((r, i) => {
    const el = graph.ele('edge', { id: `e${i}`, source: r.from, target: r.to });
    for (const [k, v] of Object.entries(edgeRows[i])) el.ele('data', { key: keyId('e', k) }).txt(String(v));
  });
  return root.end({ prettyPrint: true });
}
