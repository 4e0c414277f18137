import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The explorer page and the query editor, served by the API at /explorer/ (see build-if-stale.mjs). */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/explorer/',
  logLevel: 'warn',
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // GraphiQL brings the Monaco editor: large, but served from this machine, never a CDN.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      input: { main: here('index.html'), graphiql: here('graphiql.html') },
      // React libraries mark modules "use client"/"use no memo"; bundled for the browser, the directives mean nothing.
      onLog: (level, log, handler) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handler(level, log)),
    },
  },
});
