import type { ReportTable } from "@fleetcore/contract"
import { rows as selectRows, sql } from "../db/sql.js"
import { otherZoneDays } from "./otherZoneDays.js"
import type { ReportContext } from "./reportContext.js"
import { monthsOf } from "./reportPeriod.js"
import { REPORT_ROW_CAP } from "./reportRowCap.js"
import { daysOf, km } from "./reportTime.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

/**
 * Distance per bucket (day or month), vehicle and driver: the drivers' shares from
 * `daily_mileage_driver`, and what of the vehicle's `daily_mileage` no driver was assigned for as
 * a row without a driver (under a metre is rounding, left out). With a driver filter only that
 * driver's distance. `FINAL`: a re-derived day counts once; days are the organisation's
 * (the engine keys them in its time zone, docs/rules.md "Days").
 */
const mileageRows = (bucket: string, oneDriver: boolean) => `
  WITH
    v AS (SELECT ${bucket} AS bucket, vehicle_id, sum(metres) AS m FROM daily_mileage FINAL
          WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
          GROUP BY bucket, vehicle_id),
    d AS (SELECT ${bucket} AS bucket, vehicle_id, driver_id, sum(metres) AS m FROM daily_mileage_driver FINAL
          WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
          GROUP BY bucket, vehicle_id, driver_id),
    ds AS (SELECT bucket, vehicle_id, sum(m) AS dm FROM d GROUP BY bucket, vehicle_id)
  SELECT bucket, vehicle_id, driver, m FROM (
    SELECT bucket, vehicle_id, toString(driver_id) AS driver, m FROM d
    ${oneDriver ? "WHERE driver_id = {driver:UUID}" : ""}
    ${
      oneDriver
        ? ""
        : `UNION ALL
    SELECT v.bucket AS bucket, v.vehicle_id AS vehicle_id, '' AS driver, v.m - ds.dm AS m
    FROM v LEFT JOIN ds ON ds.bucket = v.bucket AND ds.vehicle_id = v.vehicle_id
    WHERE v.m - ds.dm >= 1`
    }
  ) WHERE m > 0`

/** Distance by day or month (`groupBy`) per vehicle and driver, capped; totals and chart over all rows. */
export const mileageReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const groupBy = ctx.query.groupBy ?? "day"
  const buckets = groupBy === "month" ? monthsOf(period) : daysOf(period)
  const columns: Array<Column> = [
    { key: groupBy, kind: "date" },
    { key: "vehicle", kind: "text" },
    { key: "plate", kind: "text" },
    { key: "driver", kind: "text" },
    { key: "distanceKm", kind: "distance" },
  ]
  const oneDriver = scope.filters.find((f) => f.key === "driverId")?.id
  const inner = mileageRows(groupBy === "month" ? "toStartOfMonth(day)" : "day", oneDriver !== undefined)
  const params = {
    org: ctx.principal.orgId,
    vehicles: scope.ids,
    from: period.from,
    to: period.to,
    ...(oneDriver === undefined ? {} : { driver: oneDriver }),
  }
  type Found = { bucket: string; vehicle: string; driver: string; m: number }
  const [listed, perBucket] =
    scope.ids.length === 0
      ? [[], []]
      : [
          await ctx.ch.query<Found>(
            `SELECT toString(bucket) AS bucket, toString(vehicle_id) AS vehicle, driver, m FROM (${inner})
             ORDER BY bucket, indexOf({vehicles:Array(UUID)}, vehicle_id), driver = '', driver
             LIMIT {cap:UInt32}`,
            { ...params, cap: REPORT_ROW_CAP },
          ),
          await ctx.ch.query<{ bucket: string; metres: number; n: number | string; attributed: number }>(
            `SELECT toString(bucket) AS bucket, sum(m) AS metres, count() AS n, sumIf(m, driver != '') AS attributed
             FROM (${inner}) GROUP BY bucket ORDER BY bucket`,
            params,
          ),
        ]
  const driverIds = [...new Set(listed.map((r) => r.driver).filter((d) => d !== ""))]
  const drivers = new Map(
    driverIds.length === 0
      ? []
      : (
          await selectRows(
            c,
            sql.selectFrom("drivers").select(["id", "full_name"]).where("id", "in", driverIds),
          )
        ).map((d) => [d.id, d.full_name]),
  )
  const vehicles = new Map(scope.vehicles.map((v) => [v.id, v]))
  const metresIn = new Map(perBucket.map((b) => [b.bucket, Number(b.metres)]))
  const total = perBucket.reduce((s, b) => s + Number(b.metres), 0)
  const attributed = perBucket.reduce((s, b) => s + Number(b.attributed), 0)
  const rowsTotal = perBucket.reduce((s, b) => s + Number(b.n), 0)
  const zones = await otherZoneDays(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  return {
    report: "mileage",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns,
    rows: listed.map((r) => ({
      [groupBy]: r.bucket,
      vehicle: vehicles.get(r.vehicle)?.name ?? null,
      plate: vehicles.get(r.vehicle)?.plate ?? null,
      driver: r.driver === "" ? null : (drivers.get(r.driver) ?? null),
      distanceKm: km(Number(r.m)),
    })),
    totals: { [groupBy]: null, vehicle: null, plate: null, driver: null, distanceKm: km(total) },
    summary: [
      { key: "distanceKm", kind: "distance", value: km(total) },
      { key: "driversDistanceKm", kind: "distance", value: km(attributed) },
    ],
    charts: [
      {
        key: groupBy === "month" ? "distanceByMonth" : "distanceByDay",
        kind: "bar",
        categoryLabels: groupBy === "month" ? "month" : "day",
        valueKind: "distance",
        categories: [...buckets],
        series: [{ key: "distanceKm", values: buckets.map((b) => km(metresIn.get(b) ?? 0)) }],
      },
    ],
    originals: [],
    unconverted: 0,
    rowsTotal,
    ...zones,
  }
}
