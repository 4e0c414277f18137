import type { Resolvers } from '../../generated/resolvers-types';
import { byIdOf, listed, relatedByPolarity, sources } from './helpers';

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
};
