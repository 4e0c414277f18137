import type { Certainty, NodeRow, Polarity } from '../../domain/model';
import type { ListFilter } from '../../store/port';
import type { TraversalName } from '../../store/traversals';
import type { GraphQLResolveInfo } from 'graphql';
import { checkFirst, decodeCursor, encodeCursor } from '../arguments';
import type { RequestContext } from '../context';
import { followsTraversal } from '../lookahead';
import type { ConnectionRow } from '../mappers';

/** Resolver building blocks: each hands the work to a batched loader. */

type WithId = { id: string };

/** The nodes reached from the parent along a catalogued traversal (with what the request asks for below, see Loaders.reached). */
export const related = <T extends NodeRow = NodeRow>(name: TraversalName) =>
  followsTraversal(
    async (parent: WithId, _args: unknown, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<T[]> =>
      (await ctx.loaders.reached(name, parent.id, info)).map((n) => n.node as T),
    () => name,
  );

export const relatedOne = <T extends NodeRow = NodeRow>(name: TraversalName) =>
  followsTraversal(
    async (parent: WithId, _args: unknown, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<T | null> =>
      ((await ctx.loaders.reached(name, parent.id, info))[0]?.node as T | undefined) ?? null,
    () => name,
  );

/** A list field with an optional `polarity` argument, each choice its own catalogued traversal. */
export const relatedByPolarity = <T extends NodeRow = NodeRow>(names: { any: TraversalName; WEAKNESS: TraversalName; STRENGTH: TraversalName }) => {
  const pick = (args: { polarity?: Polarity | null }) => (args.polarity ? names[args.polarity] : names.any);
  return followsTraversal(
    async (parent: WithId, args: { polarity?: Polarity | null }, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<T[]> =>
      related<T>(pick(args))(parent, args, ctx, info),
    pick,
  );
};

/** Findings along a traversal that has no per-polarity variant, filtered by the optional `polarity` argument. */
export const relatedFindings = (name: TraversalName) =>
  followsTraversal(
    async (parent: WithId, args: { polarity?: Polarity | null }, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<Extract<NodeRow, { label: 'Finding' }>[]> => {
      const findings = await related<Extract<NodeRow, { label: 'Finding' }>>(name)(parent, args, ctx, info);
      return args.polarity ? findings.filter((f) => f.polarity === args.polarity) : findings;
    },
    () => name,
  );

/**
 * The neighbours along a catalogued traversal, each node with the relationship that reached it: for
 * fields whose type carries both (a succession's date and sources). Fetched with the parent's
 * tree when the request asks for the field below a node fetched with what is below it.
 */
export const neighbours = (name: TraversalName) =>
  followsTraversal(async (parent: WithId, _args: unknown, ctx: RequestContext) => ctx.loaders.traversal(name).load(parent.id), () => name);

/**
 * The first nodes of a label (ordered by id) for a root list field. Its `first` is always set: the
 * field's @listSize bound checks it, or supplies the default, before the resolver runs.
 */
export const listed =
  <L extends NodeRow['label']>(label: L, filterOf: (args: Record<string, unknown>) => ListFilter = () => ({})) =>
  async (_: unknown, args: { first?: number | null } & Record<string, unknown>, ctx: RequestContext): Promise<Extract<NodeRow, { label: L }>[]> =>
    (await ctx.store.list(label, filterOf(args), { first: args.first! })).rows as Extract<NodeRow, { label: L }>[];

/** The first ids of a list the parent row carries, so that only those are loaded; `first` is set by the field's @listSize bound. */
export const firstIds = <T>(items: T[], first: number | null | undefined): T[] => items.slice(0, first!);

export const sources = related<Extract<NodeRow, { label: 'Source' }>>('nodeSources');

/** Fetches a node by id for a root field (with what the request asks for below it), answering null for an unknown id or one of another type. */
export const byIdOf =
  <L extends NodeRow['label']>(label: L) =>
  async (_: unknown, args: { id: string }, ctx: RequestContext, info?: GraphQLResolveInfo): Promise<Extract<NodeRow, { label: L }> | null> => {
    const row = await ctx.loaders.node(args.id, info);
    return row && row.label === label ? (row as Extract<NodeRow, { label: L }>) : null;
  };

export interface PartialDateValue {
  iso: string;
  year: number;
  month: number | null;
  day: number | null;
  certainty: Certainty;
}

export function partialDate(iso: string | null, certainty: Certainty | null | undefined): PartialDateValue | null {
  if (!iso) return null;
  const [year, month, day] = iso.split('-').map(Number);
  return { iso, year, month: month ?? null, day: day ?? null, certainty: certainty ?? 'STATED' };
}

/** A Relay page of one label, by id, from `first` and `after`. */
export async function pageOf(ctx: RequestContext, label: NodeRow['label'], filter: ListFilter, args: { first?: number | null; after?: string | null }): Promise<ConnectionRow> {
  const first = checkFirst(args.first, 50);
  const afterId = args.after ? decodeCursor(args.after) : null;
  const page = await ctx.store.list(label, filter, { first, afterId });
  return { ...page, hasPreviousPage: afterId !== null };
}

/** The fields of any connection type over a page of rows. */
export const connectionFields = <T extends NodeRow>() => ({
  edges: (page: ConnectionRow) => page.rows.map((row) => ({ cursor: encodeCursor(row.id), node: row as T })),
  nodes: (page: ConnectionRow) => page.rows as T[],
  pageInfo: (page: ConnectionRow) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.rows.length ? encodeCursor(page.rows[0].id) : null,
    endCursor: page.rows.length ? encodeCursor(page.rows[page.rows.length - 1].id) : null,
  }),
});
