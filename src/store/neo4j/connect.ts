import { backOff } from 'exponential-backoff';
import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, initialDelayMs: 500, maxDelayMs: 15_000 };

export function createDriver(s: Neo4jSettings): Driver {
  return neo4j.driver(s.uri, neo4j.auth.basic(s.user, s.password), {
    userAgent: 'send-graph',
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 10_000,
  });
}

/** Retries `attempt` with exponential back-off, telling `onRetry` why and when it will try again. */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (err: unknown, attemptNumber: number, nextDelayMs: number) => void,
  shouldRetry: (err: unknown) => boolean = () => true,
): Promise<T> {
  let delay = policy.initialDelayMs;
  return backOff(attempt, {
    numOfAttempts: policy.attempts,
    startingDelay: policy.initialDelayMs,
    maxDelay: policy.maxDelayMs,
    timeMultiple: 2,
    jitter: 'none',
    delayFirstAttempt: false,
    retry: (err, attemptNumber) => {
      // The library asks after the last attempt too; there is no retry to announce then.
      if (attemptNumber >= policy.attempts || !shouldRetry(err)) return false;
      onRetry(err, attemptNumber, delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
      return true;
    },
  });
}

/** Connects, retrying with back-off while the server is unreachable (it may still be starting). */
export async function connect(s: Neo4jSettings, policy: RetryPolicy, onRetry: (err: unknown, attempt: number, nextDelayMs: number) => void): Promise<Driver> {
  const driver = createDriver(s);
  try {
    await withRetry(() => driver.getServerInfo({ database: s.database }), policy, onRetry, (err) => (err as { code?: string }).code !== 'Neo.ClientError.Security.Unauthorized');
    return driver;
  } catch (err) {
    await driver.close();
    throw err;
  }
}
