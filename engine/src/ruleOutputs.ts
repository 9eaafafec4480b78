import type { ClickHouseClient } from "@fleetcore/platform"
import { chTime } from "@fleetcore/platform"
import type pg from "pg"
import { type AlertRow, clearAlert, raiseAlerts } from "./AlertSink.js"
import { crossCheckRefuels } from "./FuelCrossCheck.js"
import type { FuelLevelEvent } from "./rules/fuel/FuelLevelRule.js"
import type { TripEvent } from "./rules/trips/TripRule.js"
import type { RulesOutput, VehicleProfile, VehicleRulesState } from "./VehicleRules.js"

export const TRIP_COLUMNS = [
  "org_id",
  "vehicle_id",
  "device_id",
  "start_time",
  "end_time",
  "start_lat",
  "start_lon",
  "end_lat",
  "end_lon",
  "distance_m",
  "duration_s",
  "moving_s",
  "idle_s",
  "max_speed_mps",
  "avg_speed_mps",
  "fuel_used_l",
  "version",
] as const
export const DAILY_MILEAGE_COLUMNS = ["org_id", "vehicle_id", "day", "metres", "version"] as const
export const DRIVER_MILEAGE_COLUMNS = [
  "org_id",
  "driver_id",
  "vehicle_id",
  "day",
  "metres",
  "version",
] as const
export const FUEL_EVENT_COLUMNS = [
  "org_id",
  "vehicle_id",
  "time",
  "kind",
  "litres",
  "from_l",
  "to_l",
  "lat",
  "lon",
  "version",
] as const

const tripRow = (t: TripEvent, version: number): ReadonlyArray<unknown> => [
  t.orgId,
  t.vehicleId,
  t.deviceId,
  chTime(t.startMs),
  chTime(t.endMs),
  t.startLat,
  t.startLon,
  t.endLat,
  t.endLon,
  t.distanceM,
  t.durationS,
  t.distanceM > 0 && t.avgSpeedMps > 0 ? t.distanceM / t.avgSpeedMps : 0,
  t.idleS,
  t.maxSpeedMps,
  t.avgSpeedMps,
  t.fuelUsedL,
  version,
]

/** A vehicle whose rules run: its organisation, what the rules know of it, and their state. */
export interface Tracked {
  readonly orgId: string
  readonly vehicleId: string
  profile: VehicleProfile
  state: VehicleRulesState
}

/** Where derived outputs go: row sinks per ClickHouse table (a BatchWriter or a direct insert). */
export interface RowSink {
  readonly add: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => Promise<void>
}

export interface RuleSinks {
  readonly db: pg.Pool
  readonly ch: ClickHouseClient
  readonly trips: RowSink
  readonly dailyMileage: RowSink
  readonly driverMileage: RowSink
  readonly fuelEvents: RowSink
  /** Tells dashboards about an alert that was just opened. */
  readonly onAlertOpened: (alert: AlertRow) => Promise<void>
}

/** What one run of the rules produced, ready for the sinks. */
export interface Derived {
  readonly cleared: RulesOutput["cleared"]
  readonly trips: TripEvent[]
  readonly fuelEvents: Array<{
    readonly orgId: string
    readonly vehicleId: string
    readonly event: FuelLevelEvent
  }>
  readonly alerts: RulesOutput["alerts"]
  readonly dayRows: Array<ReadonlyArray<unknown>>
  readonly driverDayRows: Array<ReadonlyArray<unknown>>
}

export const derived = (): Derived => ({
  cleared: [],
  trips: [],
  fuelEvents: [],
  alerts: [],
  dayRows: [],
  driverDayRows: [],
})

/** Adds one vehicle's output; its touched days become `daily_mileage` rows (running totals). */
export const collect = (into: Derived, out: RulesOutput, tracked: Tracked): void => {
  into.trips.push(...out.trips)
  into.alerts.push(...out.alerts)
  into.cleared.push(...out.cleared)
  for (const event of out.fuelEvents)
    into.fuelEvents.push({ orgId: tracked.orgId, vehicleId: tracked.vehicleId, event })
  for (const [day, metres] of out.days) {
    into.dayRows.push([tracked.orgId, tracked.vehicleId, day, metres, tracked.state.lastTimeMs ?? 0])
  }
  for (const [dayDriver, metres] of out.driverDays) {
    const [day, driverId] = dayDriver.split("|")
    into.driverDayRows.push([
      tracked.orgId,
      driverId,
      tracked.vehicleId,
      day,
      metres,
      tracked.state.lastTimeMs ?? 0,
    ])
  }
}

/** Writes the derived rows (trips, mileage, fuel events); safe to run concurrently with others. */
export const writeDerivedRows = async (sinks: RuleSinks, all: Derived): Promise<void> => {
  const version = Date.now()
  const work: Promise<unknown>[] = []
  if (all.trips.length > 0) work.push(sinks.trips.add(all.trips.map((t) => tripRow(t, version))))
  if (all.dayRows.length > 0) work.push(sinks.dailyMileage.add(all.dayRows))
  if (all.driverDayRows.length > 0) work.push(sinks.driverMileage.add(all.driverDayRows))
  if (all.fuelEvents.length > 0) {
    const rows = all.fuelEvents.map(({ orgId, vehicleId, event: e }) => [
      orgId,
      vehicleId,
      chTime(e.timeMs),
      e.kind,
      e.litres,
      e.fromL,
      e.toL,
      e.lat,
      e.lon,
      version,
    ])
    // Once the fills are stored, check the refuel entries around them against the sensor.
    work.push(
      sinks.fuelEvents.add(rows).then(async () => {
        for (const { orgId, vehicleId, event } of all.fuelEvents) {
          if (event.kind !== "fuel_fill") continue
          const mismatches = await crossCheckRefuels(sinks.db, sinks.ch, orgId, vehicleId, event.timeMs)
          const opened = await raiseAlerts(sinks.db, mismatches)
          await Promise.all(opened.map((a) => sinks.onAlertOpened(a)))
        }
      }),
    )
  }
  await Promise.all(work)
}

/**
 * Raises, then clears, the alerts of one run: a condition that began and ended within it must end
 * resolved. Runs of one vehicle must be written in order (a later clear after an earlier raise).
 */
export const writeDerivedAlerts = async (sinks: RuleSinks, all: Derived): Promise<void> => {
  if (all.alerts.length > 0) {
    const opened = await raiseAlerts(sinks.db, all.alerts)
    await Promise.all(opened.map((a) => sinks.onAlertOpened(a)))
  }
  for (const c of all.cleared) await clearAlert(sinks.db, c.vehicleId, c.type, c.key, c.timeMs)
}

/** Everything one run derived, rows and alerts. */
export const persistDerived = async (sinks: RuleSinks, all: Derived): Promise<void> => {
  await Promise.all([writeDerivedRows(sinks, all), writeDerivedAlerts(sinks, all)])
}
