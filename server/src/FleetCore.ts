import { randomUUID } from "node:crypto"
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { makeDeviceCommandService } from "@fleetcore/api/shared"
import {
  type DeviceLinks,
  deviceVerifierKey,
  makeDeviceAuthenticator,
  makeDeviceIngress,
  makeDeviceLinks,
} from "@fleetcore/ingest"
import {
  Bus,
  type BusTransport,
  ClickHouse,
  type ClickHouseClient,
  makeLog,
  makeMetrics,
  Postgres,
  type PostgresClient,
  type RouteEntry,
  restartablePort,
} from "@fleetcore/platform"
import uws from "@trufflesuite/uws-js-unofficial"
import { Effect, ManagedRuntime, Option, Redacted } from "effect"
import type { AppConfig } from "./AppConfig.js"
import { documentStoreOf } from "./documentStore.js"
import { jwtSecret } from "./jwtSecret.js"
import { loadConfig } from "./loadConfig.js"
import { lockDataDir } from "./lockDataDir.js"
import { registerIngestRoutes, startDeviceListeners } from "./roles/IngestRole.js"
import { announceDeviceChange, type DeviceChange, followIngestSignals } from "./roles/ingestSignals.js"
import { ROLES, type Role } from "./roles/Roles.js"
import { registerRoleHealth } from "./roles/registerRoleHealth.js"
import { ENGINE_OPTIONS, positionsBufferFor, roleLayer } from "./roles/roleLayer.js"
import type { DemoSeed } from "./seedDemo.js"

export const VERSION = "0.1.0"

