# syntax=docker/dockerfile:1
# One image, four commands: `sre-agent serve` (the default), `sre-k8s-mcp`, `sre-aws-cost-mcp` and
# `sre-aws-core-mcp` (each `--transport http --host 0.0.0.0` to serve MCP over HTTP). The build steps
# live in scripts/docker-build.sh, which test/docker.test.ts runs too (no Docker engine runs in CI).
#   docker build -t sre-agent .
#   docker run --rm -p 127.0.0.1:8000:8000 -e GOOGLE_API_KEY=... sre-agent
#   docker run --rm -i sre-agent sre-k8s-mcp            # stdio, for an MCP client
# Pin NODE_IMAGE by digest (node:24-bookworm-slim@sha256:...) for reproducible builds.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# The manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY servers/aws-shared/package.json servers/aws-shared/
COPY servers/k8s/package.json servers/k8s/
COPY servers/aws-cost/package.json servers/aws-cost/
COPY servers/aws-core/package.json servers/aws-core/
COPY orchestrator/package.json orchestrator/
COPY test/package.json test/
COPY scripts/ scripts/
RUN sh scripts/docker-build.sh deps
COPY . .
# `npm run build`: tsc, a self-contained bundle per server (its SDKs inside), the web page, the dev UI.
RUN sh scripts/docker-build.sh build \
 && sh scripts/docker-build.sh assemble /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    PATH=/app/node_modules/.bin:$PATH
WORKDIR /app
COPY --from=build /out/ ./
COPY scripts/docker-build.sh scripts/docker-entrypoint.sh scripts/docker-healthcheck.js scripts/
# Production dependencies of the orchestrator only: the servers' SDKs are inside their bundles. PGlite's
# directory (used when DATABASE_URL is unset) is the one place the non-root user writes.
RUN sh scripts/docker-build.sh install . \
 && npm cache clean --force \
 && mkdir -p data \
 && chown node:node data
USER node
EXPOSE 8000 8080
# slim has no curl. SRE_HEALTH_URL: the servers' HTTP mode answers at :8080/healthz instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/scripts/docker-healthcheck.js"]
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["sre-agent", "serve"]
