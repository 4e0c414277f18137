import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { TraversalName } from '../store/traversals';

/**
 * Which catalogued traversals a request asks for below a field, so that the field's own
 * traversal and all of them can be fetched together (one Cypher statement on Neo4j) instead of
 * one round trip per level. Read from the request's selection (fragments, aliases, @skip and
 * @include, variables resolved by graphql-parse-resolve-info) and from the schema's resolvers,
 * each of which says which traversal it follows for given arguments (`followsTraversal`,
 * noted per field by `recordTraversals` when the schema is built).
 */
export interface TraversalPlan {
  name: TraversalName;
  children: TraversalPlan[];
}

/** Which traversal a resolver follows, for the field's arguments; set by the helpers in resolvers/helpers.ts. */
export const TRAVERSAL = Symbol('traversal');
export type TraversalOf = (args: Record<string, unknown>) => TraversalName;

export function followsTraversal<F extends (...a: never[]) => unknown>(resolver: F, traversalOf: TraversalOf): F {
  return Object.assign(resolver, { [TRAVERSAL]: traversalOf });
}

// The schema's fields hold bound copies of the resolvers, so the tags are read from the resolver map when the schema is built.
const traversalFields = new WeakMap<GraphQLField<unknown, unknown>, TraversalOf>();

/** Notes, for each field whose resolver follows a catalogued traversal, which one; called when the schema is built. */
export function recordTraversals(schema: GraphQLSchema, resolvers: Record<string, unknown>): void {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !fields || typeof fields !== 'object') continue;
    for (const [fieldName, resolver] of Object.entries(fields)) {
      const of = (resolver as { [TRAVERSAL]?: TraversalOf } | null)?.[TRAVERSAL];
      const field = type.getFields()[fieldName];
      if (of && field) traversalFields.set(field, of);
    }
  }
}

function traversalOfField(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): TraversalName | null {
  const of = traversalFields.get(field);
  return of ? of(args) : null;
}

/** The traversals asked for below the field being resolved. Only an object type's fields are followed: an interface or union leaves its own fields to their resolvers. */
export function plannedBelow(info: GraphQLResolveInfo): TraversalPlan[] {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return [];
  const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
  return tree ? plansFor(type, tree.fieldsByTypeName[type.name] ?? {}) : [];
}

function plansFor(type: GraphQLObjectType, selected: Record<string, ResolveTree>): TraversalPlan[] {
  const plans = new Map<TraversalName, TraversalPlan>();
  const fields = type.getFields();
  for (const tree of Object.values(selected)) {
    const field = fields[tree.name];
    const name = field && traversalOfField(field, tree.args as Record<string, unknown>);
    if (!name) continue;
    const childType = getNamedType(field.type);
    const children = isObjectType(childType) ? plansFor(childType, tree.fieldsByTypeName[childType.name] ?? {}) : [];
    const same = plans.get(name);
    plans.set(name, same ? { name, children: mergePlans(same.children, children) } : { name, children });
  }
  return [...plans.values()];
}

/** The same traversal asked for twice (under two aliases) is fetched once, with what both ask for below it. */
function mergePlans(a: TraversalPlan[], b: TraversalPlan[]): TraversalPlan[] {
  const byName = new Map(a.map((p) => [p.name, p]));
  for (const p of b) {
    const same = byName.get(p.name);
    byName.set(p.name, same ? { name: p.name, children: mergePlans(same.children, p.children) } : p);
  }
  return [...byName.values()];
}
