import type { AreaRow, InspectionRow, SourceRow, ThemeRow } from '../../domain/model';
import type { Resolvers } from '../../generated/resolvers-types';
import { latestByFramework } from '../../store/context-summaries';
import { checkRange } from '../arguments';
import type { RequestContext } from '../context';
import { contextLoaders, ENGLAND } from '../context-loaders';
import { firstIds } from './helpers';

/** DfE's indicators and statistical neighbours beside the graph (schema/context.graphql). */

const sourcesOf = async (ids: string[], first: number | null | undefined, ctx: RequestContext) =>
  (await ctx.loaders.nodeList(firstIds(ids, first))) as SourceRow[];

export const contextResolvers: Resolvers = {
  Query: {
    indicators: async (_, args, ctx) => firstIds(await contextLoaders(ctx).indicators(), args.first),
    england: () => ENGLAND,
    indicatorByOutcome: async (_, args, ctx) => {
      const indicator = await contextLoaders(ctx).indicator(args.name);
      const yearsBefore = checkRange(args.yearsBefore ?? 1, 1, 5, 'yearsBefore');
      return ctx.store.indicatorByOutcome({ indicatorId: indicator.id, framework: args.framework, yearsBefore });
    },
    neighbourComparison: async (_, args, ctx) => {
      const edition = await contextLoaders(ctx).edition(args.edition);
      return edition === null ? [] : ctx.store.neighbourComparison(args.areaId, edition);
    },
  },
  Area: {
    indicator: (area, args, ctx) => contextLoaders(ctx).values(area.id, args),
    statisticalNeighbours: (area, args, ctx) => contextLoaders(ctx).neighboursOf(area.id, args.edition, args.first!),
  },
  Region: {
    indicator: (region, args, ctx) => contextLoaders(ctx).values(region.id, args),
  },
  Country: {
    indicator: (country, args, ctx) => contextLoaders(ctx).values(country.id, args),
  },
  Indicator: {
    name: (i) => i.id,
    label: (i) => i.name,
    sources: (i, args, ctx) => sourcesOf(i.sourceIds, args.first, ctx),
  },
  IndicatorValue: {
    sources: (v, args, ctx) => sourcesOf(v.sourceIds, args.first, ctx),
  },
  StatisticalNeighbour: {
    area: async (n, _, ctx, info) => (await ctx.loaders.node(n.neighbourId, info)) as AreaRow,
    sources: (n, args, ctx) => sourcesOf(n.sourceIds, args.first, ctx),
  },
  OutcomeIndicatorSummary: {
    areas: async (g, args, ctx) => (await ctx.loaders.nodeList(firstIds(g.areaIds, args.first))) as AreaRow[],
    inspections: (g, args) => firstIds(g.values, args.first),
  },
  InspectionIndicatorValue: {
    inspection: async (v, _, ctx) => (await ctx.loaders.node(v.inspectionId)) as InspectionRow,
    area: async (v, _, ctx) => (await ctx.loaders.node(v.areaId)) as AreaRow,
  },
  NeighbourComparison: {
    neighbour: (c) => c.neighbour,
    latestInspections: async (c, _, ctx) => (await ctx.loaders.nodeList(latestByFramework(c.inspections).map((l) => l.inspectionId))) as InspectionRow[],
    sharedThemes: async (c, args, ctx) => (await ctx.loaders.nodeList(firstIds(c.shared.map((e) => e.themeId!), args.first))) as ThemeRow[],
    evidence: (c, args) => firstIds(c.shared, args.first),
  },
};
