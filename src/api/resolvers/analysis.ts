import { LABELS, type AgencyRow, type AreaRow, type FindingRow, type Label, type NodeRow, type SourceRow, type ThemeRow } from '../../domain/model';
import type { SearchFilter } from '../../store/port';
import type { NodeKind, QuerySearchArgs } from '../../generated/resolvers-types';
import type { Resolvers } from '../../generated/resolvers-types';
import { checkDatePrefix, checkFirst, checkRange, checkSearchText, decodeOffsetCursor, encodeOffsetCursor } from '../arguments';
import { firstIds, partialDate } from './helpers';


/** The analytical root fields: each one store call, the rows' ids then loaded in one batch per level. */
export const analysisResolvers: Resolvers = {
  Query: {
    sharedWeaknesses: (_, args, ctx) =>
      ctx.store.sharedWeaknesses({
        minAreas: checkRange(args.minAreas ?? 2, 1, 10_000, 'minAreas'),
        maxThemes: checkRange(args.maxThemes ?? 3, 1, 5, 'maxThemes'),
        regionId: args.regionId,
        first: args.first!,
      }),
    similarAreas: (_, args, ctx) =>
      ctx.store.similarAreas({
        areaId: args.areaId,
        first: args.first!,
        polarity: args.polarity ?? 'WEAKNESS',
        method: args.method ?? 'THEMES',
        framework: args.framework,
      }),
    similarFindings: (_, args, ctx) =>
      ctx.store.similarFindings({
        findingId: args.findingId,
        first: args.first!,
        polarity: args.polarity,
        framework: args.framework,
        excludeSameArea: args.excludeSameArea ?? true,
      }),
    themeCooccurrence: (_, args, ctx) =>
      ctx.store.themeCooccurrence({
        polarity: args.polarity ?? 'WEAKNESS',
        framework: args.framework,
        minAreas: checkRange(args.minAreas ?? 2, 1, 10_000, 'minAreas'),
        first: args.first!,
      }),
    agencyNetwork: (_, args, ctx) => ctx.store.agencyNetwork(args.agencyId, checkRange(args.maxDepth ?? 2, 1, 4, 'maxDepth')),
    path: (_, args, ctx) =>
      ctx.store.path({
        fromId: args.fromId,
        toId: args.toId,
        maxHops: checkRange(args.maxHops ?? 6, 1, 12, 'maxHops'),
        relationshipTypes: args.relationshipTypes,
      }),
    search: async (_, args, ctx) => (await ctx.store.search({ text: checkSearchText(args.text), ...searchFilter(args), first: args.first! })).hits,
    searchResults: async (_, args, ctx) => {
      const text = checkSearchText(args.text);
      const filter = searchFilter(args);
      const first = checkFirst(args.first, 20);
      const offset = args.after ? decodeOffsetCursor(args.after) + 1 : 0;
      return { ...(await ctx.store.search({ text, ...filter, first, offset })), offset };
    },
  },
  WeaknessPattern: {
    themes: (p, _, ctx) => ctx.loaders.nodeList(p.themeIds) as Promise<ThemeRow[]>,
    areas: (p, args, ctx) => ctx.loaders.nodeList(firstIds(p.areaIds, args.first)) as Promise<AreaRow[]>,
    findings: async (p, args, ctx) => (await ctx.loaders.nodeList(firstIds(await ctx.loaders.patternFindings.load(p), args.first))) as FindingRow[],
  },
  AreaSimilarity: {
    area: async (s, _, ctx, info) => (await ctx.loaders.node(s.areaId, info)) as AreaRow,
    sharedThemes: (s, args, ctx) => ctx.loaders.nodeList(firstIds(s.sharedThemeIds, args.first)) as Promise<ThemeRow[]>,
    evidence: (s, args) => firstIds(s.evidence, args.first),
  },
  SimilarityEvidence: {
    theme: async (e, _, ctx) => (e.themeId ? ((await ctx.loaders.node(e.themeId)) as ThemeRow) : null),
    finding: async (e, _, ctx) => (await ctx.loaders.node(e.findingId)) as FindingRow,
    match: async (e, _, ctx) => (await ctx.loaders.node(e.matchId)) as FindingRow,
    sharedTerms: (e, args) => firstIds(e.sharedTerms, args.first),
  },
  FindingSimilarity: {
    finding: async (s, _, ctx) => (await ctx.loaders.node(s.findingId)) as FindingRow,
    sharedTerms: (s, args) => firstIds(s.sharedTerms, args.first),
  },
  ThemePair: {
    themes: (p, _, ctx) => ctx.loaders.nodeList(p.themeIds) as Promise<ThemeRow[]>,
    expected: (p) => (p.themeAreaCounts[0] * p.themeAreaCounts[1]) / p.areasWithFindings,
    areas: (p, args, ctx) => ctx.loaders.nodeList(firstIds(p.areaIds, args.first)) as Promise<AreaRow[]>,
  },
  AgencyNetwork: {
    center: async (n, _, ctx, info) => (await ctx.loaders.node(n.centerId, info)) as AgencyRow,
  },
  NetworkMember: {
    agency: async (m, _, ctx, info) => (await ctx.loaders.node(m.agencyId, info)) as AgencyRow,
  },
  AgencyLink: {
    from: async (l, _, ctx, info) => (await ctx.loaders.node(l.fromId, info)) as AgencyRow,
    to: async (l, _, ctx, info) => (await ctx.loaders.node(l.toId, info)) as AgencyRow,
    via: async (l, _, ctx) => (await ctx.loaders.node(l.viaId)) as NodeRow,
  },
  Path: {
    length: (p) => p.relationships.length,
    nodes: (p, _, ctx) => ctx.loaders.nodeList(p.nodeIds),
  },
  PathStep: {
    from: async (r, _, ctx) => (await ctx.loaders.node(r.from)) as NodeRow,
    to: async (r, _, ctx) => (await ctx.loaders.node(r.to)) as NodeRow,
    on: (r) => partialDate(r.on ?? null, r.onCertainty),
    role: (r) => r.role ?? null,
    sources: async (r, _, ctx) => (await ctx.loaders.nodeList(r.sourceIds)) as SourceRow[],
  },
  SearchHit: {
    node: async (h, _, ctx) => (await ctx.loaders.node(h.id)) as NodeRow,
    marks: (h) => h.marks.map(([start, end]) => ({ start, end })),
  },
  SearchHitConnection: {
    edges: (p) => p.hits.map((hit, i) => ({ cursor: encodeOffsetCursor(p.offset + i), node: hit })),
    nodes: (p) => p.hits,
    pageInfo: (p) => ({
      hasNextPage: p.offset + p.hits.length < p.totalCount,
      hasPreviousPage: p.offset > 0,
      startCursor: p.hits.length ? encodeOffsetCursor(p.offset) : null,
      endCursor: p.hits.length ? encodeOffsetCursor(p.offset + p.hits.length - 1) : null,
    }),
  },
};

const LABEL_OF_KIND = new Map<NodeKind, Label>(LABELS.map((l) => [l.toUpperCase() as NodeKind, l]));

/** The filters of search and searchResults, checked. */
function searchFilter(args: Omit<QuerySearchArgs, 'text' | 'first'>): SearchFilter {
  return {
    labels: args.kinds?.map((k) => LABEL_OF_KIND.get(k)!),
    polarity: args.polarity,
    framework: args.framework,
    areaId: args.areaId,
    regionId: args.regionId,
    themeId: args.themeId,
    agencyId: args.agencyId,
    from: checkDatePrefix(args.from, 'from'),
    to: checkDatePrefix(args.to, 'to'),
  };
}
