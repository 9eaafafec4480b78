import type { OtherZoneDays } from "@fleetcore/contract"
import type { ClickHouseClient } from "@fleetcore/platform"
import type { ReportPeriod } from "./reportPeriod.js"

/**
 * The vehicle-days of the period that `table` (the daily distance a report reads) keeps on another
 * time zone's days than the organisation's `timezone`: rows from before the engine kept local days
 * (time_zone 'UTC', migration 0011) or from before the organisation changed its zone. Nothing
 * rewrites them but a replay (docs/rules.md "Days"), so the report says so. As the reports read
 * these tables, the statement names the organisation and the vehicles the caller may see. Spread
 * into the report: `otherZoneDays` only when there are some.
 */
export const otherZoneDays = async (
  ch: ClickHouseClient,
  orgId: string,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  timezone: string,
  table: "daily_mileage" | "daily_mileage_driver" = "daily_mileage",
): Promise<{ readonly otherZoneDays?: typeof OtherZoneDays.Type }> => {
  if (ids.length === 0) return {}
  const [found] = await ch.query<{
    vehicle_days: number | string
    vehicles: number | string
    zones: Array<string>
    first: string
    last: string
  }>(
    `SELECT uniqExact(vehicle_id, day) AS vehicle_days, uniqExact(vehicle_id) AS vehicles,
            arraySort(groupUniqArray(time_zone)) AS zones, toString(min(day)) AS first, toString(max(day)) AS last
     FROM ${table} FINAL
     WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
       AND time_zone != {zone:String}`,
    { org: orgId, vehicles: ids, from: period.from, to: period.to, zone: timezone },
  )
  const vehicleDays = Number(found?.vehicle_days ?? 0)
  if (found === undefined || vehicleDays === 0) return {}
  return {
    otherZoneDays: {
      vehicleDays,
      vehicles: Number(found.vehicles),
      zones: found.zones,
      from: found.first,
      to: found.last,
    },
  }
}
