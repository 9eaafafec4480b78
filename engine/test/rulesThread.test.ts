import type { Worker } from "node:worker_threads"
import { type ClickHouseClient, makeLog } from "@fleetcore/platform"
import type { DeviceId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import type { AlertRow } from "../src/AlertSink.js"
import { RulesRunner } from "../src/RulesRunner.js"
import { type Rules, RulesThread } from "../src/RulesThread.js"
import {
  DAILY_MILEAGE_COLUMNS,
  DRIVER_MILEAGE_COLUMNS,
  FUEL_EVENT_COLUMNS,
  type RowSink,
  TRIP_COLUMNS,
} from "../src/ruleOutputs.js"
import { destinationPoint, type LatLon } from "../src/rules/geo.js"
import { useTestFleet } from "./testFleet.js"

// Two vehicles run on this thread, the same two streams on the rules thread under other ids; two
// more for a thread that dies.
const fleet = useTestFleet("rules-thread", 6)

const T0 = Date.UTC(2026, 11, 5, 6, 0, 0)
const HOME: LatLon = { lat: 43.24, lon: 76.9 }

/**
 * A day of one vehicle, as batches of points arriving together: a drive, a long stop (the trip
 * ends), a second drive over midnight UTC; with an odometer that rolls back once (an alert) for
 * the first vehicle, GPS alone for the second.
 */
const stream = (vehicleId: VehicleId, place: number): TelemetryRecord[][] => {
  const withOdometer = place === 0
  const points: TelemetryRecord[] = []
  let metres = 0
  let odometerM = 48_000_000
  let timeMs = T0
  const add = (speedMps: number, stepS: number) => {
    timeMs += stepS * 1000
    metres += speedMps * stepS
    odometerM += Math.round(speedMps * stepS)
    const at = destinationPoint(HOME, 30, metres)
    points.push({
      orgId: fleet.orgId,
      vehicleId,
      deviceId: `tracker-${place}` as DeviceId,
      timeMs,
      receivedAtMs: timeMs + 700,
      lat: at.lat,
      lon: at.lon,
      speedMps,
      ignition: speedMps > 0,
      satellites: 10,
      hdop: 0.8,
      ...(withOdometer ? { odometerM: points.length === 150 ? odometerM - 40_000 : odometerM } : {}),
    })
  }
  for (let i = 0; i < 120; i++) add(14, 10)
  for (let i = 0; i < 90; i++) add(0, 20)
  timeMs = Date.UTC(2026, 11, 5, 23, 50, 0)
  for (let i = 0; i < 120; i++) add(16, 10)
  const batches: TelemetryRecord[][] = []
  for (let i = 0; i < points.length; i += 7) batches.push(points.slice(i, i + 7))
  return batches
}

/** Rounds of batches of the vehicles' streams (each round one batch of each), `[from, to)`. */
const feed = async (rules: Rules, vehicles: ReadonlyArray<VehicleId>, from = 0, to = Infinity) => {
  const streams = vehicles.map((v, place) => stream(v, place))
  const rounds = Math.min(to, Math.max(...streams.map((s) => s.length)))
  for (let k = from; k < rounds; k++) await rules.process(streams.flatMap((s) => s[k] ?? []))
}

/** The end of the day: trips of vehicles silent for long close on the server clock; all stored. */
const finish = async (rules: Rules) => {
  await rules.tick(Date.UTC(2026, 11, 6, 3, 0, 0))
  await rules.drain()
  await rules.snapshot()
}

/** Every vehicle's points, then `finish`; what was stored (`stored`). */
const runPath = async (rules: Rules, vehicles: ReadonlyArray<VehicleId>, sinks: Sinks) => {
  await feed(rules, vehicles)
  await finish(rules)
  return stored(vehicles, sinks)
}

/** What one path stored: every derived row and every alert, with its vehicles named by place. */
const stored = async (vehicles: ReadonlyArray<VehicleId>, sinks: Sinks) => {
  const name = (value: unknown): unknown => {
    const at = vehicles.indexOf(value as VehicleId)
    return at < 0 ? value : `vehicle ${at}`
  }
  const { rows: alerts } = await fleet.db.system.query<Record<string, unknown>>(
    // An incident's alert is keyed by the incident's id (made by PostgreSQL): named by the incident.
    `SELECT a.vehicle_id, a.type, coalesce(i.kind || ' from ' || i.started_at, a.key) AS key, a.severity,
            a.status, a.opened_at, a.last_seen_at, a.occurrences, a.lat, a.lon, a.details
       FROM alerts a LEFT JOIN incidents i ON i.alert_id = a.id
      WHERE a.vehicle_id = ANY($1::uuid[]) ORDER BY a.vehicle_id, a.type, a.opened_at`,
    [vehicles],
  )
  const { rows: incidents } = await fleet.db.system.query<Record<string, unknown>>(
    `SELECT vehicle_id, driver_id, kind, started_at, ended_at, lat, lon, amount, unit, details
       FROM incidents WHERE vehicle_id = ANY($1::uuid[]) ORDER BY vehicle_id, kind, started_at`,
    [vehicles],
  )
  const { rows: states } = await fleet.db.system.query<{ vehicle_id: string; state: unknown }>(
    "SELECT vehicle_id, state FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])",
    [vehicles],
  )
  const withoutVersion = (rows: ReadonlyArray<ReadonlyArray<unknown>>, columns: ReadonlyArray<string>) =>
    rows.map((r) => r.filter((_, i) => columns[i] !== "version").map(name))
  return {
    trips: withoutVersion(sinks.trips.rows, TRIP_COLUMNS),
    dailyMileage: withoutVersion(sinks.dailyMileage.rows, DAILY_MILEAGE_COLUMNS),
    driverMileage: withoutVersion(sinks.driverMileage.rows, DRIVER_MILEAGE_COLUMNS),
    fuelEvents: withoutVersion(sinks.fuelEvents.rows, FUEL_EVENT_COLUMNS),
    alerts: alerts
      .map((a): Record<string, unknown> => ({ ...a, vehicle_id: name(a.vehicle_id) }))
      .sort((a, b) => String(a.vehicle_id).localeCompare(String(b.vehicle_id))),
    incidents: incidents
      .map((i) => ({ ...i, vehicle_id: name(i.vehicle_id) }))
      .sort((a, b) => String(a.vehicle_id).localeCompare(String(b.vehicle_id))),
    states: states
      .map((s) => ({ vehicle: name(s.vehicle_id), state: s.state }))
      .sort((a, b) => String(a.vehicle).localeCompare(String(b.vehicle))),
    alertsPushed: sinks.pushed.map((a) => ({ type: a.type, vehicle: name(a.vehicle_id) })),
  }
}

interface Sinks {
  readonly trips: { sink: RowSink; rows: Array<ReadonlyArray<unknown>> }
  readonly dailyMileage: { sink: RowSink; rows: Array<ReadonlyArray<unknown>> }
  readonly driverMileage: { sink: RowSink; rows: Array<ReadonlyArray<unknown>> }
  readonly fuelEvents: { sink: RowSink; rows: Array<ReadonlyArray<unknown>> }
  readonly pushed: AlertRow[]
}

const collecting = () => {
  const rows: Array<ReadonlyArray<unknown>> = []
  return {
    rows,
    sink: { add: async (batch: ReadonlyArray<ReadonlyArray<unknown>>) => void rows.push(...batch) },
  }
}
const makeSinks = (): Sinks => ({
  trips: collecting(),
  dailyMileage: collecting(),
  driverMileage: collecting(),
  fuelEvents: collecting(),
  pushed: [],
})

/** Vehicles seen for the first time, in order: neither path reads stored points. */
const noClickHouse = new Proxy({} as ClickHouseClient, {
  get: () => {
    throw new Error("ClickHouse is not read in this test")
  },
})

/** Collections the rules threads reported, by kind. */
const collections = new Map<string, number>()

const rulesThread = (sinks: Sinks, ch: ClickHouseClient) =>
  new RulesThread({
    log: makeLog("silent"),
    db: fleet.db.system,
    ch,
    trips: sinks.trips.sink,
    dailyMileage: sinks.dailyMileage.sink,
    driverMileage: sinks.driverMileage.sink,
    fuelEvents: sinks.fuelEvents.sink,
    onAlertOpened: async (row) => void sinks.pushed.push(row),
    onAlertChanged: async () => undefined,
    onLateBeyondWindow: () => undefined,
    onGc: (kind) => collections.set(kind, (collections.get(kind) ?? 0) + 1),
    snapshotEveryMs: 60_000,
  })

const onThisThread = (sinks: Sinks) =>
  new RulesRunner({
    db: fleet.db.system,
    ch: noClickHouse,
    trips: sinks.trips.sink,
    dailyMileage: sinks.dailyMileage.sink,
    driverMileage: sinks.driverMileage.sink,
    fuelEvents: sinks.fuelEvents.sink,
    onAlertOpened: async (row) => void sinks.pushed.push(row),
    log: makeLog("silent"),
    snapshotEveryMs: 60_000,
  })

/** Snapshots, alerts and incidents of these vehicles gone (a retry starts from nothing). */
const clear = async (vehicles: ReadonlyArray<VehicleId>) => {
  for (const table of ["vehicle_rule_state", "alerts", "incidents"])
    await fleet.db.system.query(`DELETE FROM ${table} WHERE vehicle_id = ANY($1::uuid[])`, [vehicles])
}

describe("rules on their own thread", () => {
  it("store exactly what the rules on the engine's thread store, for the same points", async () => {
    const [a0, a1, b0, b1] = fleet.vehicleIds as [VehicleId, VehicleId, VehicleId, VehicleId]
    await clear([a0, a1, b0, b1])
    const here = makeSinks()
    const expected = await runPath(onThisThread(here), [a0, a1], here)
    // The streams derive something of every kind compared (else the comparison proves little).
    expect(expected.trips.length).toBeGreaterThanOrEqual(2)
    expect(new Set(expected.dailyMileage.map((r) => r[2]))).toEqual(new Set(["2026-12-05", "2026-12-06"]))
    expect(expected.alerts.map((a) => a.type)).toContain("odometer_rollback")
    expect(expected.incidents).toHaveLength(1)
    expect(expected.states).toHaveLength(2)

    const there = makeSinks()
    const thread = rulesThread(there, noClickHouse)
    try {
      expect(await runPath(thread, [b0, b1], there)).toEqual(expected)
      // Its collections reach the engine's thread (for /metrics).
      expect(collections.get("minor")).toBeGreaterThan(0)
    } finally {
      await thread.close()
    }
  })

  it("replaces a thread that died, whose vehicles go on from their snapshots", async () => {
    const [a0, a1, , , c0, c1] = fleet.vehicleIds as VehicleId[]
    const reference = [a0, a1] as VehicleId[]
    const dying = [c0, c1] as VehicleId[]
    await clear([...reference, ...dying])
    const here = makeSinks()
    const expected = await runPath(onThisThread(here), reference, here)

    // Nothing is stored in ClickHouse after the snapshots below: the new thread's catch-up reads
    // no points (and must ask, through this thread).
    const asked: string[] = []
    const ch = {
      ...noClickHouse,
      query: async (sql: string) => {
        asked.push(sql)
        return []
      },
    } as ClickHouseClient
    const there = makeSinks()
    const thread = rulesThread(there, ch)
    try {
      await feed(thread, dying, 0, 25)
      await thread.drain()
      await thread.snapshot()
      const worker = (thread as unknown as { worker: Worker }).worker
      const exited = new Promise((resolve) => worker.once("exit", resolve))
      await worker.terminate()
      await exited
      await feed(thread, dying, 25)
      await finish(thread)
      expect(asked).toHaveLength(2)
      expect(await stored(dying, there)).toEqual(expected)
    } finally {
      await thread.close()
    }
  })
})
