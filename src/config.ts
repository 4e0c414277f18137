import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Configuration from the environment, read and checked once. Defaults make `npm start` work with none. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SEEDS_DIR: z.string().min(1).default(resolve(__dirname, '..', 'seeds')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to use Neo4j (e.g. bolt://localhost:7687 or neo4j://host:7687); unset, the embedded store. */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI, e.g. bolt://localhost:7687')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Request limits: see README "Limits". */
  LIMIT_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  LIMIT_COST: z.coerce.number().int().min(1).default(100_000),
  LIMIT_ALIASES: z.coerce.number().int().min(0).default(15),
  LIMIT_ROOT_FIELDS: z.coerce.number().int().min(1).default(10),
  LIMIT_BODY_BYTES: z.coerce.number().int().min(1_000).default(100_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** The most nodes one export (GET /export/...) may hold. */
  EXPORT_MAX_NODES: z.coerce.number().int().min(1).default(100_000),
  /** Comma-separated origins allowed by CORS, or * for any. */
  CORS_ORIGINS: z.string().default('*'),
  INTROSPECTION: z.stringbool().default(true),
  LANDING_PAGE: z.stringbool().default(true),
  /**
   * Server processes sharing the port: a whole number, or "auto" for one per CPU. Each process
   * holds its own copy of the embedded graph, so memory grows with it.
   */
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: 'must be a whole number from 1 to 64, or "auto" for one per CPU' })
    .default(1)
    .transform((w) => (w === 'auto' ? availableParallelism() : w)),
  /**
   * How far each server process's heap may grow past the data it loaded before V8 collects, in
   * MB; 0 leaves it to V8. V8's own choice on a large machine is up to 4x the live heap, which let
   * a server holding the 100x graph (about 600 MB of heap) reach 2.6 GB under load.
   */
  HEAP_HEADROOM_MB: z.coerce.number().int().min(0).max(1_000_000).default(256),
  /** How many times to try reaching Neo4j at start-up, with exponential back-off between tries. */
  NEO4J_CONNECT_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
