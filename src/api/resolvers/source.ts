import type { SourceRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, partialDate, related } from './helpers';

export const sourceResolvers: Resolvers = {
  Query: {
    source: byIdOf('Source'),
    sources: async (_, __, ctx) => (await ctx.store.list('Source', {}, { first: Number.MAX_SAFE_INTEGER })).rows as SourceRow[],
  },
  Source: {
    publishedOn: (s) => partialDate(s.publishedOn, s.publishedOnCertainty),
    mentions: related('sourceMentions'),
    sources: (s) => [s],
  },
};
