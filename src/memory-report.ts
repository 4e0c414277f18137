import type { Logger } from './log';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * A diagnostic for telling memory V8 keeps from memory still in use: when the process runs with
 * `node --expose-gc`, SIGUSR2 makes it collect garbage fully and log its heap and RSS before and
 * after (the load test does this, see BENCHMARKS.md). Without --expose-gc it does nothing.
 */
export function reportMemoryOnSignal(logger: Logger): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return;
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    gc();
    const after = process.memoryUsage();
    logger.info(
      {
        memory: {
          rssBeforeMB: mb(before.rss), heapUsedBeforeMB: mb(before.heapUsed), heapTotalBeforeMB: mb(before.heapTotal),
          rssMB: mb(after.rss), heapUsedMB: mb(after.heapUsed), heapTotalMB: mb(after.heapTotal), externalMB: mb(after.external), arrayBuffersMB: mb(after.arrayBuffers),
        },
      },
      'memory after a full garbage collection',
    );
  });
}
