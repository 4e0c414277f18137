import type { GraphStore } from '../store/port';
import { CSV_TABLES, toCsv, type CsvTable, type GraphTable } from './csv-tables';
import { CONTEXT_TABLES, contextCsv, type ContextTable } from './context-tables';
import { neighbourhood, wholeGraph } from './graph-snapshot';
import { toGraphML } from './graphml';
import { SnapshotIndex } from './snapshot-index';

/** The export files, shared by `npm run cli -- export` and `GET /export/...`. */
export const EXPORT_FORMATS = ['csv', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const GRAPHML_FILE = 'graph.graphml';
export const csvFile = (table: CsvTable) => `${table}.csv`;
export const EXPORT_FILES = [...CSV_TABLES.map(csvFile), GRAPHML_FILE];

export const MAX_EXPORT_DEPTH = 4;

export interface ExportedFile {
  name: string;
  contentType: string;
  body: string;
}

/** Raised for an argument the caller can correct; the message says how. */
export class ExportArgumentError extends Error {}

export interface GraphMLArgs {
  /** Export the neighbourhood of this id instead of the whole graph. */
  id?: string | null;
  depth?: number;
  withSources?: boolean;
}

export function checkDepth(depth: number): number {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH) {
    throw new ExportArgumentError(`depth must be a whole number from 1 to ${MAX_EXPORT_DEPTH}; got ${depth}`);
  }
  return depth;
}

export async function exportCsv(store: GraphStore, maxNodes: number, tables: readonly CsvTable[] = CSV_TABLES): Promise<ExportedFile[]> {
  const index = new SnapshotIndex(await wholeGraph(store, maxNodes));
  const files: ExportedFile[] = [];
  for (const t of tables) {
    const body = (CONTEXT_TABLES as readonly string[]).includes(t) ? await contextCsv(store, index, t as ContextTable) : toCsv(index, t as GraphTable);
    files.push({ name: csvFile(t), contentType: 'text/csv; charset=utf-8; header=present', body });
  }
  return files;
}

export async function exportGraphML(store: GraphStore, maxNodes: number, args: GraphMLArgs = {}): Promise<ExportedFile> {
  const contentType = 'application/graphml+xml; charset=utf-8';
  if (!args.id) {
    return { name: GRAPHML_FILE, contentType, body: toGraphML(await wholeGraph(store, maxNodes), 'send-graph: the whole graph') };
  }
  const depth = checkDepth(args.depth ?? 1);
  const snapshot = await neighbourhood(store, { id: args.id, depth, withSources: args.withSources ?? true }, maxNodes);
  if (!snapshot) throw new ExportArgumentError(`No node has the id "${args.id}"; ids are slugs such as sandwell or sandwell-council.`);
  return { name: `${args.id}-depth-${depth}.graphml`, contentType, body: toGraphML(snapshot, `send-graph: the neighbourhood of ${args.id} to depth ${depth}`) };
}
