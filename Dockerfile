# Multi-stage image: build with dev dependencies, prune them, ship only production dependencies
# and dist/. Node.js 24 is the current LTS line (20 and 22 are tested too: README "Node.js").
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# sqlite3 is compiled from source when no prebuilt binary can be downloaded (as behind a closed
# firewall), so a compiler is at hand; secp256k1 ships prebuilt binaries for linux-x64.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Behind a TLS-inspecting proxy, give npm the proxy's CA bundle as a build secret (never stored
# in a layer): docker build --secret id=ca_bundle,src=corporate-ca.pem .
RUN --mount=type=secret,id=ca_bundle,required=false \
    if [ -s /run/secrets/ca_bundle ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca_bundle; fi \
 && npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY src ./src
# Native modules are compiled once, above: pruning keeps them instead of installing again.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DB_SOURCE=/data/messagebox.db
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Pending migrations are applied by the server itself at start-up, under a lock. The old-space
# cap makes V8 collect garbage before the heap balloons (peak RSS ~180 MB instead of ~360 MB
# under load, CPU per request unchanged: npm run bench); two malloc arenas keep native memory low.
ENV MALLOC_ARENA_MAX=2
CMD ["node", "--max-old-space-size=384", "dist/main.js"]
