# The Hub as one container: the console and the token APIs in one Node process.
# CI cannot run Docker here; e2e/newcomer performs this file's install and start steps without it
# (it copies the paths named by the runtime stage's `COPY --from=build` lines).

# --- build: every dependency, then `npm run build` (Next.js output and the server's JavaScript)
FROM node:24-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && rm -rf .next/cache

# --- runtime: production dependencies only, the build output, a user without privileges
FROM node:24-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/next.config.js ./next.config.js
COPY --from=build /app/lib/cli/run.mjs ./lib/cli/run.mjs
USER node
EXPOSE 3000
# Liveness only (no database): readiness, which asks the database, is /api/ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/v1/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations also run at every start (one at a time across instances); `npm run db:migrate` runs them alone.
CMD ["node", "--enable-source-maps", "dist/server/start.js"]
