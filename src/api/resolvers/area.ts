import { byInspectionDate, latestOutcome } from '../../domain/inspection-order';
import type { AreaRow, InspectionRow, SourceRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { followsTraversal } from '../lookahead';
import { byIdOf, connectionFields, firstIds, listed, neighbours, pageOf, partialDate, related, relatedByPolarity, relatedOne, sources } from './helpers';

export const areaResolvers: Resolvers = {
  Query: {
    area: byIdOf('Area'),
    region: byIdOf('Region'),
    regions: listed('Region'),
    areas: (_, args, ctx) => pageOf(ctx, 'Area', { regionId: args.regionId, themeId: args.themeId, polarity: args.polarity }, args),
  },
  AreaConnection: connectionFields<AreaRow>(),
  Region: {
    areas: related('regionAreas'),
    sources,
  },
  Area: {
    region: relatedOne('areaRegion'),
    activeFrom: (a) => partialDate(a.activeFrom, a.activeFromCertainty),
    activeTo: (a) => partialDate(a.activeTo, a.activeToCertainty),
    succeededBy: neighbours('areaSuccessors'),
    predecessors: neighbours('areaPredecessors'),
    inspections: followsTraversal(
      async (area, args, ctx, info) => (await related<InspectionRow>('areaInspections')(area, args, ctx, info)).sort(byInspectionDate),
      () => 'areaInspections',
    ),
    latestOutcome: followsTraversal(
      async (area, args, ctx) => latestOutcome(await related<InspectionRow>('areaInspections')(area, args, ctx)),
      () => 'areaInspections',
    ),
    findings: relatedByPolarity({ any: 'areaFindings', WEAKNESS: 'areaWeaknesses', STRENGTH: 'areaStrengths' }),
    themes: relatedByPolarity({ any: 'areaThemes', WEAKNESS: 'areaWeaknessThemes', STRENGTH: 'areaStrengthThemes' }),
    sources,
  },
  AreaSuccession: {
    area: (s) => s.node as AreaRow,
    on: (s) => partialDate(s.rel.on ?? null, s.rel.onCertainty),
    sources: async (s, args, ctx) => (await ctx.loaders.nodeList(firstIds(s.rel.sourceIds, args.first))) as SourceRow[],
  },
};
