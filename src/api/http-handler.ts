import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import bodyParser from 'body-parser';
import cors from 'cors';
import responseTime from 'response-time';
import type { Logger } from 'pino';
import type { GraphStore } from '../store/port';
import { createRequestContext, type RequestContext } from './context';
import type { RequestLimits } from './limits';
import { answerExport, EXPORT_PATH, type ExportLimits } from './export-handler';
import { EXPLORER_PATH, explorerFiles } from './explorer-files';

/*
 * The API's HTTP side on Node's own request handler, as Apollo's standalone server does it:
 * connect-style middleware (response-time, cors, body-parser) chained by hand in front of
 * Apollo. Express cost more per request than Apollo and the query together (issue 3; see
 * BENCHMARKS.md), and three routes do not need a router.
 */

type Request = IncomingMessage & { body?: unknown };
type Next = (err?: unknown) => void;
type Middleware = (req: Request, res: ServerResponse, next: Next) => void;

const HEALTH_TIMEOUT_MS = 2_000;
const GRAPHQL_PATH = '/graphql';

export interface HandlerOptions {
  apollo: ApolloServer<RequestContext>;
  store: GraphStore;
  logger: Logger;
  limits: RequestLimits;
  corsOrigins: string;
  exportLimits: ExportLimits;
  /** The built explorer page (default web/dist). */
  explorerDir?: string;
}

const corsOrigin = (origins: string) => (origins.trim() === '*' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean));

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

const graphqlError = (message: string, extensions: Record<string, unknown>) => ({ errors: [{ message, extensions }] });

/** Runs middleware one after another; the first error, or the end of the chain, goes to `done`. */
function chain(middleware: Middleware[], req: Request, res: ServerResponse, done: Next): void {
  let i = 0;
  const next: Next = (err) => {
    if (err !== undefined || i === middleware.length) return done(err);
    const m = middleware[i++];
    try {
      m(req, res, next);
    } catch (e) {
      done(e);
    }
  };
  next();
}

/** A body that cannot be read (too large, not JSON, an unknown charset) answered as a GraphQL-shaped error. */
function answerBodyError(res: ServerResponse, err: { type?: string; status?: number }, maxBytes: number): boolean {
  if (err.type === 'entity.too.large') {
    answerJson(res, 413, graphqlError(`The request body is over the ${maxBytes}-byte limit; send a smaller query.`, { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: maxBytes }));
  } else if (err.type === 'entity.parse.failed' || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    answerJson(res, 400, graphqlError('The request body is not valid JSON in UTF-8: send {"query": "...", "variables": {...}}.', { code: 'BAD_REQUEST' }));
  } else if (err.type === 'request.aborted') {
    res.destroy();
  } else return false;
  return true;
}

export function createRequestHandler(options: HandlerOptions): RequestListener {
  const { apollo, store, logger, limits } = options;
  const explorer = explorerFiles(options.explorerDir);
  const graphqlMiddleware: Middleware[] = [
    // The server's own time per request (body read, Apollo, execution, serialising), for clients and the benchmark.
    responseTime((_req, res, ms) => res.setHeader('Server-Timing', `total;dur=${ms.toFixed(3)}`)),
    cors({ origin: corsOrigin(options.corsOrigins) }),
    bodyParser.json({ limit: limits.maxBodyBytes }),
  ];

  const internalError = (res: ServerResponse, err: unknown) => {
    logger.error({ err }, 'internal error answering a request');
    answerJson(res, 500, graphqlError('Internal server error', { code: 'INTERNAL_SERVER_ERROR' }));
  };

  async function answerGraphQL(req: Request, res: ServerResponse, search: string): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method!.toUpperCase(), headers, search, body: req.body };
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => {
        const given = req.headers['x-request-id'];
        const requestId = typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', requestId);
        return createRequestContext(store, logger.child({ requestId }), limits.timeoutMs, limits.maxCost);
      },
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function answerHealth(res: ServerResponse): Promise<void> {
    try {
      // Answer promptly even while the database is unreachable (the driver may wait far longer).
      const stats = await Promise.race([
        store.stats(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS).unref()),
      ]);
      answerJson(res, 200, { status: 'ok', store: store.name, nodes: stats.nodes, relationships: stats.relationships });
    } catch (err) {
      logger.warn({ err }, 'health check failed');
      answerJson(res, 503, { status: 'unavailable', store: store.name });
    }
  }

  return (req: Request, res: ServerResponse) => {
    const notFound = (method: string | undefined, path: string) =>
      answerJson(res, 404, graphqlError(
        `Nothing at ${method} ${path}: the API answers at ${GRAPHQL_PATH}, /health reports its state, ${EXPORT_PATH} lists the exports` +
          (explorer.built ? ` and ${EXPLORER_PATH}/ is the explorer page.` : ' (the explorer page is not built: npm run build:web).'),
        { code: 'NOT_FOUND' }));
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const readOnly = req.method === 'GET' || req.method === 'HEAD';

    if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) {
      chain(graphqlMiddleware, req, res, (err) => {
        if (err !== undefined) {
          if (!answerBodyError(res, err as { type?: string }, limits.maxBodyBytes)) internalError(res, err);
          return;
        }
        answerGraphQL(req, res, q < 0 ? '' : url.slice(q)).catch((e: unknown) => internalError(res, e));
      });
    } else if (path === '/' && readOnly) {
      res.statusCode = 302;
      res.setHeader('location', explorer.built ? `${EXPLORER_PATH}/` : GRAPHQL_PATH);
      res.end();
    } else if ((path === EXPLORER_PATH || path.startsWith(`${EXPLORER_PATH}/`)) && readOnly) {
      explorer.serve(req, res, path, () => notFound(req.method, path));
    } else if (path === '/health' && readOnly) {
      void answerHealth(res);
    } else if ((path === EXPORT_PATH || path.startsWith(`${EXPORT_PATH}/`)) && readOnly) {
      void answerExport(store, logger, options.exportLimits, path, new URLSearchParams(q < 0 ? '' : url.slice(q + 1)), res, (status, body) => answerJson(res, status, body));
    } else {
      notFound(req.method, path);
    }
  };
}
