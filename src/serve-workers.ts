import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config';
import type { Logger } from './log';
import { serve } from './serve';

/**
 * Serves the API from config.WORKERS processes sharing one port (Node's cluster), so that more
 * than one core answers requests. Workers start one after another: the first answers as soon as
 * it is ready, a bad seed file is reported once rather than by every worker, and the memory peak
 * of loading is not multiplied. A worker that dies after starting is replaced; one that fails to
 * start stops the whole server with its exit code.
 */
export async function serveWorkers(config: Config, logger: Logger): Promise<void> {
  if (config.WORKERS === 1) return serve(config, logger);
  if (!cluster.isPrimary) return serve(config, logger.child({ worker: cluster.worker!.id }));

  const wanted = config.WORKERS;
  const started = new WeakSet<Worker>();
  let stopping = false;
  logger.info({ workers: wanted }, `starting ${wanted} server processes, one after another`);

  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      started.add(worker);
      // Counting the processes still starting too, so a replacement and a first start never overshoot.
      if (workers().length < wanted) fork();
      else if (workers().every((w) => started.has(w))) logger.info({ workers: wanted }, `all ${wanted} server processes are answering`);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const alive = workers().length;
    if (stopping) {
      if (alive === 0) process.exit();
      return;
    }
    if (!started.has(worker)) {
      logger.fatal({ worker: worker.id, code, signal }, 'a server process failed to start; stopping (its error is above)');
      stopping = true;
      for (const w of workers()) w.kill('SIGTERM');
      process.exitCode = code || 1;
      if (alive === 0) process.exit();
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'a server process died; starting a replacement');
    fork();
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the server processes');
    for (const w of workers()) w.kill(signal);
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  fork();
}
