import pino from 'pino';
import { readConfig } from '../../src/config';
import type { GraphStore } from '../../src/store/port';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { createApiServer, type ApiServer } from '../../src/api/server';
import { createRequestContext } from '../../src/api/context';
import { seedBundle } from '../helpers';

export const silentLogger = pino({ level: 'silent' });

export async function seededStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.load(seedBundle());
  return store;
}

/** Wraps a store so that every call to it is counted, by method. */
export function countingStore(inner: GraphStore): GraphStore & { calls: string[] } {
  const calls: string[] = [];
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'calls') return calls;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return value.apply(target, args);
      };
    },
  }) as GraphStore & { calls: string[] };
}

export interface Api {
  server: ApiServer;
  /** Runs one GraphQL document through Apollo (no HTTP) and returns data and errors. */
  run(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
}

export async function startApi(store: GraphStore, env: Record<string, string> = {}, options: { explorerDir?: string } = {}): Promise<Api> {
  const config = readConfig(env);
  const server = await createApiServer({ store, logger: silentLogger, config, explorerDir: options.explorerDir });
  return {
    server,
    async run(query, variables) {
      const contextValue = createRequestContext(store, silentLogger, config.REQUEST_TIMEOUT_MS, config.LIMIT_COST);
      const res = await server.apollo.executeOperation({ query, variables }, { contextValue });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      return res.body.singleResult as { data?: any; errors?: any[] };
    },
  };
}
