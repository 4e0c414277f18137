import { REL_TYPES, type Bundle, type FindingRow } from '../domain/model';

export interface AreaFindingCount {
  areaId: string;
  areaName: string;
  strengths: number;
  weaknesses: number;
}

const OF = REL_TYPES.indexOf('OF');
const FOUND = REL_TYPES.indexOf('FOUND');

/** For every area with findings: how many strengths and weaknesses its inspections found, by area id. */
export function findingsPerArea(bundle: Bundle): AreaFindingCount[] {
  const { nodes, relationships: r } = bundle;
  const areaOf = new Map<number, number>();
  for (let e = 0; e < r.count; e++) if (r.type[e] === OF) areaOf.set(r.from[e], r.to[e]);
  const counts = new Map<number, AreaFindingCount>();
  for (let e = 0; e < r.count; e++) {
    if (r.type[e] !== FOUND) continue;
    const area = areaOf.get(r.from[e]);
    if (area === undefined) continue; // a national review's finding
    const row = counts.get(area) ?? { areaId: nodes[area].id, areaName: (nodes[area] as { name: string }).name, strengths: 0, weaknesses: 0 };
    if ((nodes[r.to[e]] as FindingRow).polarity === 'STRENGTH') row.strengths++;
    else row.weaknesses++;
    counts.set(area, row);
  }
  return [...counts.values()].sort((a, b) => a.areaId.localeCompare(b.areaId));
}
