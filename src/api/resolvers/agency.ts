import type { AgencyKind, AgencyRow, SourceRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { checkDatePrefix } from '../arguments';
import { byIdOf, listed, neighbours, partialDate, related, relatedFindings, sources } from './helpers';

export const agencyResolvers: Resolvers = {
  Query: {
    agency: byIdOf('Agency'),
    agencies: listed('Agency', (args) => ({
      kind: args.kind as AgencyKind | null | undefined,
      code: typeof args.code === 'string' ? args.code.trim().toUpperCase() : null,
      activeOn: checkDatePrefix(args.activeOn as string | null | undefined, 'activeOn'),
    })),
  },
  Agency: {
    activeFrom: (a) => partialDate(a.activeFrom, a.activeFromCertainty),
    activeTo: (a) => partialDate(a.activeTo, a.activeToCertainty),
    successors: neighbours('agencySuccessors'),
    predecessors: neighbours('agencyPredecessors'),
    findings: relatedFindings('agencyFindings'),
    actions: related('agencyActions'),
    people: async (a, _, ctx) =>
      (await ctx.loaders.traversal('agencyPeople').load(a.id)).map(({ node, rel }) => ({
        personId: node.id, agencyId: a.id, role: rel.role ?? null, person: node, agency: a,
      })),
    inspections: related('agencyInspections'),
    reviews: related('agencyReviews'),
    sources,
  },
  Succession: {
    agency: (s) => s.node as AgencyRow,
    on: (s) => partialDate(s.rel.on ?? null, s.rel.onCertainty),
    sources: async (s, _, ctx) => (await ctx.loaders.nodeList(s.rel.sourceIds)) as SourceRow[],
  },
};
