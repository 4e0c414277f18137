import type { NodeRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx) => ctx.loaders.node(id),
    stats: (_, __, ctx) => ctx.store.stats(),
  },
  Node: {
    __resolveType: (row: NodeRow) => row.label,
  },
  FindingOrigin: {
    __resolveType: (row: NodeRow) => (row.label === 'Review' ? 'Review' : 'Inspection'),
  },
  GraphStats: {
    store: (_, __, ctx) => ctx.store.name,
    nodes: (stats) =>
      Object.entries(stats.nodes)
        .map(([label, count]) => ({ label, count }))
        .sort((a, b) => (a.label < b.label ? -1 : 1)),
    nodeCount: (stats) => Object.values(stats.nodes).reduce((a, b) => a + b, 0),
    relationshipCount: (stats) => stats.relationships,
  },
};
