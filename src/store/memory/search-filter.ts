import { inDateRange, inspectionDate } from '../../domain/inspection-order';
import type { InspectionRow, RelType } from '../../domain/model';
import type { SearchFilter } from '../port';
import type { MemoryGraph } from './memory-graph';

/**
 * The filters of a search as a test on one document (a row position), as port.ts SearchFilter
 * defines them. Checked only for the documents the words match: a finding's inspection, themes
 * and agencies are read from the graph then, so the filters cost the index no memory.
 */
export function searchFilter(g: MemoryGraph, f: SearchFilter): ((doc: number) => boolean) | null {
  const labels = f.labels?.length ? new Set(f.labels) : null;
  const inspections = allowedInspections(g, f);
  if (!labels && !f.polarity && !f.themeId && !f.agencyId && !inspections) return null;

  const linked = (id: string, type: RelType, direction: 'IN' | 'OUT', wanted: (other: string) => boolean) => {
    let found = false;
    g.forEachLinked(id, type, direction, (other) => (found ||= wanted(other)));
    return found;
  };
  return (doc) => {
    const row = g.rowAt(doc);
    if (labels && !labels.has(row.label)) return false;
    if (f.polarity && !(row.label === 'Finding' && row.polarity === f.polarity)) return false;
    if (f.themeId && !(row.label === 'Finding' && linked(row.id, 'ABOUT', 'OUT', (t) => t === f.themeId))) return false;
    if (f.agencyId) {
      const concerns = row.label === 'Finding' ? linked(row.id, 'CONCERNS', 'OUT', (a) => a === f.agencyId) : row.label === 'Action' && linked(row.id, 'OWNED_BY', 'OUT', (a) => a === f.agencyId);
      if (!concerns) return false;
    }
    if (inspections) {
      if (row.label === 'Inspection') return inspections.has(row.id);
      if (row.label === 'Finding') return linked(row.id, 'FOUND', 'IN', (i) => inspections.has(i));
      if (row.label === 'Action') return linked(row.id, 'REQUIRED', 'IN', (i) => inspections.has(i));
      return false;
    }
    return true;
  };
}

/** The inspections the framework, area, region and date filters leave (null when none of them is given). */
function allowedInspections(g: MemoryGraph, f: SearchFilter): Set<string> | null {
  if (!f.framework && !f.areaId && !f.regionId && !f.from && !f.to) return null;
  let areas: string[] | null = null;
  if (f.areaId || f.regionId) {
    const inRegion: string[] = [];
    if (f.regionId) g.forEachLinked(f.regionId, 'IN_REGION', 'IN', (a) => inRegion.push(a));
    areas = f.areaId ? (f.regionId && !inRegion.includes(f.areaId) ? [] : [f.areaId]) : inRegion;
  }
  const candidates: string[] = [];
  if (areas) for (const a of areas) g.forEachLinked(a, 'OF', 'IN', (i) => candidates.push(i));
  else candidates.push(...(g.idsByLabel.get('Inspection') ?? []));
  const out = new Set<string>();
  for (const id of candidates) {
    const i = g.node(id) as InspectionRow;
    if (i.label !== 'Inspection') continue;
    if ((!f.framework || i.framework === f.framework) && inDateRange(inspectionDate(i) || null, f.from, f.to)) out.add(id);
  }
  return out;
}
