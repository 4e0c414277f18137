import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { packageRoot } from '../package-root';
import { recordTraversals } from './lookahead';
import { enforceListBounds } from './list-bounds';
import { resolvers } from './resolvers';

export const SCHEMA_DIR = join(packageRoot(), 'schema');

export function readTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The executable schema: SDL from schema/, resolvers from ./resolvers, every list held to its @listSize. */
export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers, resolverValidationOptions: { requireResolversToMatchSchema: 'error' } });
  recordTraversals(schema, resolvers as Record<string, unknown>);
  return enforceListBounds(schema);
}
