import type { ReportTable } from "@fleetcore/contract"
import { cents, money } from "./cents.js"
import { driverDriving } from "./driverDriving.js"
import { driverScore } from "./driverScore.js"
import { driverStats } from "./driverStats.js"
import { otherZoneDays } from "./otherZoneDays.js"
import type { ReportContext } from "./reportContext.js"
import { OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

const COLUMNS: ReadonlyArray<Column> = [
  { key: "driver", kind: "text" },
  { key: "distanceKm", kind: "distance" },
  { key: "hours", kind: "hours" },
  { key: "speeding", kind: "number" },
  { key: "speedingMinutes", kind: "number" },
  { key: "alerts", kind: "number" },
  { key: "penaltiesCount", kind: "number" },
  { key: "penaltiesAmount", kind: "money" },
  { key: "fuelAnomalies", kind: "number" },
  { key: "score", kind: "number" },
]

/** How many drivers the chart shows (the lowest scores). */
export const CHART_DRIVERS = 20

const km = (m: number) => Math.round(m / 100) / 10
const hours = (s: number) => Math.round(s / 360) / 10

/**
 * Per driver over the period, on the vehicles in scope: distance and hours at the wheel,
 * speeding (episodes and minutes), other alerts, penalties (count and amount in the organisation's
 * currency), fuel anomalies, and a score 0–100 (`driverScore`). The engine records no harsh
 * acceleration or braking, so there is no such column. Best score first; unscored drivers last.
 */
export const driversReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const driverId = scope.filters.find((f) => f.key === "driverId")?.id ?? null
  const stats = await driverStats(c, scope.ids, period, books, driverId)
  const driving = await driverDriving(c, ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  const fines = new Map<string, { count: number; cents: bigint }>()
  const originals = new OriginalsTally()
  let unconverted = 0
  for (const p of stats.penalties) {
    const at = fines.get(p.driver_id) ?? { count: 0, cents: 0n }
    fines.set(p.driver_id, { count: at.count + p.count, cents: at.cents + cents(p.org_amount) })
    originals.add(p.currency, p.amount, p.count)
    unconverted += p.unconverted
  }
  const rows = stats.drivers.map((d) => {
    const drove = driving.get(d.id) ?? { metres: 0, seconds: 0 }
    const fine = fines.get(d.id) ?? { count: 0, cents: 0n }
    const distanceKm = km(drove.metres)
    return {
      driver: d.name,
      distanceKm,
      hours: hours(drove.seconds),
      speeding: d.speeding,
      speedingMinutes: Math.round(d.speeding_s / 60),
      alerts: d.alerts,
      penaltiesCount: fine.count,
      penaltiesAmount: money(fine.cents),
      fuelAnomalies: d.anomalies,
      score: driverScore({
        km: distanceKm,
        speeding: d.speeding,
        alerts: d.alerts,
        penalties: fine.count,
        fuelAnomalies: d.anomalies,
      }),
    } satisfies Row
  })
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.driver.localeCompare(b.driver))
  const sum = (k: "speeding" | "speedingMinutes" | "alerts" | "penaltiesCount" | "fuelAnomalies") =>
    rows.reduce((s, r) => s + r[k], 0)
  const totalMetres = stats.drivers.reduce((s, d) => s + (driving.get(d.id)?.metres ?? 0), 0)
  const totalSeconds = stats.drivers.reduce((s, d) => s + (driving.get(d.id)?.seconds ?? 0), 0)
  const totals = {
    driver: null,
    distanceKm: km(totalMetres),
    hours: hours(totalSeconds),
    speeding: sum("speeding"),
    speedingMinutes: sum("speedingMinutes"),
    alerts: sum("alerts"),
    penaltiesCount: sum("penaltiesCount"),
    penaltiesAmount: money(stats.drivers.reduce((s, d) => s + (fines.get(d.id)?.cents ?? 0n), 0n)),
    fuelAnomalies: sum("fuelAnomalies"),
    score: driverScore({
      km: km(totalMetres),
      speeding: sum("speeding"),
      alerts: sum("alerts"),
      penalties: sum("penaltiesCount"),
      fuelAnomalies: sum("fuelAnomalies"),
    }),
  }
  // The chart shows whom to talk to first: the lowest scores.
  const scored = rows
    .filter((r) => r.score !== null)
    .reverse()
    .slice(0, CHART_DRIVERS)
  const zones = await otherZoneDays(
    ctx.ch,
    ctx.principal.orgId,
    scope.ids,
    period,
    books.timezone,
    "daily_mileage_driver",
  )
  return {
    report: "drivers",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns: [...COLUMNS],
    rows,
    totals,
    charts: [
      {
        key: "scores",
        kind: "bar",
        categoryLabels: "asIs",
        categories: scored.map((r) => r.driver),
        series: [{ key: "score", values: scored.map((r) => r.score ?? 0) }],
        valueKind: "number",
      },
    ],
    originals: originals.list(),
    unconverted,
    ...zones,
  }
}
