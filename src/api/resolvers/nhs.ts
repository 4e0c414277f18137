import type { AgencyRow, AreaRow, InspectionRow, SourceRow } from '../../domain/model';
import { inspectionDate } from '../../domain/inspection-order';
import { daysOf, servedDuring, type Days } from '../../domain/service-dates';
import type { Resolvers } from '../../generated/resolvers-types';
import type { Neighbour } from '../../store/port';
import type { GraphQLResolveInfo } from 'graphql';
import { checkDatePrefix } from '../arguments';
import type { RequestContext } from '../context';
import { followsTraversal } from '../lookahead';
import type { LineageStepRow, ServiceRow } from '../mappers';
import { byId } from '../../store/ordering';
import { firstIds } from './helpers';

/**
 * The NHS bodies through time: services (SERVES with their days and shares), the agencies serving
 * an area or the areas an agency served on a day, an inspection's partners, and lineages. Every
 * answer is worked out here from what the store's catalogued traversals return, so both stores
 * answer alike.
 */

const daysArg = (on: string | null | undefined, argument = 'on'): Days | null => {
  const iso = checkDatePrefix(on, argument);
  return iso ? daysOf(iso) : null;
};

/** Services in a stable order: the earliest first, then by agency and area. */
const byServiceOrder = (a: ServiceRow, b: ServiceRow) =>
  (a.rel.since ?? '').localeCompare(b.rel.since ?? '') || byId(a.agency.id, b.agency.id) || byId(a.area.id, b.area.id);

async function areaServices(area: AreaRow, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<ServiceRow[]> {
  const reached: Neighbour[] = await ctx.loaders.reached('areaAgencies', area.id, info);
  return reached.filter((n) => n.node.label === 'Agency').map((n) => ({ agency: n.node as AgencyRow, area, rel: n.rel })).sort(byServiceOrder);
}

async function agencyServices(agency: AgencyRow, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<ServiceRow[]> {
  const reached: Neighbour[] = await ctx.loaders.reached('agencyAreas', agency.id, info);
  return reached.filter((n) => n.node.label === 'Area').map((n) => ({ agency, area: n.node as AreaRow, rel: n.rel })).sort(byServiceOrder);
}

const during = (days: Days | null) => (s: ServiceRow) => !days || servedDuring(s.rel, s.agency, days);

/** An area's services of a kind on a day (`Area.services` and `Area.agencies` take the same arguments). */
async function areaServicesOf(area: AreaRow, args: { kind?: string | null; on?: string | null }, ctx: RequestContext, info: GraphQLResolveInfo): Promise<ServiceRow[]> {
  const days = daysArg(args.on);
  return (await areaServices(area, ctx, info)).filter((s) => (!args.kind || s.agency.kind === args.kind) && during(days)(s));
}

/** Each node once, in id order (an agency may serve an area for several periods). */
function distinct<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => byId(a.id, b.id));
}

/** The kinds that share the duty for an area's SEND support with its council: CCGs to June 2022, ICBs from July. */
const PARTNER_KINDS = new Set(['COUNCIL', 'CCG', 'ICB']);

const MAX_LINEAGE_DEPTH = 12;

async function lineage(ctx: RequestContext, agency: AgencyRow, direction: 'agencySuccessors' | 'agencyPredecessors'): Promise<LineageStepRow[]> {
  const steps: LineageStepRow[] = [];
  const seen = new Set([agency.id]);
  let level: AgencyRow[] = [agency];
  for (let depth = 1; level.length > 0 && depth <= MAX_LINEAGE_DEPTH; depth++) {
    const reached = await ctx.loaders.traversal(direction).loadMany(level.map((a) => a.id));
    const next: AgencyRow[] = [];
    const here: LineageStepRow[] = [];
    reached.forEach((neighbours, i) => {
      if (neighbours instanceof Error) throw neighbours;
      for (const n of neighbours) {
        if (n.node.label !== 'Agency') continue;
        const [from, to] = direction === 'agencySuccessors' ? [level[i], n.node] : [n.node, level[i]];
        here.push({ from, to, rel: n.rel, depth });
        if (!seen.has(n.node.id)) {
          seen.add(n.node.id);
          next.push(n.node);
        }
      }
    });
    here.sort((a, b) => (a.rel.on ?? '').localeCompare(b.rel.on ?? '') || byId(a.from.id, b.from.id) || byId(a.to.id, b.to.id));
    steps.push(...here);
    level = next.sort((a, b) => byId(a.id, b.id));
  }
  return steps;
}

export const nhsResolvers: Resolvers = {
  Query: {
    agencyLineage: async (_, args, ctx) => {
      const agency = await ctx.loaders.node(args.agencyId);
      if (!agency || agency.label !== 'Agency') return null;
      const [successors, predecessors] = await Promise.all([lineage(ctx, agency, 'agencySuccessors'), lineage(ctx, agency, 'agencyPredecessors')]);
      return { agency, successors, predecessors };
    },
  },
  Agency: {
    services: followsTraversal(
      async (agency, args, ctx, info) => (await agencyServices(agency, ctx, info)).filter(during(daysArg(args.on))),
      () => 'agencyAreas',
    ),
    areas: followsTraversal(
      async (agency, args, ctx, info) => distinct((await agencyServices(agency, ctx, info)).filter(during(daysArg(args.on))).map((s) => s.area)),
      () => 'agencyAreas',
    ),
  },
  Area: {
    services: followsTraversal(async (area, args, ctx, info) => areaServicesOf(area, args, ctx, info), () => 'areaAgencies'),
    agencies: followsTraversal(async (area, args, ctx, info) => distinct((await areaServicesOf(area, args, ctx, info)).map((s) => s.agency)), () => 'areaAgencies'),
  },
  Inspection: {
    partners: async (inspection: InspectionRow, _args, ctx) => {
      const date = inspectionDate(inspection);
      if (!date) return [];
      const [area] = await ctx.loaders.traversal('inspectionArea').load(inspection.id);
      if (!area) return [];
      const days = daysOf(date);
      return (await areaServices(area.node as AreaRow, ctx))
        .filter((s) => PARTNER_KINDS.has(s.agency.kind) && servedDuring(s.rel, s.agency, days))
        .sort((a, b) => (a.agency.kind === 'COUNCIL' ? 0 : 1) - (b.agency.kind === 'COUNCIL' ? 0 : 1) || (b.rel.share ?? 0) - (a.rel.share ?? 0) || byId(a.agency.id, b.agency.id));
    },
  },
  Service: {
    agency: (s) => s.agency,
    area: (s) => s.area,
    share: (s) => s.rel.share ?? null,
    from: (s) => s.rel.since ?? null,
    to: (s) => s.rel.until ?? null,
    sources: async (s, args, ctx) => (await ctx.loaders.nodeList(firstIds(s.rel.sourceIds, args.first))) as SourceRow[],
  },
  AgencyLineage: {
    successors: (l) => l.successors,
    predecessors: (l) => l.predecessors,
  },
  LineageStep: {
    on: (s) => s.rel.on ?? null,
    sources: async (s, args, ctx) => (await ctx.loaders.nodeList(firstIds(s.rel.sourceIds, args.first))) as SourceRow[],
  },
};
