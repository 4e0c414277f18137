import type { AgencyRow } from '../domain/model';
import { LIST_SEPARATOR } from './graphml';
import type { SnapshotIndex } from './snapshot-index';

/**
 * The agencies and who served which area when, as tables: `agencies.csv` (one row per body, its
 * codes, dates and successors) and `services.csv` (one row per agency, area and period, with the
 * share: of the area's LSOAs for CCGs, sub-ICB locations and ICBs; of the trust's catchment for trusts).
 */

type Cell = string | number | boolean | null | undefined;
const list = (items: readonly string[]) => items.join(LIST_SEPARATOR);

export function agenciesTable(g: SnapshotIndex): { header: string[]; rows: Cell[][] } {
  return {
    header: ['id', 'name', 'kind', 'ods_code', 'ons_code', 'active_from', 'active_to', 'part_of', 'succeeded_by', 'succeeded_on', 'preceded_by', 'aliases', 'source_ids'],
    rows: g.all('Agency').map((a: AgencyRow) => {
      const successors = [...g.rels(a.id, 'SUCCEEDED_BY', 'OUT')].sort((x, y) => (x.to < y.to ? -1 : 1));
      return [a.id, a.name, a.kind, a.odsCode, a.onsCode, a.activeFrom, a.activeTo, list(g.ids(a.id, 'PART_OF', 'OUT')),
        list(successors.map((s) => s.to)), list(successors.map((s) => s.on ?? '')), list(g.ids(a.id, 'SUCCEEDED_BY', 'IN')),
        list(a.aliases), list(g.ids(a.id, 'REPORTED_IN', 'OUT'))];
    }),
  };
}

export function servicesTable(g: SnapshotIndex): { header: string[]; rows: Cell[][] } {
  const rows: Cell[][] = [];
  for (const a of g.all('Agency')) {
    const rels = [...g.rels(a.id, 'SERVES', 'OUT')].sort((x, y) => (x.to < y.to ? -1 : x.to > y.to ? 1 : (x.since ?? '') < (y.since ?? '') ? -1 : 1));
    for (const r of rels) {
      const area = g.node(r.to);
      if (area?.label !== 'Area') continue;
      rows.push([a.id, a.name, a.kind, a.odsCode, area.id, area.name, r.share ?? null, r.since ?? null, r.until ?? null, list(r.sourceIds)]);
    }
  }
  return { header: ['agency_id', 'agency', 'agency_kind', 'ods_code', 'area_id', 'area', 'share', 'from', 'to', 'source_ids'], rows };
}
