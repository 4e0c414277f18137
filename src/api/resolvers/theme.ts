import type { SourceRow, ThemeRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, firstIds, listed, relatedByPolarity, sources } from './helpers';

export const themeResolvers: Resolvers = {
  Query: {
    theme: byIdOf('Theme'),
    themes: listed('Theme'),
  },
  Theme: {
    label: (t) => t.name,
    findingCount: async (t, _, ctx) => (await ctx.loaders.themeStats.load(t.id)).findingCount,
    areaCount: async (t, _, ctx) => (await ctx.loaders.themeStats.load(t.id)).areaCount,
    findings: relatedByPolarity({ any: 'themeFindings', WEAKNESS: 'themeWeaknesses', STRENGTH: 'themeStrengths' }),
    areas: relatedByPolarity({ any: 'themeAreas', WEAKNESS: 'themeWeaknessAreas', STRENGTH: 'themeStrengthAreas' }),
    sources,
  },
  ThemeAssignment: {
    theme: (a) => a.node as ThemeRow,
    assignedBy: (a) => a.rel.assignedBy ?? 'PERSON',
    reason: (a) => a.rel.reason ?? null,
    sources: async (a, args, ctx) => (await ctx.loaders.nodeList(firstIds(a.rel.sourceIds, args.first))) as SourceRow[],
  },
};
