import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, getNullableType, isListType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config';
import { listBoundOf } from './list-bounds';

/** Limits on every request, so that an abusive query is refused cheaply, before it runs. */
export interface RequestLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxRootFields: number;
  maxBodyBytes: number;
  timeoutMs: number;
}

export const limitsFrom = (c: Config): RequestLimits => ({
  maxDepth: c.LIMIT_DEPTH,
  maxCost: c.LIMIT_COST,
  maxAliases: c.LIMIT_ALIASES,
  maxRootFields: c.LIMIT_ROOT_FIELDS,
  maxBodyBytes: c.LIMIT_BODY_BYTES,
  timeoutMs: c.REQUEST_TIMEOUT_MS,
});

export type LimitName = 'depth' | 'cost' | 'aliases' | 'rootFields' | 'timeout';

/** A refusal; the API answers it with extensions.code QUERY_LIMIT_EXCEEDED and the limit's name. */
export class QueryLimitError extends GraphQLError {
  constructor(readonly limit: LimitName, readonly max: number, message: string) {
    super(message, { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, max, http: { status: 400 } } });
  }
}

/**
 * A list costs as many items as it can answer, from its @listSize bound (its `first`, whose default
 * the schema states, or its fixed size), times what each item costs.
 */
const INTROSPECTION_LIST_SIZE = 10;

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const first = typeof args.first === 'number' ? Math.max(0, args.first) : undefined;
  const child = Math.max(1, childComplexity);
  // A connection's edges and nodes hold the `first` items its field already counted.
  if (type.name.endsWith('Connection')) return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) {
    // Introspection's lists are as long as the schema, which no request can grow.
    if (type.name.startsWith('__')) return 1 + INTROSPECTION_LIST_SIZE * child;
    const bound = listBoundOf(field as GraphQLField<unknown, unknown>);
    if (!bound) throw new Error(`${type.name}.${field.name} has no @listSize bound`); // enforceListBounds refuses such a schema
    // A first over the bound is refused as BAD_USER_INPUT when the field runs, saying what to change.
    return 1 + (bound.kind === 'page' ? Math.min(first ?? bound.defaultFirst, bound.max) : bound.max) * child;
  }
  if (first !== undefined) return 1 + first * child; // a connection: its lists hold `first` items
  return 1 + childComplexity;
};

function rootFieldCount(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  let n = 0;
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
    else if (s.kind === Kind.INLINE_FRAGMENT) n += rootFieldCount(s.selectionSet, fragments, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) n += rootFieldCount(f.selectionSet, fragments, seen);
    }
  }
  return n;
}

const maxRootFieldsRule =
  (max: number): ValidationRule =>
  (context: ValidationContext) => ({
    OperationDefinition(op) {
      const fragments = new Map(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      const n = rootFieldCount(op.selectionSet, fragments);
      if (n > max) context.reportError(new QueryLimitError('rootFields', max, `The operation asks for ${n} root fields; the limit is ${max}. Split it into several requests.`));
    },
  });

/** Validation rules for depth, aliases and root fields (GraphQL Armor for the first two). */
export function limitRules(l: RequestLimits): ValidationRule[] {
  const reject = (limit: LimitName, max: number, message: string) => [
    (ctx: ValidationContext | null) => ctx?.reportError(new QueryLimitError(limit, max, message)),
  ];
  return [
    maxDepthRule({ n: l.maxDepth, propagateOnRejection: false, onReject: reject('depth', l.maxDepth, `The query is nested deeper than the limit of ${l.maxDepth} levels; ask for less nesting.`) }),
    maxAliasesRule({ n: l.maxAliases, propagateOnRejection: false, onReject: reject('aliases', l.maxAliases, `The query uses more than ${l.maxAliases} aliases, the limit; split it into several requests.`) }),
    maxRootFieldsRule(l.maxRootFields),
  ];
}

const COST_CACHE_PER_DOCUMENT = 100;

/** Refuses an operation whose estimated cost is over the limit, once its variables are known. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  // Apollo hands back the same parsed document for the same query text, so a cost is worked out once per document and variables.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number => {
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let known = costs.get(document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator] });
    if (!known || known.size >= COST_CACHE_PER_DOCUMENT) costs.set(document, (known = new Map()));
    known.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          let cost: number;
          try {
            cost = costOf(document, request.variables ?? {}, request.operationName);
          } catch (err) {
            // Variables that do not fit the operation: execution reports them as BAD_USER_INPUT.
            if (err instanceof GraphQLError) return;
            throw err;
          }
          if (cost > maxCost) {
            throw new QueryLimitError('cost', maxCost, `The query's estimated cost is ${cost}; the limit is ${maxCost}. Ask for smaller pages (first) or fewer nested lists; each list costs its first (the schema states each list's default) times its items.`);
          }
        },
      };
    },
  };
}
