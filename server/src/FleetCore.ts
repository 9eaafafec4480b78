import { randomUUID } from "node:crypto"
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { makeTokens, registerApi } from "@fleetcore/api"
import { EngineLayer } from "@fleetcore/engine"
import {
  makeDeviceAuthenticator,
  makeDeviceIngress,
  registerHttpIngest,
  startMqttBroker,
} from "@fleetcore/ingest"
import {
  AppLog,
  Bus,
  type BusTransport,
  ChdbLayer,
  ClickHouse,
  type ClickHouseClient,
  ClickHouseServerLayer,
  DurableLogBusLayer,
  EmbeddedPostgresLayer,
  Metrics,
  makeInProcessBus,
  makeLog,
  makeMetrics,
  Postgres,
  type PostgresClient,
  PostgresServerLayer,
  type RouteEntry,
} from "@fleetcore/platform"
import uws from "@trufflesuite/uws-js-unofficial"
import { Effect, Layer, ManagedRuntime, Option, Redacted } from "effect"
import type { AppConfig } from "./AppConfig.js"
import { seedDemoFleet } from "./demo/seedDemoFleet.js"
import { documentStoreOf } from "./documentStore.js"
import { freePort } from "./freePort.js"
import { jwtSecret } from "./jwtSecret.js"
import { loadConfig } from "./loadConfig.js"
import { lockDataDir } from "./lockDataDir.js"
import { type DemoSeed, seedDemo } from "./seedDemo.js"

export const VERSION = "0.1.0"

export interface RunningFleetCore {
  readonly httpUrl: string
  readonly mqttUrl: string
  readonly mqttWsUrl: string
  readonly demo: DemoSeed | null
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  readonly bus: BusTransport
  /** Every HTTP route the API serves. */
  readonly routes: ReadonlyArray<RouteEntry>
  readonly stop: () => Promise<void>
}

const dashboardDist = (): string | null => {
  const require = createRequire(import.meta.url)
  try {
    const dir = join(dirname(require.resolve("@fleetcore/dashboard/package.json")), "dist")
    return existsSync(join(dir, "index.html")) ? resolve(dir) : null
  } catch {
    return null
  }
}

/**
 * The composition root: builds the stores, bus and engine as Effect layers (embedded or
 * scale-out, chosen by configuration), then the HTTP API, HTTP ingest and MQTT broker, seeds the
 * demo organisation and starts the built-in simulator. Every role runs in this one process.
 */
