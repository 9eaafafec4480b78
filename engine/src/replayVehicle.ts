import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import type { AlertRow } from "./AlertSink.js"
import {
  collect,
  DAILY_MILEAGE_COLUMNS,
  DRIVER_MILEAGE_COLUMNS,
  derived,
  FUEL_EVENT_COLUMNS,
  persistDerived,
  type RuleSinks,
  TRIP_COLUMNS,
  type Tracked,
} from "./ruleOutputs.js"
import { localMidnight } from "./rules/localDay.js"
import { storedPositions } from "./storedPositions.js"
import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  stepVehicleRules,
  unknownProfile,
} from "./VehicleRules.js"
import { loadVehicleProfiles } from "./vehicleProfiles.js"

const DAY_MS = 86_400_000

/** The calendar day after `day` ("YYYY-MM-DD"). */
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

export interface ReplaySummary {
  readonly vehicleId: string
  readonly from: string
  readonly to: string
  readonly points: number
  readonly trips: number
  readonly days: number
  readonly alerts: number
}

/**
 * Re-runs the rules over a vehicle's stored points for whole days [from, to] of its
 * organisation's time zone with the current settings, from an empty state at the local midnight
 * starting `from`: derived trips, daily mileage and fuel events in the range are replaced (days
 * rewritten in the organisation's zone, whatever zone they were in), alerts are re-raised (an
 * occurrence raised before is found again, not duplicated). Live processing reaches the same
 * results from the same points.
 */
export const replayVehicle = async (
  deps: {
    readonly db: pg.Pool
    readonly ch: ClickHouseClient
    readonly onAlertOpened: (a: AlertRow) => Promise<void>
  },
  vehicleId: string,
  from: string,
  to: string,
): Promise<ReplaySummary> => {
  const org = (
    await deps.db.query<{ org_id: string }>("SELECT org_id FROM vehicles WHERE id = $1", [vehicleId])
  ).rows[0]
  if (org === undefined) throw new Error(`no vehicle ${vehicleId}`)
  const profile = (await loadVehicleProfiles(deps.db, [vehicleId])).get(vehicleId) ?? unknownProfile
  const zone = profile.timeZone
  const dayStarts: number[] = []
  for (let day = from; day <= to; day = nextDay(day)) dayStarts.push(localMidnight(zone, day))
  const fromMs = localMidnight(zone, from)
  const toMs = localMidnight(zone, nextDay(to))
  dayStarts.push(toMs)
  const params = { org: org.org_id, vehicle: vehicleId, from: fromMs, to: toMs, fromDay: from, toDay: to }
  const scope = "org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}"
  await deps.ch.exec(
    `DELETE FROM trips WHERE ${scope} AND start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND start_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
    params,
  )
  await deps.ch.exec(
    `DELETE FROM daily_mileage WHERE ${scope} AND day >= {fromDay:Date} AND day <= {toDay:Date}`,
    params,
  )
  await deps.ch.exec(
    `DELETE FROM daily_mileage_driver WHERE ${scope} AND day >= {fromDay:Date} AND day <= {toDay:Date}`,
    params,
  )
  await deps.ch.exec(
    `DELETE FROM fuel_events WHERE ${scope} AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
    params,
  )
  const direct = (table: string, columns: ReadonlyArray<string>) => ({
    add: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => deps.ch.insert(table, columns, rows),
  })
  const sinks: RuleSinks = {
    ...deps,
    trips: direct("trips", TRIP_COLUMNS),
    dailyMileage: direct("daily_mileage", DAILY_MILEAGE_COLUMNS),
    driverMileage: direct("daily_mileage_driver", DRIVER_MILEAGE_COLUMNS),
    fuelEvents: direct("fuel_events", FUEL_EVENT_COLUMNS),
  }
  const tracked: Tracked = { orgId: org.org_id, vehicleId, profile, state: initialVehicleRules }
  let points = 0
  let trips = 0
  let alerts = 0
  const days = new Set<string>()
  for (let i = 0; i + 1 < dayStarts.length; i++) {
    const dayStart = dayStarts[i] as number
    const dayEnd = dayStarts[i + 1] as number
    const records = await storedPositions(deps.ch, org.org_id, vehicleId, dayStart - 1, dayEnd)
    const out = emptyOutput()
    for (const r of records) tracked.state = stepVehicleRules(tracked.state, r, out, profile)
    // The trip still open at the end closes as live processing would close it (server clock).
    if (dayEnd >= toMs) tracked.state = flushVehicleRules(tracked.state, Date.now(), out, profile)
    const all = derived()
    collect(all, out, tracked)
    await persistDerived(sinks, all)
    points += records.length
    trips += all.trips.length
    alerts += all.alerts.length
    for (const day of out.days.keys()) days.add(day)
  }
  return { vehicleId, from, to, points, trips, days: days.size, alerts }
}
