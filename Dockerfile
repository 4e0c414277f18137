# The send-graph API. On its own it serves the embedded store; docker-compose.yml points it at Neo4j.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=development \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# npm install rather than npm ci: it also fetches the optional native packages of the image's
# platform (esbuild's, for tsx) that a lockfile written on another platform may leave out.
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY schema ./schema
COPY seeds ./seeds
COPY src ./src
COPY tsconfig.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# exec, so that SIGTERM reaches the server and it drains before stopping.
CMD ["sh", "-c", "if [ -n \"$NEO4J_URI\" ]; then node_modules/.bin/tsx src/cli.ts seed || exit 1; fi; exec node_modules/.bin/tsx src/cli.ts serve"]
