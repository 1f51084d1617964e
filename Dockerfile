# syntax=docker/dockerfile:1
# DevTrackr's API: compile in one stage, run the compiled server with production dependencies only.
# The build context is the repository root (npm workspaces); the image holds the API alone.

# ---- build: the API workspace's dependencies, then tsc + the SQL migrations into dist/ ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps/api/package.json ./apps/api/
RUN npm ci -w @devtrackr/api --no-audit --no-fund
COPY apps/api/tsconfig.json apps/api/tsconfig.build.json ./apps/api/
COPY apps/api/scripts ./apps/api/scripts
COPY apps/api/src ./apps/api/src
RUN npm run build -w @devtrackr/api

# ---- runtime: production dependencies and dist/ only, as an unprivileged user ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json ./apps/api/
# No install scripts: nothing the compiled server loads needs one (esbuild's, pulled in by tsx
# for `npm start`, only checks its binary).
RUN npm ci -w @devtrackr/api --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/dist ./apps/api/dist
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
