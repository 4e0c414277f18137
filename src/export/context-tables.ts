import { stringify } from 'csv-stringify/sync';
import { ENGLAND_ID } from '../domain/context';
import type { GraphStore } from '../store/port';
import { LIST_SEPARATOR } from './graphml';
import type { SnapshotIndex } from './snapshot-index';

/**
 * The exports of DfE's indicators and statistical neighbours, read through the store (so they
 * answer alike on both), with the table exports' conventions: a header, CRLF, lists joined by
 * LIST_SEPARATOR, an empty field unknown, never zero.
 */
export const CONTEXT_TABLES = ['indicators', 'statistical-neighbours'] as const;
export type ContextTable = (typeof CONTEXT_TABLES)[number];

const csv = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows' });

export async function contextCsv(store: GraphStore, g: SnapshotIndex, table: ContextTable): Promise<string> {
  const areas = g.all('Area');
  if (table === 'statistical-neighbours') {
    const names = new Map(areas.map((a) => [a.id, a.name]));
    const rows: unknown[][] = [['area_id', 'area', 'edition', 'rank', 'neighbour_id', 'neighbour', 'closeness', 'source_ids']];
    for (const edition of await store.neighbourEditions()) {
      const lists = await store.statisticalNeighbours(areas.map((a) => a.id), edition, 10);
      for (const n of lists.flat()) rows.push([n.areaId, names.get(n.areaId), n.edition, n.rank, n.neighbourId, names.get(n.neighbourId), n.closeness, n.sourceIds.join(LIST_SEPARATOR)]);
    }
    return csv(rows);
  }
  // Long: one row per subject (England, a region, an area), indicator and year.
  const subjects = [{ id: ENGLAND_ID, name: 'England', level: 'national' }, ...g.all('Region').map((r) => ({ id: r.id, name: r.name, level: 'region' })), ...areas.map((a) => ({ id: a.id, name: a.name, level: 'area' }))];
  const rows: unknown[][] = [['subject_id', 'subject', 'level', 'indicator', 'year', 'value', 'numerator', 'denominator', 'unit', 'source_ids']];
  for (const indicator of await store.indicators()) {
    const series = await store.indicatorSeries(subjects.map((s) => s.id), indicator.id, null, null);
    series.forEach((points, i) => {
      for (const o of points) rows.push([subjects[i].id, subjects[i].name, subjects[i].level, indicator.id, o.year, o.value, o.numerator, o.denominator, indicator.unit, o.sourceIds.join(LIST_SEPARATOR)]);
    });
  }
  return csv(rows);
}
