import type { ClickHouseClient, DocumentStore, Log, PostgresClient } from "@fleetcore/platform"
import { Option, Redacted } from "effect"
import type { AppConfig } from "../AppConfig.js"
import { seedDemoDriving } from "../demo/demoDriving.js"
import { seedDemoFuel } from "../demo/demoFuel.js"
import { demoTimeZone, demoTripsFrom, seedDemoTrips } from "../demo/demoTrips.js"
import { seedDemoFleet } from "../demo/seedDemoFleet.js"
import { type DemoSeed, seedDemo } from "../seedDemo.js"
import type { DeviceListeners } from "./IngestRole.js"

/**
 * The demo organisation (FLEET_SEED_DEMO), seeded by the process with the API role; with
 * FLEET_DEMO_SCALE=full also the fleet at scale with a year of records. Null when not asked for.
 */
export const seedDemoData = async (
  config: AppConfig,
  services: { readonly db: PostgresClient; readonly ch: ClickHouseClient | null },
  documents: DocumentStore,
  dataDir: string,
  log: Log,
): Promise<DemoSeed | null> => {
  if (!config.seedDemo) return null
  // API processes started together (roles apart) seed one after another: the first seeds, the
  // others find the demo there.
  const lock = await services.db.system.connect()
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [DEMO_SEED_LOCK])
    return await seedUnlocked(config, services, documents, dataDir, log)
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [DEMO_SEED_LOCK]).catch(() => undefined)
    lock.release()
  }
}

const DEMO_SEED_LOCK = 7_355_608_002

const seedUnlocked = async (
  config: AppConfig,
  services: { readonly db: PostgresClient; readonly ch: ClickHouseClient | null },
  documents: DocumentStore,
  dataDir: string,
  log: Log,
): Promise<DemoSeed> => {
  const demo = await seedDemo(services.db, {
    dataDir,
    vehicles: config.simulatorVehicles,
    trackers: { teltonika: config.teltonikaPort !== 0, gt06: config.gt06Port !== 0 },
    adminPassword: Option.match(config.demoAdminPassword, {
      onNone: () => null,
      onSome: Redacted.value,
    }),
  })
  const ch = services.ch
  if (config.demoScale !== "full" || ch === null) return demo
  const fleet = await seedDemoFleet(services.db, documents, demo.orgId)
  if (!fleet.seeded) return demo
  log.info({ ms: fleet.ms, ...fleet.counts }, `demo fleet seeded in ${fleet.ms} ms`)
  log.info(await seedDemoFuel(services.db, ch, demo.orgId, new Date()), "demo fuel seeded")
  // A year of driving from the refuels' odometers, then the last weeks trip by trip.
  const today = new Date()
  const zone = await demoTimeZone(services.db, demo.orgId)
  log.info(
    await seedDemoDriving(services.db, ch, demo.orgId, demoTripsFrom(today, zone)),
    "demo driving seeded",
  )
  log.info(await seedDemoTrips(services.db, ch, demo.orgId, today), "demo trips seeded")
  return demo
}

/**
 * The built-in simulator driving the demo vehicles into this process's own listeners (so only
 * where the API and ingest roles run together). Returns its stop.
 */
export const startDemoSimulator = async (
  config: AppConfig,
  db: PostgresClient,
  demo: DemoSeed,
  mqttUrl: string,
  host: string,
  listeners: DeviceListeners,
  log: Log,
): Promise<() => Promise<void>> => {
  // Loaded only when used: the simulator is a load-generation tool, not part of the server.
  const { startSimulator } = await import("@fleetcore/load-tests")
  // Continue from where each demo vehicle stood, so a restart does not roll odometers back.
  const stood = await db.system.query<{
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
    trackers: { host, teltonikaPort: listeners.teltonikaPort, gt06Port: listeners.gt06Port },
    encoding: "mixed",
    log: (message) => log.debug({ simulator: true }, message),
  })
  return simulator.stop
}