export interface RunningFleetCore {
  readonly httpUrl: string
  readonly mqttUrl: string
  readonly mqttWsUrl: string
  /** The Teltonika TCP port listened on; null when FLEET_TELTONIKA_PORT is 0. */
  readonly teltonikaPort: number | null
  /** The GT06 TCP port listened on; null when FLEET_GT06_PORT is 0. */
  readonly gt06Port: number | null
  /** Connected trackers' command links (GT06 sessions attach theirs). */
  readonly deviceLinks: DeviceLinks
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

const present = <T>(value: T | null, what: string): T => {
  if (value === null) throw new Error(`FleetCore with every role has no ${what}`)
  return value
}

/**
 * FleetCore with every role in this process (`all`, the embedded default): what `npm start` and
 * `startFleetCore` run. The same wiring as the roles run apart (`runRoles`).
 */
export const runFleetCore = async (config: AppConfig): Promise<RunningFleetCore> => {
  const running = await runRoles({ ...config, roles: ROLES })
  return {
    ...running,
    mqttUrl: present(running.mqttUrl, "MQTT listener"),
    mqttWsUrl: present(running.mqttWsUrl, "MQTT WebSocket listener"),
    deviceLinks: present(running.deviceLinks, "device links"),
    ch: present(running.ch, "ClickHouse"),
  }
}

export interface RunningRoles {
  readonly roles: ReadonlyArray<Role>
  /** The process's HTTP port: the API and dashboard, HTTP ingest, or health and metrics alone. */
  readonly httpUrl: string
  /** The ingest role's listeners; null in a process without it. */
  readonly mqttUrl: string | null
  readonly mqttWsUrl: string | null
  readonly teltonikaPort: number | null
  readonly gt06Port: number | null
  readonly deviceLinks: DeviceLinks | null
  /** The demo organisation, seeded by the API role. */
  readonly demo: DemoSeed | null
  readonly db: PostgresClient
  /** null in a process with neither the engine nor the API (ingest alone). */
  readonly ch: ClickHouseClient | null
  readonly bus: BusTransport
  readonly routes: ReadonlyArray<RouteEntry>
  readonly stop: () => Promise<void>
}

/**
 * The composition root: builds the stores, bus and engine as Effect layers (embedded or
 * scale-out, chosen by configuration), then, by role, the HTTP API with the live hub and workers
 * (`api`), HTTP ingest and the device listeners (`ingest`); the engine (`engine`) is a layer. A
 * process without the API serves health and metrics on its HTTP port. With every role, the demo
 * organisation is seeded and the built-in simulator drives it.
 */
export const runRoles = async (config: AppConfig): Promise<RunningRoles> => {
  const { roles } = config
  const has = (role: Role) => roles.includes(role)
  const log = makeLog(config.logLevel)
  const metrics = makeMetrics()
  const dataDir = resolve(config.dataDir)
  const postgresPort = config.postgresPort === 0 ? await restartablePort() : config.postgresPort
  const unlock = await lockDataDir(dataDir)
  const runtime = ManagedRuntime.make(
    roleLayer({
      config,
      roles,
      dataDir,
      postgresPort,
      log,
      metrics,
      engine: {
        ...ENGINE_OPTIONS,
        ...positionsBufferFor(config),
        ruleSnapshotMs: config.ruleSnapshotSeconds * 1000,
        rulesThread: config.rulesThread === "worker",
      },
    }),
  )

  const cleanups: Array<() => Promise<void>> = [unlock, () => runtime.dispose()]
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => log.error({ err: error }, "shutdown step failed"))
    }
  }
  try {
    const services = await runtime.runPromise(
      Effect.gen(function* () {
        const ch = yield* Effect.serviceOption(ClickHouse)
        return { db: yield* Postgres, ch: Option.getOrNull(ch), bus: yield* Bus }
      }),
    )
    const documents = documentStoreOf(config.documentsS3, dataDir)
    cleanups.unshift(async () => documents.close())
    // The API's package and the demo's seeding are loaded where the API runs: an ingest or engine
    // process does without their modules (about 25 MiB of resident memory).
    const apiSide = has("api")
      ? { api: await import("@fleetcore/api"), demo: await import("./roles/demoStart.js") }
      : null
    const demo =
      apiSide === null
        ? null
        : await apiSide.demo.seedDemoData(config, services, documents.store, dataDir, log)

    const serverKey = await jwtSecret(config.jwtSecret, dataDir)
    const http = uws.App()
    const ingest = has("ingest")
      ? {
          auth: makeDeviceAuthenticator({
            db: services.db.system,
            cacheTtlMs: 60_000,
            verifierKey: deviceVerifierKey(serverKey),
          }),
          ingress: makeDeviceIngress({ bus: services.bus, metrics }),
          links: makeDeviceLinks(),
          log,
          metrics,
        }
      : null
    // The command queue: the API queues, the process holding the device's connection delivers.
    const commands =
      has("api") || ingest !== null
        ? makeDeviceCommandService({ db: services.db, bus: services.bus, log, links: ingest?.links ?? null })
        : null
    if (commands !== null) cleanups.push(async () => commands.close())
    if (ingest !== null && commands !== null) {
      registerIngestRoutes(http, ingest)
      const follower = await followIngestSignals(
        services.db.system,
        { cache: ingest.auth, commands, connected: ingest.links.connected },
        log,
      )
      cleanups.push(follower.close)
    }
    /** A device or organisation changed through this process: every ingest process forgets it now. */
    const announce = (change: DeviceChange) => {
      if (change.kind === "device") ingest?.auth.forget(change.id)
      else ingest?.auth.forgetOrganisation(change.id)
      announceDeviceChange(services.db.system, change).catch((error: unknown) =>
        log.warn({ err: error, change }, "could not announce a device change to the ingest processes"),
      )
    }
    const metricsToken = Option.match(config.metricsToken, { onNone: () => null, onSome: Redacted.value })
    let routes: ReadonlyArray<RouteEntry> = []
    if (apiSide !== null) {
      log.info({ store: documents.store.kind }, "documents storage")
      const api = await apiSide.api.registerApi(http, {
        ...services,
        ch: present(services.ch, "ClickHouse"),
        tokens: apiSide.api.makeTokens({
          secret: serverKey,
          accessTtlS: config.accessTokenTtlS,
          refreshTtlS: config.refreshTokenTtlS,
        }),
        log,
        metrics,
        instanceId: randomUUID(),
        version: VERSION,
        mapStyleUrl: Option.getOrNull(config.mapStyleUrl),
        metricsToken,
        dashboardDir: dashboardDist(),
        // Device authentication caches for 60 s; a change announced over PostgreSQL reaches every
        // ingest process at once (`deviceChanges.ts`), whichever process the API call came to.
        onDeviceChanged: (id) => announce({ kind: "device", id }),
        onOrganisationChanged: (id) => announce({ kind: "organisation", id }),
        publicUrl: Option.getOrNull(config.publicUrl),
        checkResponses: config.checkResponses,
        cookieSecure: config.cookieSecure,
        documents: documents.store,
        commands: present(commands, "the command queue"),
      })
      // The live feed is closed last, after the engine drained: it may still push positions while it
      // stops. The notifications worker stops before PostgreSQL does (cleanups run newest first);
      // events raised meanwhile wait in their table for the next start.
      cleanups.unshift(api.close)
      cleanups.push(api.closeWorkers)
      routes = api.routes
    } else registerRoleHealth(http, { ...services, log, metrics, metricsToken, version: VERSION })
    const listenSocket = await new Promise<uws.us_listen_socket>((ok, fail) =>
      http.listen(config.host, config.httpPort, (socket) =>
        socket ? ok(socket) : fail(new Error(`cannot listen on ${config.host}:${config.httpPort}`)),
      ),
    )
    cleanups.push(async () => uws.us_listen_socket_close(listenSocket))
    const httpPort = uws.us_socket_local_port(listenSocket as unknown as uws.us_socket)

    const localHost = config.host === "0.0.0.0" ? "127.0.0.1" : config.host
    const listeners = ingest === null ? null : await startDeviceListeners(config, ingest)
    if (listeners !== null) cleanups.push(...listeners.closers)
    const mqttUrl = listeners === null ? null : `mqtt://${localHost}:${listeners.mqttPort}`
    if (
      apiSide !== null &&
      demo !== null &&
      demo.devices.length > 0 &&
      listeners !== null &&
      mqttUrl !== null
    ) {
      cleanups.push(
        await apiSide.demo.startDemoSimulator(config, services.db, demo, mqttUrl, localHost, listeners, log),
      )
    }
    return {
      roles,
      httpUrl: Option.getOrElse(config.publicUrl, () => `http://${localHost}:${httpPort}`),
      mqttUrl,
      mqttWsUrl: listeners === null ? null : `ws://${localHost}:${listeners.mqttWsPort}`,
      teltonikaPort: listeners?.teltonikaPort ?? null,
      gt06Port: listeners?.gt06Port ?? null,
      deviceLinks: ingest?.links ?? null,
      demo,
      ...services,
      routes,
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
  /** Omitted or 0: no Teltonika listener (tests that need one pass a free port). */
  readonly teltonikaPort?: number
  /** Omitted or 0: no GT06 listener. */
  readonly gt06Port?: number
  readonly postgresPort?: number
  /** Built-in simulator vehicles; 0 for none. Default 0. */
  readonly simulatorVehicles?: number
  readonly simulatorIntervalMs?: number
  /** FLEET_RULE_SNAPSHOT_SECONDS: how often a vehicle's whole rule state is written, at most. */
  readonly ruleSnapshotSeconds?: number
  readonly demoAdminPassword?: string
  readonly logLevel?: string
  readonly metricsToken?: string
  /** The demo fleet's size; `small` (accounts and simulator vehicles only) unless asked. */
  readonly demoScale?: "full" | "small"
  /** FLEET_MAP_STYLE_URL: the dashboard's map style; none, the bundled offline basemap. */
  readonly mapStyleUrl?: string
  /** DATABASE_URL: a PostgreSQL server (its owner) instead of the embedded one. */
  readonly databaseUrl?: string
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
  if (options.ruleSnapshotSeconds !== undefined)
    env.FLEET_RULE_SNAPSHOT_SECONDS = String(options.ruleSnapshotSeconds)
  if (options.demoAdminPassword !== undefined) env.FLEET_DEMO_ADMIN_PASSWORD = options.demoAdminPassword
  if (options.metricsToken !== undefined) env.FLEET_METRICS_TOKEN = options.metricsToken
  if (options.mapStyleUrl !== undefined) env.FLEET_MAP_STYLE_URL = options.mapStyleUrl
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl
  // Started this way by tests: every answer is checked against its declared schema.
  env.FLEET_API_CHECK_RESPONSES = "true"
  const config = await loadConfig(env)
  return runFleetCore({
    ...config,
    httpPort: options.httpPort ?? 0,
    mqttPort: options.mqttPort ?? 0,
    mqttWsPort: options.mqttWsPort ?? 0,
    teltonikaPort: options.teltonikaPort ?? 0,
    gt06Port: options.gt06Port ?? 0,
    postgresPort: options.postgresPort ?? 0,
  })
}
