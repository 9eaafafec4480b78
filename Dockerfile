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
# A young generation of up to 128 MiB per semi-space: ingest allocates fast and short-lived, and
# each scavenge copies what is in flight, so fewer scavenges cost less than V8's 16 MiB default.
# 128 rather than 256 (or 512): as fast, and 150-490 MiB less memory at peak (docs/architecture.md,
# "The young generation's ceiling, again", issue 13).
ENTRYPOINT ["node", "--max-semi-space-size=128", "server/dist/cli.js"]
CMD ["all"]
