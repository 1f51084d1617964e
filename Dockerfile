# syntax=docker/dockerfile:1
# DevTrackr: compile in one stage, run the compiled server with production dependencies only.

# ---- build: every dependency, then tsc + the SQL migrations into dist/ ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies and dist/ only, as an unprivileged user ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the compiled server loads needs one (esbuild's, pulled in by tsx
# for `npm start`, only checks its binary).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# DATA_DIR holds the embedded database when DATABASE_URL is unset; the image's `node` user owns it.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
VOLUME ["/data"]
# No curl in the slim image: Node's own fetch asks /health (liveness, no database call).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The compiled server, exactly `npm run start:prod`; node is PID 1 and handles SIGTERM itself.
CMD ["node", "--max-old-space-size=128", "dist/src/server.js"]
