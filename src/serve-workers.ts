import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config';
import type { Logger } from './log';
import { serve } from './serve';

/** Why a process ended, in words an operator can act on. */
export function exitReason(code: number | null, signal: string | null): string {
  if (signal === 'SIGKILL') return 'killed by SIGKILL (the system\'s out-of-memory killer, or by hand)';
  if (signal === 'SIGABRT') return 'aborted by SIGABRT (V8 aborts when the heap is out of memory; the process\'s last output is above)';
  if (signal) return `killed by ${signal}`;
  if (code === 134) return 'exited with code 134 (an abort: V8 does this when the heap is out of memory; the process\'s last output is above)';
  return `exited with code ${code}`;
}

/**
 * Serves the API from config.WORKERS processes sharing one port (Node's cluster), so that more
 * than one core answers requests. A supervising process holds no graph and only starts server
 * processes, whatever WORKERS is (1 included), so a server process that dies is replaced and the
 * log says why it died. Workers start one after another: the first answers as soon as it is
 * ready, a bad seed file is reported once rather than by every worker, and the memory peak of
 * loading is not multiplied. One that fails to start stops the whole server with its exit code.
 */
export async function serveWorkers(config: Config, logger: Logger): Promise<void> {
  if (!cluster.isPrimary) return serve(config, logger.child({ worker: cluster.worker!.id }));

  const wanted = config.WORKERS;
  const started = new WeakSet<Worker>();
  let stopping = false;
  logger.info({ workers: wanted }, wanted === 1 ? 'starting the server process' : `starting ${wanted} server processes, one after another`);

  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      started.add(worker);
      // Counting the processes still starting too, so a replacement and a first start never overshoot.
      if (workers().length < wanted) fork();
      else if (workers().every((w) => started.has(w))) logger.info({ workers: wanted }, wanted === 1 ? 'the server process is answering' : `all ${wanted} server processes are answering`);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const alive = workers().length;
    if (stopping) {
      if (alive === 0) process.exit();
      return;
    }
    const reason = exitReason(code, signal);
    if (!started.has(worker)) {
      logger.fatal({ worker: worker.id, pid: worker.process.pid, code, signal, reason }, `a server process failed to start (${reason}); stopping (its error is above)`);
      stopping = true;
      for (const w of workers()) w.kill('SIGTERM');
      process.exitCode = code || 1;
      if (alive === 0) process.exit();
      return;
    }
    logger.error({ worker: worker.id, pid: worker.process.pid, code, signal, reason }, `a server process died (${reason}); starting a replacement`);
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
