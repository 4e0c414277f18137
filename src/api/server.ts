import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express from 'express';
import responseTime from 'response-time';
import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import { createRequestContext, type RequestContext } from './context';
import { readConfig, type Config } from '../config';
import { formatError } from './format-error';
import { costLimitPlugin, limitRules, limitsFrom } from './limits';
import { buildSchema } from './schema';

export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

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

/** Answers a body that cannot be read (too large, not JSON) as a GraphQL-shaped JSON error, not an HTML page. */
function bodyErrors(maxBytes: number): express.ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `The request body is over the ${maxBytes}-byte limit; send a smaller query.`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: maxBytes } }] });
    } else if (err.type === 'entity.parse.failed' || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON in UTF-8: send {"query": "...", "variables": {...}}.', extensions: { code: 'BAD_REQUEST' } }] });
    } else next(err);
  };
}

const corsOrigin = (origins: string) => (origins.trim() === '*' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean));

export async function createApiServer(options: { store: GraphStore; logger: Logger; config?: Config }): Promise<ApiServer> {
  const { store, logger } = options;
  const config = options.config ?? readConfig({});
  const limits = limitsFrom(config);
  const app = express();
  const httpServer = http.createServer(app);
  // Slow clients: the whole request must arrive within the request timeout.
  httpServer.requestTimeout = limits.timeoutMs;
  httpServer.headersTimeout = Math.min(limits.timeoutMs, 60_000);
  const schema = buildSchema();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.INTROSPECTION,
    validationRules: limitRules(limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Cache-control hints are not used (answers are not HTTP-cached) and the plugin wraps every field.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.LANDING_PAGE ? [] : [ApolloServerPluginLandingPageDisabled()]),
      costLimitPlugin(schema, limits.maxCost),
      logInternalErrors,
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.get('/health', async (_req, res) => {
    try {
      // Answer promptly even while the database is unreachable (the driver may wait far longer).
      const stats = await Promise.race([
        store.stats(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS).unref()),
      ]);
      res.json({ status: 'ok', store: store.name, nodes: stats.nodes, relationships: stats.relationships });
    } catch (err) {
      logger.warn({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable', store: store.name });
    }
  });
  app.use(
    '/graphql',
    // The server's own time per request (body read, Apollo, execution, serialising), for clients and the benchmark.
    responseTime((_req, res, ms) => res.setHeader('Server-Timing', `total;dur=${ms.toFixed(3)}`)),
    cors({ origin: corsOrigin(config.CORS_ORIGINS) }),
    express.json({ limit: limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const given = req.headers['x-request-id'];
        const requestId = typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', requestId);
        return createRequestContext(store, logger.child({ requestId }), limits.timeoutMs);
      },
    }),
  );
  app.use(bodyErrors(limits.maxBodyBytes));

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
