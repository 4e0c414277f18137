import type { AreaRow, InspectionRow, ReviewRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { checkDatePrefix } from '../arguments';
import { badInput } from '../errors';
import { byIdOf, connectionFields, firstIds, listed, pageOf, partialDate, related, relatedFindings, relatedOne, sources } from './helpers';

export const inspectionResolvers: Resolvers = {
  Query: {
    inspection: byIdOf('Inspection'),
    inspections: (_, args, ctx) =>
      pageOf(
        ctx,
        'Inspection',
        {
          framework: args.framework, kind: args.kind, outcome: args.outcome, regionId: args.regionId,
          from: checkDatePrefix(args.from, 'from'), to: checkDatePrefix(args.to, 'to'),
        },
        args,
      ),
    outcomeTransitions: (_, args, ctx) => {
      if (args.from === args.to) throw badInput('"from" and "to" must be two different frameworks, e.g. from: FRAMEWORK_2016, to: FRAMEWORK_2023.', 'to');
      return ctx.store.outcomeTransitions(args.from, args.to);
    },
    review: byIdOf('Review'),
    reviews: listed('Review'),
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
  InspectionConnection: connectionFields<InspectionRow>(),
  OutcomeTransition: {
    count: (t) => t.areaIds.length,
    areas: async (t, args, ctx) => (await ctx.loaders.nodeList(firstIds(t.areaIds, args.first))) as AreaRow[],
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
    themeAssignments: (f, _, ctx) => ctx.loaders.traversal('findingThemes').load(f.id),
    agencies: related('findingAgencies'),
    actions: related('findingActions'),
    source: relatedOne('nodeSources'),
    sources,
  },
};

