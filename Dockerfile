# syntax=docker/dockerfile:1
# DevTrackr: the API and the web app it serves at /app/. Compile both in one stage, run the compiled
# server with the API's production dependencies only. The build context is the repository root
# (npm workspaces); the image holds the API and the built web app (static files), nothing else.

# ---- build: the workspaces' dependencies, then the SDK, the quick-add grammar, the web app and
# ---- the API (tsc + the SQL migrations into dist/) ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps/api/package.json ./apps/api/
COPY apps/web/package.json ./apps/web/
COPY packages/client/package.json ./packages/client/
COPY packages/quick-add/package.json ./packages/quick-add/
COPY packages/sessions/package.json ./packages/sessions/
# Dev dependencies included (tsc, Vite). No install scripts: the packages' `prepare` builds need
# their sources, copied below, and nothing the builds run needs one (esbuild's only checks its
# binary, which npm installs as a platform package).
RUN npm ci -w @devtrackr/api -w @devtrackr/web -w @devtrackr/client -w @devtrackr/quick-add \
      -w @devtrackr/sessions \
      --ignore-scripts --no-audit --no-fund
COPY packages/client/tsconfig.json packages/client/tsconfig.build.json ./packages/client/
COPY packages/client/src ./packages/client/src
COPY packages/quick-add/tsconfig.json packages/quick-add/tsconfig.build.json ./packages/quick-add/
COPY packages/quick-add/src ./packages/quick-add/src
COPY packages/sessions/tsconfig.json packages/sessions/tsconfig.build.json ./packages/sessions/
COPY packages/sessions/src ./packages/sessions/src
COPY apps/web/index.html apps/web/tsconfig.json apps/web/vite.config.ts apps/web/vitest.config.ts ./apps/web/
COPY apps/web/public ./apps/web/public
COPY apps/web/scripts ./apps/web/scripts
COPY apps/web/src ./apps/web/src
# The web app imports the two packages by name (their dist/), so they are built first. The web
# build type-checks, bundles into apps/web/dist and writes the .br/.gz siblings the API serves.
RUN npm run build -w @devtrackr/client -w @devtrackr/quick-add && npm run build -w @devtrackr/web
COPY apps/api/tsconfig.json apps/api/tsconfig.build.json ./apps/api/
COPY apps/api/scripts ./apps/api/scripts
COPY apps/api/src ./apps/api/src
# The API imports @devtrackr/sessions (the heartbeat spans) by name: its dist/ first.
RUN npm run build -w @devtrackr/sessions && npm run build -w @devtrackr/api

# ---- runtime: the API's production dependencies, its dist/ and the web app's dist/, as an
# ---- unprivileged user ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json ./apps/api/
# The one workspace package the server loads at run time; npm ci links it, its dist/ comes below.
COPY packages/sessions/package.json ./packages/sessions/
# No install scripts: nothing the compiled server loads needs one (esbuild's, pulled in by tsx
# for `npm start`, only checks its binary).
RUN npm ci -w @devtrackr/api --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/dist ./apps/api/dist
COPY --from=build /app/packages/sessions/dist ./packages/sessions/dist
# Static files only (no node_modules): the API serves them at /app/ and finds them beside itself,
# /app/apps/web/dist (WEB_DIST_DIR's default, resolved from the API package's folder).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# DATA_DIR holds the embedded database when DATABASE_URL is unset; the image's `node` user owns it.
RUN mkdir -p /data && chown node:node /data
USER node
WORKDIR /app/apps/api
EXPOSE 8000
VOLUME ["/data"]
# No curl in the slim image: Node's own fetch asks /health (liveness, no database call).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The compiled server, exactly `npm run start:prod`; node is PID 1 and handles SIGTERM itself.
CMD ["node", "--max-old-space-size=128", "dist/src/server.js"]
