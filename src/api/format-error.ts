import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { StoreUnavailableError } from '../store/errors';
import { QueryLimitError } from './limits';

/** graphql-js reports a bad literal argument (unknown enum value, wrong type) as a validation failure. */
const BAD_ARGUMENT_VALUE =
  /^(Value ".*" does not exist in ".*" enum|Enum ".*" cannot represent|Expected value of type|(Int|Float|String|Boolean|ID) cannot represent)/;

export const INTERNAL_MESSAGE = 'Internal server error: it has been logged; the x-request-id response header identifies it.';

/**
 * What a client sees of an error: actionable errors keep their message and code; a store outage
 * is UNAVAILABLE; anything else is masked, never leaking stack traces or query text.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const limit = original instanceof QueryLimitError ? original : (original as { originalError?: unknown } | null)?.originalError;
  if (limit instanceof QueryLimitError) {
    return { message: limit.message, path: formatted.path, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: limit.limit, max: limit.max } };
  }
  if (original instanceof StoreUnavailableError) {
    return { message: 'The graph store is unavailable; try again shortly.', path: formatted.path, extensions: { code: 'UNAVAILABLE' } };
  }
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && BAD_ARGUMENT_VALUE.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  if (!code || code === 'INTERNAL_SERVER_ERROR') {
    return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}
