import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time a store call may take, carried to the store without a parameter on every port method
 * (AsyncLocalStorage): the API runs each store call inside its request's deadline, and a long
 * traversal checks it as it goes, stopping with DeadlineExceededError.
 */

export interface Deadline {
  /** performance.now() past which work stops. */
  at: number;
  /** The request's whole allowance, for the error message. */
  timeoutMs: number;
}

/** The store stopped work because the request ran out of time; the API answers QUERY_LIMIT_EXCEEDED (timeout). */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the request ran past its ${timeoutMs} ms limit`);
    this.name = 'DeadlineExceededError';
  }
}

const current = new AsyncLocalStorage<Deadline>();

export const runWithDeadline = <T>(deadline: Deadline, work: () => T): T => current.run(deadline, work);

export const currentDeadline = (): Deadline | undefined => current.getStore();

/** Milliseconds left for the current store call (at least 1), or undefined outside any deadline. */
export function remainingMs(): number | undefined {
  const d = current.getStore();
  return d ? Math.max(1, Math.ceil(d.at - performance.now())) : undefined;
}

export function checkDeadline(): void {
  const d = current.getStore();
  if (d && performance.now() > d.at) throw new DeadlineExceededError(d.timeoutMs);
}

/**
 * A check cheap enough for a hot loop: reads the deadline once, then the clock once every
 * `every` calls. Call it once per unit of work.
 */
export function deadlineTicker(every = 256): () => void {
  const d = current.getStore();
  if (!d) return () => {};
  let n = 0;
  return () => {
    if (++n % every === 0 && performance.now() > d.at) throw new DeadlineExceededError(d.timeoutMs);
  };
}
