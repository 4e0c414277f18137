import type { Logger } from 'pino';
import { DeadlineExceededError, runWithDeadline, type Deadline } from '../store/deadline';
import type { GraphStore } from '../store/port';
import { QueryLimitError } from './limits';
import { AnswerBudget } from './list-bounds';
import { Loaders } from './loaders';

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  logger: Logger;
  /** List items the answer may still grow by (the cost limit); absent, unbounded (benchmarks). */
  budget?: AnswerBudget;
}

const timeoutError = (timeoutMs: number) =>
  new QueryLimitError('timeout', timeoutMs, `The request ran past its ${timeoutMs} ms limit; ask for less (smaller first, fewer nested lists).`);

/**
 * The store as one request sees it: past the request's deadline no further store call starts,
 * and a call already running stops at its next deadline check (src/store/deadline.ts); either
 * way the request answers QUERY_LIMIT_EXCEEDED (timeout).
 */
function withDeadline(store: GraphStore, timeoutMs: number): GraphStore {
  const deadline: Deadline = { at: performance.now() + timeoutMs, timeoutMs };
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      // Rejects rather than throws: DataLoader hides a batch function's synchronous throw in an error of its own.
      return async (...args: unknown[]) => {
        if (performance.now() > deadline.at) throw timeoutError(timeoutMs);
        try {
          return await runWithDeadline(deadline, () => value.apply(target, args));
        } catch (err) {
          throw err instanceof DeadlineExceededError ? timeoutError(timeoutMs) : err;
        }
      };
    },
  });
}

export function createRequestContext(store: GraphStore, logger: Logger, timeoutMs?: number, maxAnswerItems?: number): RequestContext {
  const guarded = timeoutMs ? withDeadline(store, timeoutMs) : store;
  return { store: guarded, loaders: new Loaders(guarded), logger, budget: maxAnswerItems ? new AnswerBudget(maxAnswerItems) : undefined };
}