export const runFleetCore = async (config: AppConfig): Promise<RunningFleetCore> => {
  const log = makeLog(config.logLevel)
  const metrics = makeMetrics()
  const dataDir = resolve(config.dataDir)
  const postgresPort = config.postgresPort === 0 ? await freePort() : config.postgresPort

  const postgres = Option.match(config.databaseUrl, {
    onNone: () => EmbeddedPostgresLayer({ dataDir, port: postgresPort, poolSize: 10 }),
    onSome: (url) => PostgresServerLayer(url, 20),
  })
  const clickhouse = Option.match(config.clickhouseUrl, {
    onNone: () => ChdbLayer(dataDir),
    onSome: (url) => ClickHouseServerLayer(url),
  })
  // Acknowledged telemetry and dead letters go through the durable log on disk; live views
  // through the in-process bus (best effort).
  const bus = DurableLogBusLayer({
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
  const base = Layer.mergeAll(postgres, clickhouse, bus).pipe(
    Layer.provideMerge(Layer.mergeAll(Layer.succeed(AppLog, log), Layer.succeed(Metrics, metrics))),
  )
  const app = EngineLayer({
    flushRows: 10_000,
    flushDelayMs: 100,
    stateFlushMs: 1_000,
    tripCloseOutMs: 30_000,
    offlineCheckMs: 60_000,
    maintenanceCheckMs: 600_000,
    auditRetentionMs: 86_400_000,
  }).pipe(Layer.provideMerge(base))
  const unlock = await lockDataDir(dataDir)
  const runtime = ManagedRuntime.make(app)

  const cleanups: Array<() => Promise<void>> = [unlock, () => runtime.dispose()]
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => log.error({ err: error }, "shutdown step failed"))
    }
  }
  try {
    const services = await runtime.runPromise(
      Effect.gen(function* () {
        return { db: yield* Postgres, ch: yield* ClickHouse, bus: yield* Bus }
      }),
    )
    const documents = documentStoreOf(config.documentsS3, dataDir)
    cleanups.unshift(async () => documents.close())
    log.info({ store: documents.store.kind }, "documents storage")
    const demo = config.seedDemo
      ? await seedDemo(services.db, {
          dataDir,
          vehicles: config.simulatorVehicles,
          adminPassword: Option.match(config.demoAdminPassword, {
            onNone: () => null,
            onSome: Redacted.value,
          }),
        })
      : null
    if (demo !== null && config.demoScale === "full") {
      const fleet = await seedDemoFleet(services.db, documents.store, demo.orgId)
      if (fleet.seeded) log.info({ ms: fleet.ms, ...fleet.counts }, `demo fleet seeded in ${fleet.ms} ms`)
    }

    const tokens = makeTokens({
      secret: await jwtSecret(config.jwtSecret, dataDir),
      accessTtlS: config.accessTokenTtlS,
      refreshTtlS: config.refreshTokenTtlS,
    })
    const auth = makeDeviceAuthenticator({ db: services.db.system, cacheTtlMs: 60_000 })
    const ingress = makeDeviceIngress({ bus: services.bus, metrics })

    const http = uws.App()
    registerHttpIngest(http, { auth, ingress, log, metrics })
    const api = await registerApi(http, {
      ...services,
      tokens,
      log,
      metrics,
      instanceId: randomUUID(),
      version: VERSION,
      mapStyleUrl: Option.getOrNull(config.mapStyleUrl),
      metricsToken: Option.match(config.metricsToken, { onNone: () => null, onSome: Redacted.value }),
      dashboardDir: dashboardDist(),
      onDeviceChanged: auth.forget,
      onOrganisationChanged: auth.forgetOrganisation,
      publicUrl: Option.getOrNull(config.publicUrl),
      checkResponses: config.checkResponses,
      cookieSecure: config.cookieSecure,
      documents: documents.store,
    })
    // Closed last, after the engine drained: it may still push positions while it stops.
    cleanups.unshift(api.close)
    const listenSocket = await new Promise<uws.us_listen_socket>((ok, fail) =>
      http.listen(config.host, config.httpPort, (socket) =>
        socket ? ok(socket) : fail(new Error(`cannot listen on ${config.host}:${config.httpPort}`)),
      ),
    )
    cleanups.push(async () => uws.us_listen_socket_close(listenSocket))
    const httpPort = uws.us_socket_local_port(listenSocket as unknown as uws.us_socket)

    const mqtt = await startMqttBroker({
      host: config.host,
      port: config.mqttPort,
      wsPort: config.mqttWsPort,
      auth,
      ingress,
      log,
      metrics,
    })
    cleanups.push(mqtt.close)

    const localHost = config.host === "0.0.0.0" ? "127.0.0.1" : config.host
    const mqttUrl = `mqtt://${localHost}:${mqtt.port}`
    if (demo !== null && demo.devices.length > 0) {
      // Loaded only when used: the simulator is a load-generation tool, not part of the server.
      const { startSimulator } = await import("@fleetcore/load-tests")
      // Continue from where each demo vehicle stood, so a restart does not roll odometers back.
      const stood = await services.db.system.query<{
        id: string
        odometer_m: number | null
        fuel_level_pct: number | null
      }>(
        `SELECT d.id, s.odometer_m, s.fuel_level_pct FROM devices d JOIN vehicle_state s ON s.vehicle_id = d.vehicle_id
         WHERE d.id = ANY($1::text[])`,
        [demo.devices.map((d) => d.deviceId)],
      )
      const resume = new Map(stood.rows.map((r) => [r.id, r]))
      const simulator = await startSimulator({
        mqttUrl,
        devices: demo.devices.map((d) => {
          const r = resume.get(d.deviceId)
          return r?.odometer_m == null
            ? d
            : { ...d, resume: { odometerM: r.odometer_m, fuelLevelPct: r.fuel_level_pct } }
        }),
        intervalMs: config.simulatorIntervalMs,
        encoding: "mixed",
        log: (message) => log.debug({ simulator: true }, message),
      })
      cleanups.push(simulator.stop)
    }
    return {
      httpUrl: Option.getOrElse(config.publicUrl, () => `http://${localHost}:${httpPort}`),
      mqttUrl,
      mqttWsUrl: `ws://${localHost}:${mqtt.wsPort}`,
      demo,
      ...services,
      routes: api.routes,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

export interface StartOptions {
  readonly dataDir: string
  /** 0 or omitted: a free port. */
  readonly httpPort?: number
  readonly mqttPort?: number
  readonly mqttWsPort?: number
  readonly postgresPort?: number
  /** Built-in simulator vehicles; 0 for none. Default 0. */
  readonly simulatorVehicles?: number
  readonly simulatorIntervalMs?: number
  readonly demoAdminPassword?: string
  readonly logLevel?: string
  readonly metricsToken?: string
  /** The demo fleet's size; `small` (accounts and simulator vehicles only) unless asked. */
  readonly demoScale?: "full" | "small"
}

/**
 * FleetCore on loopback with embedded stores and free ports: for tests, benchmarks and embedding.
 * Every other setting takes its default.
 */
export const startFleetCore = async (options: StartOptions): Promise<RunningFleetCore> => {
  const env: Record<string, string> = {
    FLEET_DATA_DIR: options.dataDir,
    FLEET_HOST: "127.0.0.1",
    FLEET_SIMULATOR_VEHICLES: String(options.simulatorVehicles ?? 0),
    FLEET_LOG_LEVEL: options.logLevel ?? "warn",
    FLEET_DEMO_SCALE: options.demoScale ?? "small",
  }
  if (options.simulatorIntervalMs !== undefined)
    env.FLEET_SIMULATOR_INTERVAL_MS = String(options.simulatorIntervalMs)
  if (options.demoAdminPassword !== undefined) env.FLEET_DEMO_ADMIN_PASSWORD = options.demoAdminPassword
  if (options.metricsToken !== undefined) env.FLEET_METRICS_TOKEN = options.metricsToken
  // Started this way by tests: every answer is checked against its declared schema.
  env.FLEET_API_CHECK_RESPONSES = "true"
  const config = await loadConfig(env)
  return runFleetCore({
    ...config,
    httpPort: options.httpPort ?? 0,
    mqttPort: options.mqttPort ?? 0,
    mqttWsPort: options.mqttWsPort ?? 0,
    postgresPort: options.postgresPort ?? 0,
  })
}
