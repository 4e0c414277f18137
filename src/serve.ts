import type { Config } from './config';
import { loadDataset } from './dataset/load-dataset';
import type { Logger } from './log';
import { createApiServer } from './api/server';
import { MemoryStore } from './store/memory/memory-store';

/** Loads the seeds into the store and serves the API until SIGINT or SIGTERM. */
export async function serve(config: Config, logger: Logger): Promise<void> {
  const started = performance.now();
  const bundle = loadDataset(config.SEEDS_DIR);
  const store = new MemoryStore();
  await store.load(bundle);
  const server = await createApiServer({ store, logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info(
    { store: store.name, nodes: bundle.nodes.length, relationships: bundle.relationships.length, seeds: config.SEEDS_DIR, startupMs: Math.round(performance.now() - started) },
    `send-graph listening on ${url} (${store.name} store: ${bundle.nodes.length} nodes, ${bundle.relationships.length} relationships)`,
  );

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'draining requests and shutting down');
    await server.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
