import type { Config } from '../config';
import type { Logger } from '../log';
import { StoreUnavailableError } from './errors';
import { openMemoryStore } from './memory/open-memory-store';
import { connect, DEFAULT_RETRY, type Neo4jSettings } from './neo4j/connect';
import { Neo4jStore } from './neo4j/neo4j-store';
import { missingSchema } from './neo4j/schema';
import type { GraphStore } from './port';

export type StoreChoice = { kind: 'memory'; seedsDir: string; cacheDir: string | null } | { kind: 'neo4j'; settings: Neo4jSettings };

/** NEO4J_URI set means Neo4j; unset, the embedded store loaded from the seeds. */
export function chooseStore(config: Config): StoreChoice {
  if (!config.NEO4J_URI) return { kind: 'memory', seedsDir: config.SEEDS_DIR, cacheDir: config.CACHE_DIR };
  return {
    kind: 'neo4j',
    settings: { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE },
  };
}

const redact = (uri: string) => uri.replace(/\/\/[^@/]*@/, '//***@');

export async function connectNeo4j(config: Config, logger: Logger, settings: Neo4jSettings): Promise<Neo4jStore> {
  const attempts = config.NEO4J_CONNECT_ATTEMPTS;
  const driver = await connect(settings, { ...DEFAULT_RETRY, attempts }, (err, attempt, delay) =>
    logger.warn({ attempt, of: attempts, retryInMs: delay, reason: (err as Error).message }, `Neo4j at ${redact(settings.uri)} is not answering; retrying`),
  ).catch((err: Error) => {
    throw new StoreUnavailableError(
      `Could not reach Neo4j at ${redact(settings.uri)} (database "${settings.database}") after ${attempts} attempt(s): ${err.message.split('. ')[0]}. ` +
        'Is it running? Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to use the embedded store.',
      { cause: err },
    );
  });
  const store = new Neo4jStore(driver, settings.database);
  const { version, edition } = await store.detectVersion();
  logger.info({ uri: redact(settings.uri), database: settings.database, version, edition }, `connected to Neo4j ${version} (${edition})`);
  return store;
}

/** Opens the store the configuration chooses, ready to answer. */
export async function openStore(config: Config, logger: Logger): Promise<GraphStore> {
  const choice = chooseStore(config);
  if (choice.kind === 'memory') {
    return openMemoryStore(choice.seedsDir, choice.cacheDir, logger);
  }
  const store = await connectNeo4j(config, logger, choice.settings);
  const missing = await missingSchema(store.driverForAdmin(), choice.settings.database);
  if (missing.length) logger.warn({ missing }, `the Neo4j schema is incomplete (${missing.join(', ')}); run "npm run seed" to create it`);
  return store;
}
