import type { AgencyLinkRow, AgencyNetworkRow } from './port';
import { byId } from './ordering';

const linkKey = (l: AgencyLinkRow) => `${l.fromId}|${l.toId}|${l.kind}|${l.viaId}`;

/**
 * Breadth-first over agency links up to `maxDepth`, shared by every adapter: each supplies the
 * links of a whole frontier at once (graph code in memory, one Cypher query per level on Neo4j).
 * A shared link is reported with its two agencies in id order; succession from predecessor to successor.
 */
export async function exploreAgencyNetwork(
  agencyId: string,
  maxDepth: number,
  linksOf: (frontier: string[]) => Promise<AgencyLinkRow[]>,
): Promise<AgencyNetworkRow> {
  const depth = new Map<string, number>([[agencyId, 0]]);
  const links = new Map<string, AgencyLinkRow>();
  let frontier = [agencyId];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const link of await linksOf(frontier)) {
      links.set(linkKey(link), link);
      for (const id of [link.fromId, link.toId]) {
        if (!depth.has(id)) {
          depth.set(id, d);
          next.push(id);
        }
      }
    }
    frontier = next.sort(byId);
  }
  return {
    centerId: agencyId,
    members: [...depth.entries()].map(([id, d]) => ({ agencyId: id, depth: d })).sort((a, b) => a.depth - b.depth || byId(a.agencyId, b.agencyId)),
    links: [...links.entries()].sort(([a], [b]) => byId(a, b)).map(([, link]) => link),
  };
}

/** A link between `agencyId` and `other`, in canonical orientation. */
export function sharedLink(kind: Exclude<AgencyLinkRow['kind'], 'SUCCESSION'>, agencyId: string, other: string, viaId: string): AgencyLinkRow {
  const [fromId, toId] = agencyId < other ? [agencyId, other] : [other, agencyId];
  return { fromId, toId, kind, viaId };
}
