import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express from 'express';
import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import { createRequestContext, type RequestContext } from './context';
import { formatError } from './format-error';
import { buildSchema } from './schema';

export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Logs errors that are not the client's doing, with the request's id. */
const logInternalErrors: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const err of errors) {
          const code = err.extensions?.code;
          if (!code || code === 'INTERNAL_SERVER_ERROR') contextValue.logger.error({ err: err.originalError ?? err }, 'internal error');
        }
      },
    };
  },
};

export async function createApiServer(options: { store: GraphStore; logger: Logger }): Promise<ApiServer> {
  const { store, logger } = options;
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: buildSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Cache-control hints are not used (answers are not HTTP-cached) and the plugin wraps every field.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), logInternalErrors],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.get('/health', async (_req, res) => {
    try {
      const stats = await store.stats();
      res.json({ status: 'ok', store: store.name, nodes: stats.nodes, relationships: stats.relationships });
    } catch (err) {
      logger.warn({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable', store: store.name });
    }
  });
  app.use(
    '/graphql',
    cors(),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
        res.setHeader('x-request-id', requestId);
        return createRequestContext(store, logger.child({ requestId }));
      },
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${bound}/graphql`);
        });
      }),
    stop: () => apollo.stop(),
  };
}
