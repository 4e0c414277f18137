import type { FindingRow, InspectionRow, ReviewRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, partialDate, related, relatedOne, sources } from './helpers';

const byPolarity = async (rows: Promise<FindingRow[]>, polarity?: string | null) =>
  polarity ? (await rows).filter((f) => f.polarity === polarity) : rows;

export const inspectionResolvers: Resolvers = {
  Query: {
    inspection: byIdOf('Inspection'),
    review: byIdOf('Review'),
    reviews: async (_, __, ctx) => (await ctx.store.list('Review', {}, { first: Number.MAX_SAFE_INTEGER })).rows as ReviewRow[],
    finding: byIdOf('Finding'),
  },
  Inspection: {
    startedOn: (i) => partialDate(i.startedOn, i.startedOnCertainty),
    publishedOn: (i) => partialDate(i.publishedOn, i.publishedOnCertainty),
    area: relatedOne('inspectionArea'),
    inspectorates: related('inspectionInspectorates'),
    follows: relatedOne('inspectionFollows'),
    followedBy: related('inspectionFollowedBy'),
    findings: (i, args, ctx) => byPolarity(related<FindingRow>('inspectionFindings')(i, args, ctx), args.polarity),
    actions: related('inspectionActions'),
    sources,
  },
  Review: {
    publishedOn: (r) => partialDate(r.publishedOn, r.publishedOnCertainty),
    authors: related('reviewAuthors'),
    findings: (r, args, ctx) => byPolarity(related<FindingRow>('reviewFindings')(r, args, ctx), args.polarity),
    sources,
  },
  Finding: {
    foundBy: relatedOne<InspectionRow | ReviewRow>('findingFoundBy'),
    area: relatedOne('findingArea'),
    themes: related('findingThemes'),
    agencies: related('findingAgencies'),
    actions: related('findingActions'),
    source: relatedOne('nodeSources'),
    sources,
  },
};

