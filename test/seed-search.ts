import { inDateRange, inspectionDate } from '../src/domain/inspection-order';
import { relationshipRows, type InspectionRow, type NodeRow } from '../src/domain/model';
import type { SearchFilter } from '../src/store/port';
import { SEARCH_FIELDS, fieldText, searchWords, stem } from '../src/store/search-text';
import { seedBundle } from './helpers';

/**
 * What the search filters keep, and what a node's text says, worked out the plain way from the
 * seed loader's bundle, one relationship row at a time: nothing here uses a store's code.
 */
export function filterKeeps(f: SearchFilter): (id: string) => boolean {
  const bundle = seedBundle();
  const rels = relationshipRows(bundle);
  const node = (id: string) => bundle.nodes[bundle.nodeIndex.get(id)!];
  const out = (from: string, type: string) => rels.filter((r) => r.from === from && r.type === type).map((r) => r.to);
  const into = (to: string, type: string) => rels.filter((r) => r.to === to && r.type === type).map((r) => r.from);
  const inspectionOk = (id: string) => {
    const i = node(id) as InspectionRow;
    const area = out(id, 'OF')[0];
    return (
      (!f.framework || i.framework === f.framework) &&
      (!f.areaId || area === f.areaId) &&
      (!f.regionId || (area !== undefined && out(area, 'IN_REGION').includes(f.regionId))) &&
      inDateRange(inspectionDate(i) || null, f.from, f.to)
    );
  };
  const byInspection = f.framework || f.areaId || f.regionId || f.from || f.to;
  return (id) => {
    const n = node(id);
    if (f.labels?.length && !f.labels.includes(n.label)) return false;
    if (f.polarity && !(n.label === 'Finding' && n.polarity === f.polarity)) return false;
    if (f.themeId && !(n.label === 'Finding' && out(id, 'ABOUT').includes(f.themeId))) return false;
    if (f.agencyId && !((n.label === 'Finding' && out(id, 'CONCERNS').includes(f.agencyId)) || (n.label === 'Action' && out(id, 'OWNED_BY').includes(f.agencyId)))) return false;
    if (byInspection) {
      if (n.label === 'Inspection') return inspectionOk(id);
      const by = n.label === 'Finding' ? into(id, 'FOUND') : n.label === 'Action' ? into(id, 'REQUIRED') : [];
      return by.some((i) => node(i).label === 'Inspection' && inspectionOk(i));
    }
    return true;
  };
}

/** A node's searched text, field by field. */
export const textsOf = (row: NodeRow): string[] => SEARCH_FIELDS.map((f) => fieldText(row, f)).filter((t): t is string => !!t);

/** Whether any of a node's fields holds a word of that stem. */
export const hasStem = (row: NodeRow, s: string): boolean => textsOf(row).some((t) => searchWords(t).some((w) => stem(w) === s));

export const seedNode = (id: string): NodeRow => {
  const bundle = seedBundle();
  return bundle.nodes[bundle.nodeIndex.get(id)!];
};
