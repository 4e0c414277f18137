import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import serveStatic from 'serve-static';

/** The explorer page's built files (web/dist, made by `npm run build:web` or `npm start`), served at /explorer/. */
export const EXPLORER_PATH = '/explorer';
export const EXPLORER_DIR = resolve(__dirname, '..', '..', 'web', 'dist');

export interface ExplorerFiles {
  /** False when the page has not been built: the API still serves, and / goes to /graphql. */
  built: boolean;
  serve(req: IncomingMessage, res: ServerResponse, path: string, notFound: () => void): void;
}

export function explorerFiles(dir = EXPLORER_DIR): ExplorerFiles {
  const built = existsSync(resolve(dir, 'index.html'));
  // Hashed assets never change; the HTML is re-read so that a rebuild shows at once.
  const files = serveStatic(dir, {
    index: ['index.html'],
    fallthrough: true,
    setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return {
    built,
    serve(req, res, path, notFound) {
      if (path === EXPLORER_PATH) {
        res.statusCode = 301;
        res.setHeader('location', `${EXPLORER_PATH}/`);
        res.end();
        return;
      }
      const url = req.url!;
      req.url = url.slice(EXPLORER_PATH.length) || '/';
      files(req, res, () => {
        req.url = url;
        notFound();
      });
    },
  };
}
