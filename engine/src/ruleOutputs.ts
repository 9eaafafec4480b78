import type { ClickHouseClient } from "@fleetcore/platform"
import { chTime } from "@fleetcore/platform/lean"
import type pg from "pg"
import { type AlertRow, clearAlert, raiseAlerts } from "./AlertSink.js"
import { LEGACY_DAY_ZONE } from "./dayTotals.js"
import { crossCheckRefuels } from "./FuelCrossCheck.js"
import { incidentsOf, isIncidentAlert, writeIncidents } from "./IncidentSink.js"
import type { LateTrack } from "./rederive.js"
import type { FuelEvent } from "./rules/fuel/FuelLevelRule.js"
import type { TripEvent } from "./rules/trips/TripRule.js"
import type { RulesOutput, VehicleProfile, VehicleRulesState } from "./VehicleRules.js"
import { withdrawUnsupported } from "./withdrawUnsupported.js"

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
  "outage_s",
  "bridged_m",
] as const
export const DAILY_MILEAGE_COLUMNS = [
  "org_id",
  "vehicle_id",
  "day",
  "metres",
  "version",
  "gps_flagged_metres",
  "time_zone",
] as const
export const DRIVER_MILEAGE_COLUMNS = [
  "org_id",
  "driver_id",
  "vehicle_id",
  "day",
  "metres",
  "version",
  "time_zone",
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
  "start_time",
  "end_time",
  "driver_id",
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
  t.outageS,
  t.bridgedM,
]

/** A `fuel_events` row (FUEL_EVENT_COLUMNS): keyed by (vehicle, time = the step's end, kind). */
export const fuelEventRow = (
  orgId: string,
  vehicleId: string,
  e: FuelEvent,
  version: number,
): ReadonlyArray<unknown> => [
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
  chTime(e.startMs),
  chTime(e.endMs),
  e.driverId,
]

/** A vehicle whose rules run: its organisation, what the rules know of it, and their state. */
export interface Tracked {
  readonly orgId: string
  readonly vehicleId: string
  profile: VehicleProfile
  state: VehicleRulesState
  /** Where late points re-run from (rederive.ts); stored with the snapshot (lateTrackStore.ts). */
  late?: LateTrack
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
  /** Tells dashboards about an alert the system changed (withdrawn after late data). */
  readonly onAlertChanged?: (alert: AlertRow) => Promise<void>
}

/** What one run of the rules produced, ready for the sinks. */
export interface Derived {
  readonly cleared: RulesOutput["cleared"]
  readonly trips: TripEvent[]
  readonly fuelEvents: Array<{
    readonly orgId: string
    readonly vehicleId: string
    readonly event: FuelEvent
  }>
  readonly alerts: RulesOutput["alerts"]
  readonly dayRows: Array<ReadonlyArray<unknown>>
  readonly driverDayRows: Array<ReadonlyArray<unknown>>
  /**
   * Vehicles re-derived from a checkpoint: once this run's rows are stored, their trips and fuel
   * events after `afterMs` written by earlier runs (an older version) are deleted, and so is the
   * row of a trip the re-run left open (it ended too soon: a late point continues it).
   */
  readonly replaceAfter: Array<{
    readonly orgId: string
    readonly vehicleId: string
    readonly afterMs: number
    readonly openTripStartMs: number | null
  }>
}

export const derived = (): Derived => ({
  cleared: [],
  trips: [],
  fuelEvents: [],
  alerts: [],
  dayRows: [],
  driverDayRows: [],
  replaceAfter: [],
})

/**
 * Adds one vehicle's output; its touched days become `daily_mileage` rows (running totals), each
 * with the time zone its day is in (the state's, see moveToDay).
 */
export const collect = (into: Derived, out: RulesOutput, tracked: Tracked): void => {
  const zone = tracked.state.dayZone ?? LEGACY_DAY_ZONE
  into.trips.push(...out.trips)
  into.alerts.push(...out.alerts)
  into.cleared.push(...out.cleared)
  for (const event of out.fuelEvents)
    into.fuelEvents.push({ orgId: tracked.orgId, vehicleId: tracked.vehicleId, event })
  for (const [day, metres] of out.days) {
    const flaggedM = tracked.state.flaggedDays?.[day] ?? 0
    into.dayRows.push([
      tracked.orgId,
      tracked.vehicleId,
      day,
      metres,
      tracked.state.lastTimeMs ?? 0,
      flaggedM,
      zone,
    ])
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
      zone,
    ])
  }
}

