import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import { Loaders } from './loaders';

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  logger: Logger;
}

export function createRequestContext(store: GraphStore, logger: Logger): RequestContext {
  return { store, loaders: new Loaders(store), logger };
}
