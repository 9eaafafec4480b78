import { join } from "node:path"
import { EngineLayer, type EngineOptions } from "@fleetcore/engine"
import {
  AppLog,
  Bus,
  ChdbLayer,
  ClickHouse,
  ClickHouseServerLayer,
  DurableLogBusLayer,
  EmbeddedPostgresLayer,
  instrumentBus,
  instrumentClickHouse,
  KafkaBusLayer,
  type Log,
  Metrics,
  type MetricsShape,
  makeInProcessBus,
  type Postgres,
  PostgresServerLayer,
} from "@fleetcore/platform"
import { Effect, Layer, Option } from "effect"
import type { AppConfig } from "../AppConfig.js"
import type { Role } from "./Roles.js"

/** The engine's timings in every process that runs it. */
export const ENGINE_OPTIONS: Omit<EngineOptions, "ruleSnapshotMs"> = {
  // A ClickHouse insert costs about 12 ms of CPU whatever its size (the part it makes, and the
  // merges after it), so under load the batches may grow this large; at 20,000 points/s the
  // 100 ms delay writes them at about 2,000 rows (docs/architecture.md, "ClickHouse inserts").
  flushRows: 40_000,
  flushDelayMs: 100,
  stateFlushMs: 1_000,
  tripCloseOutMs: 30_000,
  offlineCheckMs: 60_000,
  maintenanceCheckMs: 600_000,
  auditRetentionMs: 86_400_000,
}

/**
 * Where the engine's chDB and the durable log share its process: new points go to
 * `positions_buffer`, flushed into `positions` every `FLEET_POSITIONS_FLUSH_MS` (a second) or at
 * 20,000 rows, so chDB makes a part a second instead of ten (docs/architecture.md, "A Buffer in
 * front of positions"). 20,000 rows held until a flush are 2,500 records on each of the log's 8
 * partitions, under its 10,000 of lag.
 */
export const positionsBufferFor = (config: AppConfig): Pick<EngineOptions, "positionsBuffer"> =>
  config.bus.kind === "log" && Option.isNone(config.clickhouseUrl) && config.positionsFlushMs > 0
    ? { positionsBuffer: { maxRows: 20_000, maxDelayMs: config.positionsFlushMs } }
    : {}

/** What every role gets; ClickHouse is there too where the engine or the API runs. */
export type RoleServices = Postgres | Bus | AppLog | Metrics

/**
 * The stores, the bus and (for the engine role) the engine of one process, as one layer: embedded
 * or scale-out by configuration, and only what its roles use (an ingest process opens no
 * ClickHouse). Read ClickHouse with `Effect.serviceOption`.
 */
export const roleLayer = (options: {
  readonly config: AppConfig
  readonly roles: ReadonlyArray<Role>
  readonly dataDir: string
  readonly postgresPort: number
  readonly log: Log
  readonly metrics: MetricsShape
  readonly engine: EngineOptions
}): Layer.Layer<RoleServices, unknown> => {
  const { config, dataDir, log } = options
  const postgres = Option.match(config.databaseUrl, {
    onNone: () => EmbeddedPostgresLayer({ dataDir, port: options.postgresPort, poolSize: 10 }),
    onSome: (url) => PostgresServerLayer(url, 20),
  })
  // Acknowledged telemetry and dead letters go through the durable log on disk; live views
  // through the in-process bus (best effort). FLEET_BUS=kafka: every topic through Kafka.
  const transport =
    config.bus.kind === "kafka"
      ? KafkaBusLayer({
          brokers: config.bus.brokers,
          clientId: `fleetcore-${options.roles.join("-")}`,
          partitions: config.busPartitions,
          maxBatch: 5_000,
          queueCapacity: 20_000,
          log,
        })
      : DurableLogBusLayer({
          dir: join(dataDir, "bus"),
          partitions: config.busPartitions,
          segmentBytes: 16 * 1024 * 1024,
          diskBudgetBytes: config.busDiskBudgetBytes,
          publishTimeoutMs: 10_000,
          durability: config.busDurability,
          maxBatch: 5_000,
          memoryRecords: 20_000,
          maxLag: 10_000,
          log,
          ephemeral: makeInProcessBus({
            partitions: config.busPartitions,
            partitionCapacity: 20_000,
            maxBatch: 5_000,
            log,
          }),
        })
  // Every hop measured at the service boundary, whatever the implementation (see instrumentBus).
  const bus = Layer.effect(
    Bus,
    Effect.gen(function* () {
      return instrumentBus(yield* Bus, options.metrics)
    }),
  ).pipe(Layer.provide(transport))
  const shared = Layer.mergeAll(Layer.succeed(AppLog, log), Layer.succeed(Metrics, options.metrics))
  if (!options.roles.includes("engine") && !options.roles.includes("api"))
    return Layer.mergeAll(postgres, bus).pipe(Layer.provideMerge(shared))
  const clickhouse = Layer.effect(
    ClickHouse,
    Effect.gen(function* () {
      return instrumentClickHouse(yield* ClickHouse, options.metrics)
    }),
  ).pipe(
    Layer.provide(
      Option.match(config.clickhouseUrl, {
        onNone: () => ChdbLayer(dataDir),
        onSome: (url) => ClickHouseServerLayer(url),
      }),
    ),
  )
  // A ClickHouse server's migrations wait for PostgreSQL: their lock is an advisory lock there.
  const stores = Layer.mergeAll(clickhouse, bus).pipe(
    Layer.provideMerge(postgres),
    Layer.provideMerge(shared),
  )
  if (!options.roles.includes("engine")) return stores
  return EngineLayer(options.engine).pipe(Layer.provideMerge(stores))
}
