import type { ReportTable } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import { rows as selectRows, sql } from "../db/sql.js"
import { approvedScope } from "../onboarding/approvedScope.js"
import { otherZoneDays } from "./otherZoneDays.js"
import type { ReportContext } from "./reportContext.js"
import { daysOf, daysSoFar, km, seconds } from "./reportTime.js"
import { type UseSums, vehicleDayUse } from "./vehicleDayUse.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

const NO_USE: Omit<UseSums, "key"> = { used: 0, metres: 0, movingS: 0, idleS: 0, trips: 0 }
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0)
const hours = (s: number) => Math.round(s / 36) / 100

/**
 * The days of `period` a vehicle was in service: from its commissioning day (when set) to the day it
 * was decommissioned (when it was; that day counts, it may still have driven), or null when none.
 */
const inService = (
  period: ReportContext["period"],
  commissionedOn: string | null,
  decommissionedOn: string | null,
): { readonly from: string; readonly to: string } | null => {
  const from = commissionedOn !== null && commissionedOn > period.from ? commissionedOn : period.from
  const to = decommissionedOn !== null && decommissionedOn < period.to ? decommissionedOn : period.to
  return from <= to ? { from, to } : null
}

/**
 * Utilisation per vehicle over the period: days used (a day with distance or a trip started), the
 * share that is of the days the vehicle could have been used (`inService`: the period's days up to
 * today in the organisation's time zone while the vehicle was in service: days still to come are
 * not idle days, nor days before its commissioning or after its decommissioning), driving and idle
 * time, distance and trips; most used first. A vehicle with no used day is idle; one out of service
 * the whole period is not listed. By day: how many vehicles were active and the hours they drove.
 */
export const utilisationReport = async (ctx: ReportContext): Promise<Table> => {
  const { period, books } = ctx
  const scope = await approvedScope(ctx.c, ctx.scope)
  const use = await vehicleDayUse(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  const days = daysOf(period)
  const service = new Map(
    scope.ids.length === 0
      ? []
      : (
          await selectRows(
            ctx.c,
            sql
              .selectFrom("vehicles")
              .select([
                "id",
                raw<string | null>`to_char(commissioned_on, 'YYYY-MM-DD')`.as("from"),
                raw<
                  string | null
                >`CASE WHEN status = 'decommissioned' THEN to_char(status_changed_on, 'YYYY-MM-DD') END`.as(
                  "to",
                ),
              ])
              .where("id", "in", [...scope.ids]),
          )
        ).map((v) => [v.id, inService(period, v.from, v.to)]),
  )
  const usableDays = (id: string) => {
    const within = service.get(id)
    return within === null ? 0 : daysSoFar(within ?? period, ctx.today).length
  }
  const byVehicle = new Map(use.byVehicle.map((u) => [u.key, u]))
  const byDay = new Map(use.byDay.map((u) => [u.key, u]))
  const columns: Array<Column> = [
    { key: "vehicle", kind: "text" },
    { key: "plate", kind: "text" },
    { key: "daysUsed", kind: "number" },
    { key: "utilisation", kind: "percent" },
    { key: "drivingTime", kind: "duration" },
    { key: "idleTime", kind: "duration" },
    { key: "distanceKm", kind: "distance" },
    { key: "trips", kind: "number" },
  ]
  const ranked = scope.vehicles
    .filter((v) => service.get(v.id) !== null)
    .map((v) => ({ v, u: byVehicle.get(v.id) ?? { key: v.id, ...NO_USE } }))
    .sort((a, b) => b.u.used - a.u.used || b.u.metres - a.u.metres || a.v.name.localeCompare(b.v.name))
  const fleet = ranked.reduce(
    (s, { u }) => ({
      used: s.used + u.used,
      metres: s.metres + u.metres,
      movingS: s.movingS + u.movingS,
      idleS: s.idleS + u.idleS,
      trips: s.trips + u.trips,
    }),
    NO_USE,
  )
  const active = ranked.filter(({ u }) => u.used > 0).length
  const idle = ranked.length - active
  const zones = await otherZoneDays(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  return {
    report: "utilisation",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns,
    rows: ranked.map(({ v, u }) => ({
      vehicle: v.name,
      plate: v.plate,
      daysUsed: u.used,
      utilisation: pct(u.used, usableDays(v.id)),
      drivingTime: seconds(u.movingS),
      idleTime: seconds(u.idleS),
      distanceKm: km(u.metres),
      trips: u.trips,
    })),
    totals: {
      vehicle: null,
      plate: null,
      daysUsed: fleet.used,
      utilisation: pct(
        fleet.used,
        ranked.reduce((n, { v }) => n + usableDays(v.id), 0),
      ),
      drivingTime: seconds(fleet.movingS),
      idleTime: seconds(fleet.idleS),
      distanceKm: km(fleet.metres),
      trips: fleet.trips,
    },
    summary: [
      { key: "activeVehicles", kind: "number", value: active },
      { key: "idleVehicles", kind: "number", value: idle },
      { key: "drivingTime", kind: "duration", value: seconds(fleet.movingS) },
      { key: "distanceKm", kind: "distance", value: km(fleet.metres) },
    ],
    charts: [
      {
        key: "activeByDay",
        kind: "bar",
        categoryLabels: "day",
        valueKind: "number",
        categories: [...days],
        series: [{ key: "activeVehicles", values: days.map((d) => byDay.get(d)?.used ?? 0) }],
      },
      {
        key: "hoursByDay",
        kind: "stackedBar",
        categoryLabels: "day",
        valueKind: "hours",
        categories: [...days],
        series: [
          { key: "drivingTime", values: days.map((d) => hours(byDay.get(d)?.movingS ?? 0)) },
          { key: "idleTime", values: days.map((d) => hours(byDay.get(d)?.idleS ?? 0)) },
        ],
      },
      {
        key: "activeVsIdle",
        kind: "pie",
        categoryLabels: "translate",
        valueKind: "number",
        categories: ["activeVehicles", "idleVehicles"],
        series: [{ key: "vehicles", values: [active, idle] }],
      },
    ],
    originals: [],
    unconverted: 0,
    ...zones,
  }
}
