import type { AgencyLinkRow, AgencyNetworkRow } from '../port';
import { byId, type MemoryGraph } from './memory-graph';

/** The agencies directly linked to one agency, and how: shared areas, findings, actions, succession. */
function linksOf(g: MemoryGraph, agencyId: string): AgencyLinkRow[] {
  const links: AgencyLinkRow[] = [];
  const shared = (kind: AgencyLinkRow['kind'], viaIds: string[], back: (via: string) => string[]) => {
    for (const via of viaIds) {
      for (const other of back(via)) {
        if (other === agencyId) continue;
        const [fromId, toId] = agencyId < other ? [agencyId, other] : [other, agencyId];
        links.push({ fromId, toId, kind, viaId: via });
      }
    }
  };
  const others = (id: string, type: 'SERVES' | 'CONCERNS' | 'OWNED_BY') =>
    g.relsOf(id, type, 'IN').map((r) => r.other).filter((o) => g.node(o)?.label === 'Agency');
  shared('SHARED_AREA', g.relsOf(agencyId, 'SERVES', 'OUT').map((r) => r.other), (area) => others(area, 'SERVES'));
  shared('SHARED_FINDING', g.relsOf(agencyId, 'CONCERNS', 'IN').map((r) => r.other), (f) => g.relsOf(f, 'CONCERNS', 'OUT').map((r) => r.other));
  shared('SHARED_ACTION', g.relsOf(agencyId, 'OWNED_BY', 'IN').map((r) => r.other), (a) => g.relsOf(a, 'OWNED_BY', 'OUT').map((r) => r.other));
  for (const { other } of g.relsOf(agencyId, 'SUCCEEDED_BY', 'OUT')) links.push({ fromId: agencyId, toId: other, kind: 'SUCCESSION', viaId: other });
  for (const { other } of g.relsOf(agencyId, 'SUCCEEDED_BY', 'IN')) links.push({ fromId: other, toId: agencyId, kind: 'SUCCESSION', viaId: agencyId });
  return links;
}

const linkKey = (l: AgencyLinkRow) => `${l.fromId}|${l.toId}|${l.kind}|${l.viaId}`;

/** Breadth-first over agency links up to `maxDepth`; every link followed is reported. */
export function agencyNetwork(g: MemoryGraph, agencyId: string, maxDepth: number): AgencyNetworkRow | null {
  if (g.node(agencyId)?.label !== 'Agency') return null;
  const depth = new Map<string, number>([[agencyId, 0]]);
  const links = new Map<string, AgencyLinkRow>();
  let frontier = [agencyId];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const link of linksOf(g, id)) {
        links.set(linkKey(link), link);
        const other = link.fromId === id ? link.toId : link.fromId;
        if (!depth.has(other)) {
          depth.set(other, d);
          next.push(other);
        }
      }
    }
    frontier = next.sort(byId);
  }
  return {
    centerId: agencyId,
    members: [...depth.entries()].map(([id, d]) => ({ agencyId: id, depth: d })).sort((a, b) => a.depth - b.depth || byId(a.agencyId, b.agencyId)),
    links: [...links.values()].sort((a, b) => byId(linkKey(a), linkKey(b))),
  };
}
