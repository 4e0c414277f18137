import {
  defaultFieldResolver, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, Kind, valueFromASTUntyped,
  type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema,
} from 'graphql';
import type { RequestContext } from './context';
import { checkFirst } from './arguments';
import { QueryLimitError } from './limits';

/**
 * The `@listSize` directive (schema/base.graphql) made to hold: every list field declares how long
 * its answer can be, and its resolver is wrapped so that the answer is never longer. A list field
 * without a bound stops the schema from building, so a new one cannot slip in unbounded.
 */

export const LIST_SIZE_DIRECTIVE = 'listSize';

export type ListBound =
  /** Grows with the data: answers `first` items (the argument's default when not given), at most `max`. */
  | { kind: 'page'; defaultFirst: number; max: number }
  /** At most `fixed` items, whatever the data. */
  | { kind: 'fixed'; max: number };

type AnyField = GraphQLField<unknown, unknown>;

export const isListField = (field: AnyField): boolean => isListType(getNullableType(field.type));

/** The field's declared bound, or null when it declares none; throws when the declaration is malformed. */
export function listBoundOf(field: AnyField, where = field.name): ListBound | null {
  const directive = field.astNode?.directives?.find((d) => d.name.value === LIST_SIZE_DIRECTIVE);
  if (!directive) return null;
  const value = (name: string) => {
    const arg = directive.arguments?.find((a) => a.name.value === name);
    return arg ? (valueFromASTUntyped(arg.value) as unknown) : undefined;
  };
  const max = value('max');
  const fixed = value('fixed');
  const positive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
  if ((max === undefined) === (fixed === undefined)) throw new Error(`${where}: @listSize needs exactly one of max or fixed`);
  if (fixed !== undefined) {
    if (!positive(fixed)) throw new Error(`${where}: @listSize(fixed:) must be a whole number above 0`);
    return { kind: 'fixed', max: fixed };
  }
  if (!positive(max)) throw new Error(`${where}: @listSize(max:) must be a whole number above 0`);
  const first = field.args.find((a) => a.name === 'first');
  const firstDefault = first?.astNode?.defaultValue;
  if (!first || getNullableType(first.type).toString() !== 'Int' || firstDefault?.kind !== Kind.INT) {
    throw new Error(`${where}: a list with @listSize(max:) takes "first: Int = <default page size>"`);
  }
  const defaultFirst = Number(firstDefault.value);
  if (defaultFirst > max) throw new Error(`${where}: the default first (${defaultFirst}) is over @listSize(max: ${max})`);
  return { kind: 'page', defaultFirst, max };
}

/** Every object and interface list field of the schema, named Type.field, with its bound (null: none). */
export function listFields(schema: GraphQLSchema): { name: string; field: AnyField; bound: ListBound | null }[] {
  const out: { name: string; field: AnyField; bound: ListBound | null }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()) as AnyField[]) {
      if (!isListField(field)) continue;
      const name = `${type.name}.${field.name}`;
      out.push({ name, field, bound: listBoundOf(field, name) });
    }
  }
  return out;
}

/** How many list items one request's answer may hold in all; past it the request is refused while it is built. */
export class AnswerBudget {
  private items = 0;
  constructor(readonly maxItems: number) {}

  spend(n: number): void {
    this.items += n;
    if (this.items > this.maxItems) {
      throw new QueryLimitError('cost', this.maxItems, `The answer grew past ${this.maxItems} list items, the cost limit; ask for smaller pages (first) or fewer nested lists.`);
    }
  }
}

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

function boundedResolver(resolve: GraphQLFieldResolver<unknown, RequestContext>, bound: ListBound, name: string): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args, ctx, info) => {
    let limit = bound.max;
    if (bound.kind === 'page') {
      try {
        limit = checkFirst(args.first as number | null | undefined, bound.defaultFirst, 'first', bound.max);
      } catch (err) {
        return Promise.reject(err); // as the resolvers' own argument checks fail, so both executors report it alike
      }
    }
    const take = (items: unknown): unknown => {
      if (!Array.isArray(items)) return items;
      if (items.length > limit && bound.kind === 'fixed') throw new Error(`${name} answered ${items.length} items, over its @listSize(fixed: ${limit})`);
      const page = items.length > limit ? items.slice(0, limit) : items;
      ctx.budget?.spend(page.length);
      return page;
    };
    // The resolver sees the page size it must answer, whether `first` was given, defaulted or null.
    const result = resolve(source, bound.kind === 'page' && args.first !== limit ? { ...args, first: limit } : args, ctx, info);
    return isPromise(result) ? result.then(take) : take(result);
  };
}

/** Introspection does not carry directives, so the bound is also said in the field's description, for Sandbox and codegen users. */
function describeBound(description: string | null | undefined, bound: ListBound): string {
  const said = bound.kind === 'page' ? `At most \`first\` items (default ${bound.defaultFirst}, at most ${bound.max}).` : `At most ${bound.max} items.`;
  return description ? `${description}\n\n${said}` : said;
}

/**
 * Wraps the resolver of every list field of the (executable) schema in its bound, in place.
 * Throws, naming the fields, when any list field has no bound.
 */
export function enforceListBounds(schema: GraphQLSchema): GraphQLSchema {
  const unbounded: string[] = [];
  for (const { name, field, bound } of listFields(schema)) {
    if (!bound) {
      unbounded.push(name);
      continue;
    }
    field.description = describeBound(field.description, bound);
    // Interface fields are never resolved themselves; their implementations are, and carry their own bound.
    const [typeName] = name.split('.');
    if (!isObjectType(schema.getType(typeName))) continue;
    field.resolve = boundedResolver((field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, RequestContext>, bound, name) as GraphQLFieldResolver<unknown, unknown>;
  }
  // A connection is a page too: its field must say how many items it holds by default.
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()) as AnyField[]) {
      if (!getNamedType(field.type).name.endsWith('Connection')) continue;
      const first = field.args.find((a) => a.name === 'first');
      if (first?.astNode?.defaultValue?.kind !== Kind.INT) unbounded.push(`${type.name}.${field.name} (a connection: it takes "first: Int = <default page size>")`);
    }
  }
  if (unbounded.length) {
    throw new Error(`list fields without @listSize (see schema/base.graphql): ${unbounded.join(', ')}. Give each "first: Int = <default>" and @listSize(max:), or @listSize(fixed:) when the schema bounds it.`);
  }
  return schema;
}
