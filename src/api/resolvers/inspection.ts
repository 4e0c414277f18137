import type { InspectionRow, ReviewRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, partialDate, related, relatedFindings, relatedOne, sources } from './helpers';

export const inspectionResolvers: Resolvers = {
  Query: {
    inspection: byIdOf('Inspection'),
    review: byIdOf('Review'),
    reviews: async (_, __, ctx) => (await ctx.store.list('Review', {}, { first: Number.MAX_SAFE_INTEGER })).rows as ReviewRow[],
    finding: byIdOf('Finding'),
  },
  Inspection: {
    startedOn: (i) => partialDate(i.startedOn, i.startedOnCertainty),
    endedOn: (i) => partialDate(i.endedOn, i.endedOnCertainty),
    publishedOn: (i) => partialDate(i.publishedOn, i.publishedOnCertainty),
    nextInspectionDueBy: (i) => partialDate(i.nextInspectionDueBy, i.nextInspectionDueByCertainty),
    area: relatedOne('inspectionArea'),
    inspectorates: related('inspectionInspectorates'),
    follows: relatedOne('inspectionFollows'),
    followedBy: related('inspectionFollowedBy'),
    findings: relatedFindings('inspectionFindings'),
    actions: related('inspectionActions'),
    sources,
  },
  Review: {
    publishedOn: (r) => partialDate(r.publishedOn, r.publishedOnCertainty),
    authors: related('reviewAuthors'),
    findings: relatedFindings('reviewFindings'),
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

