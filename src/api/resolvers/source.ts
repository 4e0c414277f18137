import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, listed, partialDate, related } from './helpers';

export const sourceResolvers: Resolvers = {
  Query: {
    source: byIdOf('Source'),
    sources: listed('Source'),
  },
  Source: {
    publishedOn: (s) => partialDate(s.publishedOn, s.publishedOnCertainty),
    mentions: related('sourceMentions'),
    sources: (s) => [s],
  },
};
