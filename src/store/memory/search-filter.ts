import { inDateRange, inspectionDate } from '../../domain/inspection-order';
import type { InspectionRow, RelType } from '../../domain/model';
import type { SearchFilter } from '../port';
import type { MemoryGraph } from './memory-graph';

/**
 * The filters of a search as a test on one document (a row position), as port.ts SearchFilter
 * defines them. What a filter names (a theme's findings, an agency's, the inspections of an area,
 * region, framework or dates) is gathered once per query from the graph's adjacency, by row; a
 * document then costs a look at its own relationships. Nothing is kept between queries, so the
 * filters cost the index no memory.
 */
export function searchFilter(g: MemoryGraph, f: SearchFilter): ((doc: number) => boolean) | null {
  const labels = f.labels?.length ? new Set(f.labels) : null;
  const inspections = allowedInspections(g, f);
  const about = f.themeId ? linkedRows(g, f.themeId, [['ABOUT', 'IN']]) : null;
  const concerning = f.agencyId ? linkedRows(g, f.agencyId, [['CONCERNS', 'IN'], ['OWNED_BY', 'IN']]) : null;
  if (!labels && !f.polarity && !about && !concerning && !inspections) return null;

  return (doc) => {
    const row = g.rowAt(doc);
    if (labels && !labels.has(row.label)) return false;
    if (f.polarity && !(row.label === 'Finding' && row.polarity === f.polarity)) return false;
    if (about && !(row.label === 'Finding' && about.has(doc))) return false;
    if (concerning && !((row.label === 'Finding' || row.label === 'Action') && concerning.has(doc))) return false;
    if (inspections) {
      if (row.label === 'Inspection') return inspections.has(doc);
      const by = row.label === 'Finding' ? 'FOUND' : row.label === 'Action' ? 'REQUIRED' : null;
      if (!by) return false;
      let found = false;
      g.forEachLinkedRow(doc, by, 'IN', (i) => (found ||= inspections.has(i)));
      return found;
    }
    return true;
  };
}

/** The rows at the other end of a node's relationships of these types (empty for an unknown id). */
function linkedRows(g: MemoryGraph, id: string, steps: [RelType, 'IN' | 'OUT'][]): Set<number> {
  const out = new Set<number>();
  const at = g.rowOf(id);
  if (at >= 0) for (const [type, direction] of steps) g.forEachLinkedRow(at, type, direction, (r) => out.add(r));
  return out;
}

/** The rows of the inspections the framework, area, region and date filters leave (null when none of them is given). */
function allowedInspections(g: MemoryGraph, f: SearchFilter): Set<number> | null {
  if (!f.framework && !f.areaId && !f.regionId && !f.from && !f.to) return null;
  let candidates: Iterable<number> = g.rowIndexes('Inspection');
  if (f.areaId || f.regionId) {
    const areas = f.regionId ? linkedRows(g, f.regionId, [['IN_REGION', 'IN']]) : null;
    const area = f.areaId ? g.rowOf(f.areaId) : -1;
    const wanted = f.areaId ? (area >= 0 && (!areas || areas.has(area)) ? [area] : []) : [...areas!];
    const rows: number[] = [];
    for (const a of wanted) g.forEachLinkedRow(a, 'OF', 'IN', (i) => rows.push(i));
    candidates = rows;
  }
  const out = new Set<number>();
  for (const i of candidates) {
    const row = g.rowAt(i) as InspectionRow;
    if (row.label !== 'Inspection') continue;
    if ((!f.framework || row.framework === f.framework) && inDateRange(inspectionDate(row) || null, f.from, f.to)) out.add(i);
  }
  return out;
}
