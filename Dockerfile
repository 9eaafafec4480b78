# FleetCore's image: one image for every role; the command picks it (`all`, `ingest`, `engine`,
# `api`, or a list such as `engine,api`). docker-compose.yml runs the scale-out stack from it.
# Node 20 on Debian bookworm (glibc 2.36): the native uWebSockets.js build FleetCore uses has
# binaries for Node <= 20 (docs/architecture.md, "Facts checked").
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production FLEET_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# HTTP (API, HTTP ingest or health), MQTT, MQTT over WebSocket, Teltonika, GT06.
EXPOSE 8080 1883 8083 5027 5023
# A young generation of up to 512 MiB per semi-space: ingest allocates fast and short-lived, and
# each scavenge copies what is in flight, so fewer scavenges cost less: 512 MiB carried about 29 %
# more points per second than 128 MiB (docs/architecture.md, issue 13). V8 grows it only under load.
ENTRYPOINT ["node", "--max-semi-space-size=512", "server/dist/cli.js"]
CMD ["all"]
