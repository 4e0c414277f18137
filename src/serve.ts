import type { Config } from './config';
import type { Logger } from './log';
import { createApiServer } from './api/server';
import { limitHeapHeadroom } from './heap-headroom';
import { reportMemoryOnSignal } from './memory-report';
import { openStore } from './store/open-store';

/** Opens the configured store and serves the API until SIGINT or SIGTERM, then drains and closes. */
export async function serve(config: Config, logger: Logger): Promise<void> {
  const started = performance.now();
  const store = await openStore(config, logger);
  const stats = await store.stats();
  const heapGrowthPercent = limitHeapHeadroom(config.HEAP_HEADROOM_MB);
  const nodes = Object.values(stats.nodes).reduce((a, b) => a + b, 0);
  const server = await createApiServer({ store, logger, config });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info(
    { store: store.name, nodes, relationships: stats.relationships, startupMs: Math.round(performance.now() - started), heapGrowthPercent },
    `send-graph listening on ${url} (${store.name} store: ${nodes} nodes, ${stats.relationships} relationships)`,
  );

  reportMemoryOnSignal(logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and shutting down');
    await server.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