/**
 * Writes the derived rows (trips, mileage, fuel events); safe to run concurrently with others.
 * `version` must be above every earlier run's when `all.replaceAfter` is not empty.
 */
export const writeDerivedRows = async (
  sinks: RuleSinks,
  all: Derived,
  version = Date.now(),
): Promise<void> => {
  const work: Promise<unknown>[] = []
  if (all.trips.length > 0) work.push(sinks.trips.add(all.trips.map((t) => tripRow(t, version))))
  if (all.dayRows.length > 0) work.push(sinks.dailyMileage.add(all.dayRows))
  if (all.driverDayRows.length > 0) work.push(sinks.driverMileage.add(all.driverDayRows))
  if (all.fuelEvents.length > 0) {
    const rows = all.fuelEvents.map(({ orgId, vehicleId, event }) =>
      fuelEventRow(orgId, vehicleId, event, version),
    )
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
  for (const r of all.replaceAfter) await deleteDerivedAfter(sinks.ch, r, version)
}

/**
 * Deletes a vehicle's trips and fuel events starting after `afterMs` (and the trip starting at
 * `openTripStartMs`) written before `version`: what an earlier derivation made of points a
 * re-derivation has now run again. Rows it derived again have the same key and a newer version;
 * the rest no longer follow from the points.
 */
export const deleteDerivedAfter = async (
  ch: ClickHouseClient,
  scope: Derived["replaceAfter"][number],
  version: number,
): Promise<void> => {
  const params = {
    org: scope.orgId,
    vehicle: scope.vehicleId,
    after: scope.afterMs,
    open: scope.openTripStartMs ?? 0,
    version,
  }
  const mine = "org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND version < {version:UInt64}"
  const after = (column: string) => `${column} > fromUnixTimestamp64Milli({after:Int64}, 'UTC')`
  await ch.exec(
    `DELETE FROM trips WHERE ${mine} AND (${after("start_time")} OR start_time = fromUnixTimestamp64Milli({open:Int64}, 'UTC'))`,
    params,
  )
  await ch.exec(`DELETE FROM fuel_events WHERE ${mine} AND ${after("time")}`, params)
}

/**
 * Raises, then clears, the alerts of one run: a condition that began and ended within it must end
 * resolved. Runs of one vehicle must be written in order (a later clear after an earlier raise).
 */
export const writeDerivedAlerts = async (sinks: RuleSinks, all: Derived): Promise<void> => {
  // Thefts, fills and odometer faults are incidents: each its own record and alert (IncidentSink).
  const persistent = all.alerts.filter((a) => !isIncidentAlert(a))
  if (persistent.length > 0) {
    const opened = await raiseAlerts(sinks.db, persistent)
    await Promise.all(opened.map((a) => sinks.onAlertOpened(a)))
  }
  const incidents = incidentsOf(all)
  const incidentAlerts = await writeIncidents(sinks.db, incidents)
  await Promise.all(incidentAlerts.map((a) => sinks.onAlertOpened(a)))
  for (const c of all.cleared) await clearAlert(sinks.db, c.vehicleId, c.type, c.key, c.timeMs)
  // Re-derived vehicles: what earlier runs raised from the same period and the re-run no longer
  // derives is withdrawn (or noted, when someone acted on it).
  for (const r of all.replaceAfter) {
    const mine = <T extends { readonly vehicleId: string }>(xs: ReadonlyArray<T>) =>
      xs.filter((x) => x.vehicleId === r.vehicleId)
    const withdrawn = await withdrawUnsupported(sinks.db, r, {
      alerts: mine(all.alerts),
      incidents: mine(incidents),
    })
    await Promise.all(withdrawn.map((a) => sinks.onAlertChanged?.(a)))
  }
}

/** Everything one run derived, rows and alerts. */
export const persistDerived = async (sinks: RuleSinks, all: Derived): Promise<void> => {
  await Promise.all([writeDerivedRows(sinks, all), writeDerivedAlerts(sinks, all)])
}
