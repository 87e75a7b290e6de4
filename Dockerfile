# syntax=docker/dockerfile:1
# The Open Host Factory REST API. Build: docker build -t ohf-api .   Run: see compose.yaml.

# --- build: install everything the lockfile says, build, then keep production dependencies only
FROM node:22-bookworm-slim AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx nx run-many -t build -p @ohf/api @ohf/web --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .nx node_modules/.cache

# --- runtime: Node.js 22 LTS, no build tools, not root
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    HF_PROVIDER_CONFDIR=/etc/ohf \
    HF_PROVIDER_WORKDIR=/var/lib/ohf \
    HF_PROVIDER_LOGDIR=/var/lib/ohf/logs
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json /src/package-lock.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/packages ./packages
COPY --from=build --chown=root:root /src/apps/api ./apps/api
# The web console the API serves at / (static files only).
COPY --from=build --chown=root:root /src/apps/web/dist ./apps/web/dist
COPY --from=build --chown=root:root /src/examples/config /etc/ohf
RUN mkdir -p /var/lib/ohf/logs && chown -R node:node /var/lib/ohf
USER node
EXPOSE 8080
VOLUME ["/var/lib/ohf"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
