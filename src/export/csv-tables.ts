import { stringify } from 'csv-stringify/sync';
import { byInspectionDate, latestOutcome } from '../domain/inspection-order';
import type { AreaRow, InspectionFramework, InspectionRow, Polarity, SourceRow } from '../domain/model';
import { LIST_SEPARATOR } from './graphml';
import { agenciesTable, servicesTable } from './nhs-tables';
import { SnapshotIndex } from './snapshot-index';
import { CONTEXT_TABLES } from './context-tables';

/**
 * The table exports: one row per record, a header, UTF-8, RFC 4180 (CRLF line ends, fields
 * quoted when they hold a comma, quote or line break). Lists are joined by LIST_SEPARATOR. An
 * empty field is unknown, never zero.
 */
export const GRAPH_TABLES = ['areas', 'inspections', 'findings', 'actions', 'area-theme-weaknesses', 'area-theme-strengths', 'agencies', 'services'] as const;
export type GraphTable = (typeof GRAPH_TABLES)[number];
export const CSV_TABLES = [...GRAPH_TABLES, ...CONTEXT_TABLES] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | boolean | null | undefined;
interface Table {
  header: string[];
  rows: Cell[][];
}

const list = (items: readonly string[]) => items.join(LIST_SEPARATOR);

function sourcesOf(g: SnapshotIndex, id: string): SourceRow[] {
  return g.rows(id, 'REPORTED_IN', 'OUT', 'Source');
}

function areaInspections(g: SnapshotIndex, areaId: string): InspectionRow[] {
  return g.rows(areaId, 'OF', 'IN', 'Inspection').sort(byInspectionDate);
}

function areas(g: SnapshotIndex): Table {
  const latestIn = (inspections: InspectionRow[], framework: InspectionFramework) => {
    const of = inspections.filter((i) => i.framework === framework);
    return [of.length ? of[of.length - 1].id : null, latestOutcome(of)];
  };
  const count = (areaId: string, polarity: Polarity) =>
    areaInspections(g, areaId).reduce((n, i) => n + g.rows(i.id, 'FOUND', 'OUT', 'Finding').filter((f) => f.polarity === polarity).length, 0);
  return {
    header: ['id', 'name', 'kind', 'gss_code', 'la_code', 'region_id', 'region', 'active_from', 'active_to', 'succeeded_by',
      'inspections', 'latest_outcome', 'latest_inspection_2016', 'latest_outcome_2016', 'latest_inspection_2023', 'latest_outcome_2023',
      'weaknesses', 'strengths'],
    rows: g.all('Area').map((a: AreaRow) => {
      const region = g.rows(a.id, 'IN_REGION', 'OUT', 'Region')[0];
      const inspections = areaInspections(g, a.id);
      return [a.id, a.name, a.kind, a.gssCode, a.laCode, region?.id, region?.name, a.activeFrom, a.activeTo,
        list(g.ids(a.id, 'SUCCEEDED_BY', 'OUT')), inspections.length, latestOutcome(inspections),
        ...latestIn(inspections, 'FRAMEWORK_2016'), ...latestIn(inspections, 'FRAMEWORK_2023'),
        count(a.id, 'WEAKNESS'), count(a.id, 'STRENGTH')];
    }),
  };
}

function inspections(g: SnapshotIndex): Table {
  return {
    header: ['id', 'area_id', 'area', 'framework', 'kind', 'outcome', 'started_on', 'started_on_certainty', 'ended_on', 'published_on',
      'significant_weaknesses', 'weaknesses_with_progress', 'weaknesses_without_progress', 'priority_action_plan_required',
      'next_inspection_due_by', 'follows', 'weaknesses', 'strengths', 'source_ids', 'source_urls', 'notes'],
    rows: g.all('Inspection').map((i) => {
      const area = g.rows(i.id, 'OF', 'OUT', 'Area')[0];
      const findings = g.rows(i.id, 'FOUND', 'OUT', 'Finding');
      const sources = sourcesOf(g, i.id);
      return [i.id, area?.id, area?.name, i.framework, i.kind, i.outcome, i.startedOn, i.startedOnCertainty, i.endedOn, i.publishedOn,
        i.significantWeaknesses, i.weaknessesWithProgress, i.weaknessesWithoutProgress, i.priorityActionPlanRequired,
        i.nextInspectionDueBy, g.ids(i.id, 'FOLLOWS', 'OUT')[0], findings.filter((f) => f.polarity === 'WEAKNESS').length,
        findings.filter((f) => f.polarity === 'STRENGTH').length, list(sources.map((s) => s.id)),
        list(sources.map((s) => s.url).filter((u): u is string => !!u)), i.notes];
    }),
  };
}

