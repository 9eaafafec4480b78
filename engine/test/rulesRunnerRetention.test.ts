import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { type ClickHouseClient, makeLog } from "@fleetcore/platform"
import type { DeviceId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { RulesRunner } from "../src/RulesRunner.js"
import type { RowSink, Tracked } from "../src/ruleOutputs.js"
import { destinationPoint, type LatLon } from "../src/rules/geo.js"
import type { VehicleRulesState } from "../src/VehicleRules.js"
import { useTestFleet } from "./testFleet.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

const fleet = useTestFleet("retention", 3)

/** A row sink whose writes wait until `open` is called (a slow ClickHouse), then keep the rows. */
const heldSink = () => {
  let open: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  const rows: Array<ReadonlyArray<unknown>> = []
  const sink: RowSink = {
    add: async (batch) => {
      await gate
      rows.push(...batch)
    },
  }
  return { sink, rows, open: () => open() }
}

/** Lets the job that made a WeakRef end (it holds its target until then), then collects. */
const collect = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}

const T0 = Date.UTC(2026, 11, 5, 8, 0, 0)
const HOME: LatLon = { lat: 43.24, lon: 76.9 }

/** Point `i` of a vehicle driving north at 12 m/s, one every 10 s. */
const point = (vehicleId: VehicleId, i: number): TelemetryRecord => {
  const at = destinationPoint(HOME, 0, 120 * i)
  return {
    orgId: fleet.orgId,
    vehicleId,
    deviceId: `retention-${vehicleId}` as DeviceId,
    timeMs: T0 + i * 10_000,
    receivedAtMs: T0 + i * 10_000 + 500,
    lat: at.lat,
    lon: at.lon,
    speedMps: 12,
    ignition: true,
    satellites: 9,
    hdop: 0.9,
  }
}

describe("rules runner while its outputs are being written", () => {
  it("keeps at most two states a vehicle waiting (the oldest run's and the newest), and commits the newest", async () => {
    const daily = heldSink()
    const idle: RowSink = { add: async () => undefined }
    const runner = new RulesRunner({
      db: fleet.db.system,
      // Vehicles seen for the first time and in order: the runner has no stored points to read.
      ch: new Proxy({} as ClickHouseClient, {
        get: () => {
          throw new Error("ClickHouse is not read in this test")
        },
      }),
      trips: idle,
      dailyMileage: daily.sink,
      driverMileage: idle,
      fuelEvents: idle,
      onAlertOpened: async () => undefined,
      log: makeLog("silent"),
      snapshotEveryMs: 60_000,
    })
    const live = (runner as unknown as { live: Map<string, Tracked> }).live
    const RUNS = 30
    // Made in a function of its own: a suspended async test keeps its locals' last values.
    const run = async (i: number) => {
      await runner.process(fleet.vehicleIds.map((v) => point(v, i)))
      return fleet.vehicleIds.map((v) => new WeakRef<VehicleRulesState>((live.get(v) as Tracked).state))
    }
    const states: Array<Array<WeakRef<VehicleRulesState>>> = []
    for (let i = 0; i < RUNS; i++) states.push(await run(i))
    await collect()

    // Run 0 derived no rows (a vehicle's first point has no distance), so it committed at once;
    // every later run waits for its daily mileage rows. What each vehicle keeps: the committed
    // state (run 0's), the oldest in flight (run 1's) and the newest (the last run's, also live).
    // Keeping every run's, as before, kept all 30 alive until the write.
    const aliveRuns = (v: number) => states.flatMap((refs, run) => (refs[v]?.deref() ? [run] : []))
    for (let v = 0; v < fleet.vehicleIds.length; v++) expect(aliveRuns(v)).toEqual([0, 1, RUNS - 1])

    daily.open()
    await runner.drain()
    await collect()
    for (let v = 0; v < fleet.vehicleIds.length; v++) expect(aliveRuns(v)).toEqual([RUNS - 1])
    expect(new Set(daily.rows.map((r) => r[1]))).toEqual(new Set(fleet.vehicleIds))

    // What a snapshot writes is the newest state: the last point of every vehicle.
    await runner.snapshot()
    const { rows } = await fleet.db.system.query<{ vehicle_id: string; last: string }>(
      "SELECT vehicle_id, state->>'lastTimeMs' AS last FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])",
      [fleet.vehicleIds],
    )
    expect(new Map(rows.map((r) => [r.vehicle_id, Number(r.last)]))).toEqual(
      new Map(fleet.vehicleIds.map((v) => [v, T0 + (RUNS - 1) * 10_000])),
    )
  })
})
