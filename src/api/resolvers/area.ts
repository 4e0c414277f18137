import type { AgencyRow, AreaRow, RegionRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { checkFirst, decodeCursor, encodeCursor } from '../arguments';
import { followsTraversal } from '../lookahead';
import { byIdOf, related, relatedByPolarity, relatedOne, sources } from './helpers';

export const areaResolvers: Resolvers = {
  Query: {
    area: byIdOf('Area'),
    region: byIdOf('Region'),
    regions: async (_, __, ctx) => (await ctx.store.list('Region', {}, { first: Number.MAX_SAFE_INTEGER })).rows as RegionRow[],
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
    agencies: followsTraversal(
      async (area, args, ctx, info) => {
        const agencies = await related<AgencyRow>('areaAgencies')(area, args, ctx, info);
        return args.kind ? agencies.filter((a) => a.kind === args.kind) : agencies;
      },
      () => 'areaAgencies',
    ),
    inspections: related('areaInspections'),
    findings: relatedByPolarity({ any: 'areaFindings', WEAKNESS: 'areaWeaknesses', STRENGTH: 'areaStrengths' }),
    themes: relatedByPolarity({ any: 'areaThemes', WEAKNESS: 'areaWeaknessThemes', STRENGTH: 'areaStrengthThemes' }),
    sources,
  },
};
