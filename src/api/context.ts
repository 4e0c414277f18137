import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import { QueryLimitError } from './limits';
import { Loaders } from './loaders';

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  logger: Logger;
}

/**
 * The store as one request sees it: past the request's deadline, no further store call starts,
 * and the request answers QUERY_LIMIT_EXCEEDED (timeout). A call already running finishes.
 */
function withDeadline(store: GraphStore, timeoutMs: number): GraphStore {
  const deadline = performance.now() + timeoutMs;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      // Rejects rather than throws: DataLoader hides a batch function's synchronous throw in an error of its own.
      return async (...args: unknown[]) => {
        if (performance.now() > deadline) {
          throw new QueryLimitError('timeout', timeoutMs, `The request ran past its ${timeoutMs} ms limit; ask for less (smaller first, fewer nested lists).`);
        }
        return value.apply(target, args);
      };
    },
  });
}

export function createRequestContext(store: GraphStore, logger: Logger, timeoutMs?: number): RequestContext {
  const guarded = timeoutMs ? withDeadline(store, timeoutMs) : store;
  return { store: guarded, loaders: new Loaders(guarded), logger };
}
