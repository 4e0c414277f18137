import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getOperationAST, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/*
 * Operations that are asked for again run as JavaScript compiled for them (graphql-jit) instead
 * of through graphql-js's general executor, which costs 2-3x more per field (issue 3; see
 * BENCHMARKS.md). Same schema, resolvers, DataLoaders and answers; a test compares the two. One
 * difference: when a failing non-null field nulls its parent, graphql-js stops there and reports
 * that one error, while a compiled operation also reports the other fields under that parent
 * that failed.
 *
 * Apollo Server takes an executor of its own only from a gateway, so this is a gateway that
 * serves one fixed schema. Apollo still parses, validates (with the limit rules), runs plugins
 * and formats errors; only execution changes.
 */

/** An operation is compiled the second time it is asked for: a query asked once is not worth compiling. */
export const COMPILE_AFTER = 2;

interface Operation {
  runs: number;
  /** Null when graphql-jit cannot compile it: graphql-js runs it every time. */
  compiled?: CompiledQuery | null;
  /** The operation's variable definitions, found once when it is compiled. */
  variables?: readonly VariableDefinitionNode[];
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T>)?.then === 'function';

/**
 * graphql-jit reports a resolver's error as an object of its own that passes for graphql-js's
 * GraphQLError but has no `extensions` when the thrown error had none (a StoreUnavailableError,
 * say). Apollo reads `extensions.code` before formatError sees the error, fails, and answers a
 * bare INTERNAL_SERVER_ERROR: an outage answered UNAVAILABLE once and then, compiled, never again
 * (issue 15). So each error becomes graphql-js's own, built as graphql-js builds it when it
 * executes: the same message, path, locations, original error and extensions.
 */
function withGraphQLJsErrors(result: ExecutionResult): GatewayExecutionResult {
  if (!result.errors?.length) return result as GatewayExecutionResult;
  const errors = result.errors.map((jit) => {
    const error = new GraphQLError(jit.message, { path: jit.path, originalError: jit.originalError ?? undefined, extensions: jit.extensions ?? undefined });
    if (jit.locations) Object.assign(error, { locations: jit.locations });
    return error;
  });
  return { ...result, errors } as GatewayExecutionResult;
}

export class JitExecutor {
  // Apollo hands back the same parsed document for the same query text, so entries live as long as its document cache keeps them.
  private readonly operations = new WeakMap<DocumentNode, Map<string, Operation>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compileAfter = COMPILE_AFTER,
  ) {}

  execute(document: DocumentNode, operationName: string | undefined, contextValue: unknown, variables: Record<string, unknown> | undefined): Promise<GatewayExecutionResult> | GatewayExecutionResult {
    const op = this.operationFor(document, operationName);
    if (op.compiled) {
      // Variables that do not fit are refused by graphql-js, word for word as when it executes (graphql-jit words them differently).
      if (op.variables?.length) {
        const checked = getVariableValues(this.schema, op.variables, variables ?? {}, { maxErrors: 50 });
        if (checked.errors) return { errors: checked.errors };
      }
      const result = op.compiled.query(undefined, contextValue, variables ?? {});
      return isPromise(result) ? result.then(withGraphQLJsErrors) : withGraphQLJsErrors(result);
    }
    return execute({ schema: this.schema, document, operationName, contextValue, variableValues: variables }) as Promise<GatewayExecutionResult> | GatewayExecutionResult;
  }

  private operationFor(document: DocumentNode, operationName: string | undefined): Operation {
    let byName = this.operations.get(document);
    if (!byName) this.operations.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let op = byName.get(key);
    if (!op) byName.set(key, (op = { runs: 0 }));
    op.runs++;
    if (op.compiled === undefined && op.runs >= this.compileAfter) {
      try {
        const result = compileQuery(this.schema, document, operationName);
        op.compiled = isCompiledQuery(result) ? result : null;
        op.variables = getOperationAST(document, operationName)?.variableDefinitions;
      } catch {
        op.compiled = null;
      }
    }
    return op;
  }

  /** The gateway Apollo Server is given in place of the schema. */
  gateway(): GatewayInterface {
    return {
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({
        executor: async (ctx: GatewayGraphQLRequestContext) => this.execute(ctx.document, ctx.request.operationName, ctx.context, ctx.request.variables),
      }),
      stop: async () => undefined,
    };
  }
}
