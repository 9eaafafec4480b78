import type { QualityScore } from "./scoreFleet.js"

const f = (v: number, digits = 2) => v.toFixed(digits)
const p = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`)
const pad = (cells: ReadonlyArray<string>, widths: ReadonlyArray<number>) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")

/** The score as plain-text tables: mileage and trips per category, then events per kind. */
export const formatReport = (score: QualityScore): string => {
  const lines: string[] = [
    `${score.vehicles} vehicles, ${score.vehicleDays} vehicle-days, ${score.records} records`,
    "",
    "mileage error per vehicle-day (|rules − truth| / truth, %); trips: count, days exactly right, true trips split, length error per trip (%)",
  ]
  const mw = [20, 5, 8, 8, 8, 8, 7, 7, 8, 9]
  lines.push(
    pad(["category", "days", "median", "p95", "max", "bias", "trips", "rules", "exact", "tripDist"], mw),
  )
  for (const c of [...score.categories, ...score.sources, ...score.breakdown]) {
    lines.push(
      pad(
        [
          c.category,
          String(c.vehicleDays),
          f(c.mileageErrorPct.median),
          f(c.mileageErrorPct.p95),
          f(c.mileageErrorPct.max),
          f(c.mileageBiasPct),
          String(c.truthTrips),
          String(c.ruleTrips),
          `${f(c.exactTripDaysPct, 0)}%`,
          String(c.splitTrips),
          f(c.tripLengthErrorPct.median),
          f(c.tripLengthErrorPct.p95),
        ],
        mw,
      ),
    )
  }
  lines.push("", "worst vehicle-days (mileage error, signed %)")
  for (const w of score.worstDays) {
    lines.push(
      `${w.category.padEnd(20)}  ${w.vehicleId}  ${w.day}  ${w.source} · ${w.intervalS} s  ${f(w.signedPct)}`,
    )
  }
  lines.push("", "events (recall: matched / labelled; amount: matched with litres in tolerance)")
  const ew = [20, 6, 8, 8, 8, 9, 5, 7, 10, 10]
  lines.push(
    pad(
      ["kind", "truth", "recall", "amount", "precis.", "dupl.", "FA", "FA/1kVD", "delay p50", "delay max"],
      ew,
    ),
  )
  for (const e of score.events) {
    lines.push(
      pad(
        [
          e.kind,
          String(e.truth),
          p(e.recall),
          p(e.amountRecall),
          e.duplicates === null ? "" : p(e.precision),
          e.duplicates === null ? "" : String(e.duplicates),
          e.falseAlarms === null ? "" : String(e.falseAlarms),
          e.falseAlarmsPer1000VehicleDays === null ? "" : f(e.falseAlarmsPer1000VehicleDays, 1),
          `${f(e.delayS.median / 60, 1)} min`,
          `${f(e.delayS.max / 60, 1)} min`,
        ],
        ew,
      ),
    )
  }
  const fa = Object.entries(score.falseAlarmsByType)
  lines.push(
    "",
    `false alarms by type: ${fa.length === 0 ? "none" : fa.map(([t, n]) => `${t} ${n}`).join(", ")}`,
    ...score.falseAlarmList.map(
      (a) => `  ${a.type} in ${a.category}: vehicle ${a.vehicleId} at ${new Date(a.timeMs).toISOString()}`,
    ),
  )
  return lines.join("\n")
}
