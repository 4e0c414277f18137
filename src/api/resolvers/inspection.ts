import type { InspectionRow, ReviewRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, listed, partialDate, related, relatedFindings, relatedOne, sources } from './helpers';

export const inspectionResolvers: Resolvers = {
  Query: {
    inspection: byIdOf('Inspection'),
    review: byIdOf('Review'),
    reviews: listed('Review'),
    finding: byIdOf('Finding'),
  },
  Inspection: {
    startedOn: (i) => partialDate(i.startedOn, i.startedOnCertainty),
    publishedOn: (i) => partialDate(i.publishedOn, i.publishedOnCertainty),
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

