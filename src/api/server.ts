import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import type { RequestContext } from './context';
import { readConfig, type Config } from '../config';
import { formatError } from './format-error';
import { createRequestHandler } from './http-handler';
import { JitExecutor } from './jit-executor';
import { costLimitPlugin, limitRules, limitsFrom } from './limits';
import { buildSchema } from './schema';

export interface ApiServer {
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

export async function createApiServer(options: { store: GraphStore; logger: Logger; config?: Config; explorerDir?: string }): Promise<ApiServer> {
  const { store, logger } = options;
  const config = options.config ?? readConfig({});
  const limits = limitsFrom(config);
  const httpServer = http.createServer();
  // Slow clients: the whole request must arrive within the request timeout.
  httpServer.requestTimeout = limits.timeoutMs;
  httpServer.headersTimeout = Math.min(limits.timeoutMs, 60_000);
  const schema = buildSchema();
  const apollo = new ApolloServer<RequestContext>({
    gateway: new JitExecutor(schema).gateway(),
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

  httpServer.on('request', createRequestHandler({ apollo, store, logger, limits, corsOrigins: config.CORS_ORIGINS, exportLimits: { maxNodes: config.EXPORT_MAX_NODES, timeoutMs: limits.timeoutMs }, explorerDir: options.explorerDir }));

  return {
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
