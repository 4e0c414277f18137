import type { AgencyRow, AreaRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { checkFirst, decodeCursor, encodeCursor } from '../arguments';
import { byIdOf, listed, related, relatedByPolarity, relatedOne, sources } from './helpers';

export const areaResolvers: Resolvers = {
  Query: {
    area: byIdOf('Area'),
    region: byIdOf('Region'),
    regions: listed('Region'),
    areas: async (_, args, ctx) => {
      const first = checkFirst(args.first, 50);
      const afterId = args.after ? decodeCursor(args.after) : null;
      const page = await ctx.store.list(
        'Area',
        { regionId: args.regionId, themeId: args.themeId, polarity: args.polarity },
        { first, afterId },
      );
      return { ...page, hasPreviousPage: afterId !== null };
    },
  },
  AreaConnection: {
    edges: (page) => page.rows.map((row) => ({ cursor: encodeCursor(row.id), node: row as AreaRow })),
    nodes: (page) => page.rows as AreaRow[],
    pageInfo: (page) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.rows.length ? encodeCursor(page.rows[0].id) : null,
      endCursor: page.rows.length ? encodeCursor(page.rows[page.rows.length - 1].id) : null,
    }),
  },
  Region: {
    areas: related('regionAreas'),
    sources,
  },
  Area: {
    region: relatedOne('areaRegion'),
    agencies: async (area, args, ctx) => {
      const agencies = await related<AgencyRow>('areaAgencies')(area, args, ctx);
      return args.kind ? agencies.filter((a) => a.kind === args.kind) : agencies;
    },
    inspections: related('areaInspections'),
    findings: relatedByPolarity({ any: 'areaFindings', WEAKNESS: 'areaWeaknesses', STRENGTH: 'areaStrengths' }),
    themes: relatedByPolarity({ any: 'areaThemes', WEAKNESS: 'areaWeaknessThemes', STRENGTH: 'areaStrengthThemes' }),
    sources,
  },
};
