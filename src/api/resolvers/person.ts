import type { AgencyRow, PersonRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { sources } from './helpers';

export const personResolvers: Resolvers = {
  Person: {
    employers: async (p, _, ctx) =>
      (await ctx.loaders.traversal('personEmployers').load(p.id)).map(({ node, rel }) => ({
        personId: p.id, agencyId: node.id, role: rel.role ?? null, person: p, agency: node,
      })),
    sources,
  },
  Employment: {
    person: async (e, _, ctx) => (e.person ?? (await ctx.loaders.node(e.personId))) as PersonRow,
    agency: async (e, _, ctx) => (e.agency ?? (await ctx.loaders.node(e.agencyId))) as AgencyRow,
  },
};
