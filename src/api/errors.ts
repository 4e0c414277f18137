import { GraphQLError } from 'graphql';

/** Errors a client can act on: each says what to change. */

export const badInput = (message: string, argument?: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });

export const unavailable = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAVAILABLE' } });
