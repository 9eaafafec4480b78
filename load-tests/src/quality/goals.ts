import type { QualityScore } from "./scoreFleet.js"

/** Issue 10's goals for the rules, checked against a score (the gap is printed, not enforced). */
export interface GoalCheck {
  readonly goal: string
  readonly actual: string
  readonly met: boolean
}

export const GOALS = {
  /** Mileage error per vehicle-day, every category: its 95th percentile. */
  mileageErrorPct: 0.5,
  theftRecall: 0.95,
  theftFalseAlarmsPer1000VehicleDays: 1,
  fillRecall: 0.95,
  /** Rollbacks, freezes and tampering ≥ 15 % flagged within 10 km. */
  odometerRecall: 1,
} as const

export const checkGoals = (score: QualityScore): GoalCheck[] => {
  const event = (kind: string) => score.events.find((e) => e.kind === kind)
  const checks: GoalCheck[] = score.categories
    .filter((c) => c.category !== "all")
    .map((c) => ({
      goal: `mileage error p95 ≤ ${GOALS.mileageErrorPct}% (${c.category})`,
      actual: `${c.mileageErrorPct.p95.toFixed(2)}%`,
      met: c.mileageErrorPct.p95 <= GOALS.mileageErrorPct,
    }))
  // GPS-only vehicles in a multi-storey garage: the distance driven inside is in no record (the
  // trips mark it: outageS, bridgedM), so the goal is also judged on the days with an odometer.
  const outage = score.breakdown.find((c) => c.category === "gps_outage · odometer")
  if (outage !== undefined)
    checks.push({
      goal: `mileage error p95 ≤ ${GOALS.mileageErrorPct}% (gps_outage, days with an odometer; GPS-only garage days are bridged)`,
      actual: `${outage.mileageErrorPct.p95.toFixed(2)}%`,
      met: outage.mileageErrorPct.p95 <= GOALS.mileageErrorPct,
    })
  const recall = (kind: string, goal: number, label: string) => {
    const r = event(kind)?.recall ?? null
    if (r === null) return
    checks.push({ goal: `${label} ≥ ${goal * 100}%`, actual: `${(r * 100).toFixed(1)}%`, met: r >= goal })
  }
  recall("theft", GOALS.theftRecall, "theft recall")
  const theft = event("theft")
  if (theft?.falseAlarmsPer1000VehicleDays != null) {
    checks.push({
      goal: `theft false alarms ≤ ${GOALS.theftFalseAlarmsPer1000VehicleDays} per 1,000 vehicle-days`,
      actual: theft.falseAlarmsPer1000VehicleDays.toFixed(1),
      met: theft.falseAlarmsPer1000VehicleDays <= GOALS.theftFalseAlarmsPer1000VehicleDays,
    })
  }
  recall("fill", GOALS.fillRecall, "fill recall")
  for (const kind of ["odometer_rollback", "odometer_frozen", "odometer_tamper"])
    recall(kind, GOALS.odometerRecall, `${kind} flagged within 10 km`)
  return checks
}
