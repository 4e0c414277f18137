import { deadlineTicker } from '../deadline';
import type { AgencyLinkRow } from '../port';
import { sharedLink } from '../agency-network';
import type { MemoryGraph } from './memory-graph';

/** The links of each agency in the frontier: shared areas, findings and actions, and succession. */
export function agencyLinks(g: MemoryGraph, frontier: string[]): AgencyLinkRow[] {
  const links: AgencyLinkRow[] = [];
  const agenciesAt = (id: string, type: 'SERVES' | 'CONCERNS' | 'OWNED_BY', direction: 'IN' | 'OUT') =>
    g.relsOf(id, type, direction).map((r) => r.other).filter((o) => g.node(o)?.label === 'Agency');
  const tick = deadlineTicker(8);
  for (const agencyId of frontier) {
    tick();
    const shared = (kind: 'SHARED_AREA' | 'SHARED_FINDING' | 'SHARED_ACTION', viaIds: string[], others: (via: string) => string[]) => {
      for (const via of viaIds) for (const other of others(via)) if (other !== agencyId) links.push(sharedLink(kind, agencyId, other, via));
    };
    shared('SHARED_AREA', g.relsOf(agencyId, 'SERVES', 'OUT').map((r) => r.other), (area) => agenciesAt(area, 'SERVES', 'IN'));
    shared('SHARED_FINDING', g.relsOf(agencyId, 'CONCERNS', 'IN').map((r) => r.other), (f) => agenciesAt(f, 'CONCERNS', 'OUT'));
    shared('SHARED_ACTION', g.relsOf(agencyId, 'OWNED_BY', 'IN').map((r) => r.other), (a) => agenciesAt(a, 'OWNED_BY', 'OUT'));
    for (const { other } of g.relsOf(agencyId, 'SUCCEEDED_BY', 'OUT')) links.push({ fromId: agencyId, toId: other, kind: 'SUCCESSION', viaId: other });
    for (const { other } of g.relsOf(agencyId, 'SUCCEEDED_BY', 'IN')) links.push({ fromId: other, toId: agencyId, kind: 'SUCCESSION', viaId: agencyId });
  }
  return links;
}