function findings(g: SnapshotIndex): Table {
  return {
    header: ['id', 'polarity', 'area_id', 'found_by', 'found_by_type', 'theme_ids', 'themes', 'summary', 'quote', 'areas_affected',
      'concerns', 'source_ids', 'source_titles', 'source_urls'],
    rows: g.all('Finding').map((f) => {
      const origin = g.node(g.ids(f.id, 'FOUND', 'IN')[0] ?? '');
      const area = origin ? g.rows(origin.id, 'OF', 'OUT', 'Area')[0] : undefined;
      const themes = g.rows(f.id, 'ABOUT', 'OUT', 'Theme');
      const sources = sourcesOf(g, f.id);
      return [f.id, f.polarity, area?.id, origin?.id, origin?.label, list(themes.map((t) => t.id)), list(themes.map((t) => t.name)),
        f.summary, f.quote, f.areasAffected, list(g.ids(f.id, 'CONCERNS', 'OUT')), list(sources.map((s) => s.id)),
        list(sources.map((s) => s.title)), list(sources.map((s) => s.url).filter((u): u is string => !!u))];
    }),
  };
}

function actions(g: SnapshotIndex): Table {
  return {
    header: ['id', 'kind', 'title', 'status', 'required_by', 'area_id', 'owners', 'addresses', 'delivers', 'started_on', 'due_on', 'description', 'source_ids'],
    rows: g.all('Action').map((a) => {
      const requiredBy = g.ids(a.id, 'REQUIRED', 'IN')[0];
      const area = requiredBy ? g.rows(requiredBy, 'OF', 'OUT', 'Area')[0] : undefined;
      return [a.id, a.kind, a.title, a.status, requiredBy, area?.id, list(g.ids(a.id, 'OWNED_BY', 'OUT')), list(g.ids(a.id, 'ADDRESSES', 'OUT')),
        list(g.ids(a.id, 'DELIVERS', 'OUT')), a.startedOn, a.dueOn, a.description, list(sourcesOf(g, a.id).map((s) => s.id))];
    }),
  };
}

/** One row per area, one column per theme (by id): how many of the area's findings of that polarity are about it. */
function areaThemeMatrix(g: SnapshotIndex, polarity: Polarity): Table {
  const themes = g.all('Theme');
  return {
    header: ['area_id', 'area', 'region_id', ...themes.map((t) => t.id)],
    rows: g.all('Area').map((a) => {
      const counts = new Map<string, number>();
      for (const i of areaInspections(g, a.id)) {
        for (const f of g.rows(i.id, 'FOUND', 'OUT', 'Finding')) {
          if (f.polarity !== polarity) continue;
          for (const t of g.ids(f.id, 'ABOUT', 'OUT')) counts.set(t, (counts.get(t) ?? 0) + 1);
        }
      }
      return [a.id, a.name, g.ids(a.id, 'IN_REGION', 'OUT')[0], ...themes.map((t) => counts.get(t.id) ?? 0)];
    }),
  };
}

const BUILDERS: Record<GraphTable, (g: SnapshotIndex) => Table> = {
  areas,
  inspections,
  findings,
  actions,
  'area-theme-weaknesses': (g) => areaThemeMatrix(g, 'WEAKNESS'),
  'area-theme-strengths': (g) => areaThemeMatrix(g, 'STRENGTH'),
  agencies: agenciesTable,
  services: servicesTable,
};

export function toCsv(index: SnapshotIndex, table: GraphTable): string {
  const { header, rows } = BUILDERS[table](index);
  return stringify([header, ...rows], { record_delimiter: 'windows', cast: { boolean: (b) => (b ? 'true' : 'false') } });
}
