import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CSV_TABLES, type CsvTable } from '../export/csv-tables';
import { ExportTooLargeError } from '../export/graph-snapshot';
import { csvFile, EXPORT_FILES, ExportArgumentError, exportCsv, exportGraphML, GRAPHML_FILE, MAX_EXPORT_DEPTH, type ExportedFile } from '../export/exports';
import { StoreUnavailableError } from '../store/errors';
import type { GraphStore } from '../store/port';

export const EXPORT_PATH = '/export';

export interface ExportLimits {
  maxNodes: number;
  timeoutMs: number;
}

type Answer = (status: number, body: unknown) => void;
const error = (message: string, extensions: Record<string, unknown>) => ({ errors: [{ message, extensions }] });

class ExportTimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExportTimeoutError()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What GET /export answers: the files and how to ask for them. */
const catalogue = (limits: ExportLimits) => ({
  files: EXPORT_FILES.map((name) => `${EXPORT_PATH}/${name}`),
  graphml: {
    whole: `${EXPORT_PATH}/${GRAPHML_FILE}`,
    neighbourhood: `${EXPORT_PATH}/${GRAPHML_FILE}?id=sandwell&depth=2&sources=true`,
    depth: `1 to ${MAX_EXPORT_DEPTH}`,
  },
  limits: { nodes: limits.maxNodes, timeoutMs: limits.timeoutMs },
});

/**
 * GET /export/<file>: the same files as `npm run cli -- export`, under the API's limits: at most
 * EXPORT_MAX_NODES nodes, the request time limit, and a neighbourhood depth of 1 to 4.
 */
export async function answerExport(store: GraphStore, logger: Logger, limits: ExportLimits, path: string, params: URLSearchParams, res: ServerResponse, answerJson: Answer): Promise<void> {
  const name = path.slice(EXPORT_PATH.length).replace(/^\//, '');
  if (name === '') return answerJson(200, catalogue(limits));
  try {
    let file: ExportedFile;
    const table = CSV_TABLES.find((t) => csvFile(t) === name) as CsvTable | undefined;
    if (table) {
      [file] = await withTimeout(exportCsv(store, limits.maxNodes, [table]), limits.timeoutMs);
    } else if (name === GRAPHML_FILE) {
      const depthText = params.get('depth');
      const depth = depthText === null ? 1 : Number(depthText);
      const sources = params.get('sources');
      if (sources !== null && sources !== 'true' && sources !== 'false') throw new ExportArgumentError(`sources must be true or false; got "${sources}"`);
      file = await withTimeout(exportGraphML(store, limits.maxNodes, { id: params.get('id'), depth, withSources: sources !== 'false' }), limits.timeoutMs);
    } else {
      return answerJson(404, error(`No export named "${name}"; GET ${EXPORT_PATH} lists them: ${EXPORT_FILES.join(', ')}.`, { code: 'NOT_FOUND' }));
    }
    res.statusCode = 200;
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.name}"`);
    res.end(file.body);
  } catch (err) {
    if (err instanceof ExportArgumentError) answerJson(400, error(err.message, { code: 'BAD_USER_INPUT' }));
    else if (err instanceof ExportTooLargeError) answerJson(400, error(err.message, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'exportNodes', max: err.max }));
    else if (err instanceof ExportTimeoutError) {
      answerJson(503, error(`The export took longer than the ${limits.timeoutMs} ms request limit; export a neighbourhood (?id=...&depth=...) or use the CLI.`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'timeout', max: limits.timeoutMs }));
    } else if (err instanceof StoreUnavailableError) answerJson(503, error('The store cannot answer right now; try again shortly.', { code: 'UNAVAILABLE' }));
    else {
      logger.error({ err }, 'internal error exporting');
      answerJson(500, error('Internal server error', { code: 'INTERNAL_SERVER_ERROR' }));
    }
  }
}
