# The send-graph API. On its own it serves the embedded store; docker-compose.yml points it at Neo4j.
# Three stages: the build (every dependency: esbuild, vite) makes dist/cli.js and the explorer
# page, web/dist; the production dependencies are installed apart; the image holds only those, the
# bundle, the page, schema/ and seeds/.

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts ./scripts
COPY src ./src
COPY web ./web
RUN npm run build && npm run build:web

FROM node:24-bookworm-slim AS production-dependencies
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
WORKDIR /app
# production: graphql-js skips its development checks, logs are JSON.
ENV NODE_ENV=production
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY schema ./schema
COPY seeds ./seeds
# The image's files belong to root and cannot be changed by the server; the embedded store's
# cache (CACHE_DIR) goes to the node user's home, /home/node/.cache/send-graph.
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# exec, so that SIGTERM reaches the server and it drains before stopping.
CMD ["sh", "-c", "if [ -n \"$NEO4J_URI\" ]; then node dist/cli.js seed || exit 1; fi; exec node dist/cli.js serve"]
