import type { Category } from "./categories.js"
import { type Distribution, distribution } from "./distribution.js"
import {
  isOdometerFault,
  isTheft,
  type LabelledTrace,
  type TruthEvent,
  type TruthKind,
  type TruthTrip,
} from "./labels.js"
import { type Detection, FUEL_MATCH, type MatchResult, matchEvents, ODOMETER_MATCH } from "./matchEvents.js"
import type { RulesRun } from "./runRules.js"

export interface CategoryScore {
  readonly category: string
  readonly vehicleDays: number
  /** |rules − truth| / truth per vehicle-day, percent. */
  readonly mileageErrorPct: Distribution
  /** Median of (rules − truth) / truth: negative = under-counted. */
  readonly mileageBiasPct: number
  readonly truthTrips: number
  readonly ruleTrips: number
  /** Share of vehicle-days with exactly the true number of trips, percent. */
  readonly exactTripDaysPct: number
  /** |sum of trip distances − truth| / truth per vehicle-day, percent. */
  readonly tripDistanceErrorPct: Distribution
  /** Per true trip: |length of the rules' trip overlapping it most − truth| / truth, percent. */
  readonly tripLengthErrorPct: Distribution
  /** True trips that two or more of the rules' trips overlap. */
  readonly splitTrips: number
}

export interface EventScore {
  /** A truth kind, or "theft" / "odometer" for all of them (precision and false alarms live there). */
  readonly kind: string
  readonly truth: number
  readonly matched: number
  /** Matched over labelled; null when nothing was labelled. */
  readonly recall: number | null
  /** Matched with the amount within tolerance, over labelled (fuel). */
  readonly amountRecall: number | null
  /** Matched over matched + duplicates + false alarms (aggregate rows only; null with no detections). */
  readonly precision: number | null
  readonly duplicates: number | null
  readonly falseAlarms: number | null
  readonly falseAlarmsPer1000VehicleDays: number | null
  /** Detection time after the event's end, seconds. */
  readonly delayS: Distribution
}

export interface QualityScore {
  readonly vehicles: number
  readonly vehicleDays: number
  readonly records: number
  readonly categories: ReadonlyArray<CategoryScore>
  /** The same mileage figures by what the vehicle reports: "odometer" or "gps only". */
  readonly sources: ReadonlyArray<CategoryScore>
  /**
   * The same by source and reporting interval ("gps only · 10 s"), and `gps_outage` split into its
   * days with an odometer and its GPS-only days (a GPS-only vehicle in a multi-storey garage has
   * nothing in its data that carries the distance driven inside: it is bridged by a straight line).
   */
  readonly breakdown: ReadonlyArray<CategoryScore>
  /** The vehicle-days with the largest mileage error, worst first (to find a cause). */
  readonly worstDays: ReadonlyArray<WorstDay>
  readonly events: ReadonlyArray<EventScore>
  /** Alerts and fuel events in no labelled event's window, by "type in category". */
  readonly falseAlarmsByType: Readonly<Record<string, number>>
  /** Each false alarm with its vehicle and device time, to find the pattern that fooled a rule. */
  readonly falseAlarmList: ReadonlyArray<{
    readonly type: string
    readonly category: Category
    readonly vehicleId: string
    readonly timeMs: number
  }>
}

export interface WorstDay {
  readonly category: string
  readonly vehicleId: string
  readonly day: string
  readonly source: string
  readonly intervalS: number
  /** (rules − truth) / truth, percent. */
  readonly signedPct: number
}

/** How many of the worst vehicle-days a score lists. */
const WORST_DAYS = 8

interface DayRow {
  readonly category: string
  readonly vehicleId: string
  readonly day: string
  readonly source: string
  readonly intervalS: number
  readonly errorPct: number
  readonly signedPct: number
  readonly truthTrips: number
  readonly ruleTrips: number
  readonly tripErrorPct: number
  readonly tripLengthErrorsPct: ReadonlyArray<number>
  readonly splitTrips: number
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const pct = (value: number, truth: number) => (truth === 0 ? 0 : ((value - truth) / truth) * 100)

/**
 * Each true trip against the rules' trips that overlap it in time: its length error is that of the
 * one overlapping it longest (a trip split in two is as long as its longer-lasting part); split when
 * several overlap.
 */
const tripMatches = (truth: ReadonlyArray<TruthTrip>, trips: RulesRun["trips"]) =>
  truth.map((t) => {
    const overlap = (r: RulesRun["trips"][number]) =>
      Math.min(r.endMs, t.endMs) - Math.max(r.startMs, t.startMs)
    const over = trips.filter((r) => overlap(r) > 0)
    const best = over.reduce<RulesRun["trips"][number] | null>(
      (a, r) => (a === null || overlap(r) > overlap(a) ? r : a),
      null,
    )
    return { errorPct: Math.abs(pct(best?.distanceM ?? 0, t.distanceM)), split: over.length > 1 }
  })

const dayRows = (trace: LabelledTrace, run: RulesRun): DayRow[] =>
  trace.days.map((d) => {
    const trips = run.trips.filter((t) => dayOf(t.startMs) === d.day)
    const matches = tripMatches(
      trace.trips.filter((t) => dayOf(t.startMs) === d.day),
      run.trips,
    )
    const tripM = trips.reduce((sum, t) => sum + t.distanceM, 0)
    const signedPct = pct(run.days.get(d.day) ?? 0, d.distanceM)
    return {
      category: trace.category,
      vehicleId: trace.vehicleId,
      day: d.day,
      source: trace.tracker.reportsOdometer ? "odometer" : "gps only",
      intervalS: trace.tracker.drivingIntervalS,
      errorPct: Math.abs(signedPct),
      signedPct,
      truthTrips: d.trips,
      ruleTrips: trips.length,
      tripErrorPct: Math.abs(pct(tripM, d.tripDistanceM)),
      tripLengthErrorsPct: matches.map((m) => m.errorPct),
      splitTrips: matches.filter((m) => m.split).length,
    }
  })

const categoryScore = (name: string, rows: ReadonlyArray<DayRow>): CategoryScore => ({
  category: name,
  vehicleDays: rows.length,
  mileageErrorPct: distribution(rows.map((r) => r.errorPct)),
  mileageBiasPct: distribution(rows.map((r) => r.signedPct)).median,
  truthTrips: rows.reduce((s, r) => s + r.truthTrips, 0),
  ruleTrips: rows.reduce((s, r) => s + r.ruleTrips, 0),
  exactTripDaysPct:
    rows.length === 0 ? 0 : (rows.filter((r) => r.truthTrips === r.ruleTrips).length / rows.length) * 100,
  tripDistanceErrorPct: distribution(rows.map((r) => r.tripErrorPct)),
  tripLengthErrorPct: distribution(rows.flatMap((r) => r.tripLengthErrorsPct)),
  splitTrips: rows.reduce((s, r) => s + r.splitTrips, 0),
})

const groupBy = <T>(items: ReadonlyArray<T>, key: (t: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b)

const eventRows = (
  name: string,
  kinds: ReadonlyArray<TruthKind>,
  results: ReadonlyArray<MatchResult>,
  vehicleDays: number,
): EventScore[] => {
  const matched = results.flatMap((r) => r.matched)
  const missed = results.flatMap((r) => r.missed)
  const duplicates = results.reduce((s, r) => s + r.duplicates.length, 0)
  const falseAlarms = results.reduce((s, r) => s + r.falseAlarms.length, 0)
  const row = (kind: string, m: typeof matched, n: number, aggregate: boolean): EventScore => ({
    kind,
    truth: n,
    matched: m.length,
    recall: ratio(m.length, n),
    amountRecall: ratio(m.filter((x) => x.amountOk).length, n),
    precision: aggregate ? ratio(matched.length, matched.length + duplicates + falseAlarms) : null,
    duplicates: aggregate ? duplicates : null,
    falseAlarms: aggregate ? falseAlarms : null,
    falseAlarmsPer1000VehicleDays: aggregate ? (falseAlarms * 1000) / Math.max(1, vehicleDays) : null,
    delayS: distribution(m.map((x) => x.delayMs / 1000)),
  })
  const of = (kind: TruthKind) => (e: { truth: TruthEvent }) => e.truth.kind === kind
  return [
    row(name, matched, matched.length + missed.length, true),
    ...kinds.map((k) =>
      row(
        k,
        matched.filter(of(k)),
        matched.filter(of(k)).length + missed.filter((e) => e.kind === k).length,
        false,
      ),
    ),
  ]
}

const THEFT_KINDS: ReadonlyArray<TruthKind> = [
  "theft_parked_drain",
  "theft_slow_siphon",
  "theft_idle_drain",
  "theft_after_fill",
]
const ODOMETER_KINDS: ReadonlyArray<TruthKind> = [
  "odometer_rollback",
  "odometer_tamper",
  "odometer_frozen",
  "odometer_jump",
]

/** One trace (its records may be dropped), what the rules derived from it, and how many records it had. */
export interface ScoredTrace {
  readonly trace: LabelledTrace
  readonly run: RulesRun
  readonly records: number
}

/** Scores the rules' outputs against each trace's labels (see matchEvents.ts for the matching). */
export const scoreFleet = (
  runs: ReadonlyArray<ScoredTrace>,
  categories: ReadonlyArray<Category>,
): QualityScore => {
  const rows = runs.flatMap(({ trace, run }) => dayRows(trace, run))
  const vehicleDays = rows.length
  const theft: MatchResult[] = []
  const fill: MatchResult[] = []
  const odometer: MatchResult[] = []
  const falseAlarmsByType: Record<string, number> = {}
  const falseAlarmList: Array<QualityScore["falseAlarmList"][number]> = []
  for (const { trace, run } of runs) {
    const fuel: Detection[] = run.fuelEvents.map((e) => ({
      type: e.kind,
      timeMs: e.timeMs,
      litres: e.litres,
    }))
    theft.push(
      matchEvents(
        trace.events.filter((e) => isTheft(e.kind)),
        fuel,
        { ...FUEL_MATCH, types: ["fuel_drop"] },
      ),
    )
    fill.push(
      matchEvents(
        trace.events.filter((e) => e.kind === "fill"),
        fuel,
        { ...FUEL_MATCH, types: ["fuel_fill"] },
      ),
    )
    const alerts: Detection[] = run.alerts
      .filter((a) => a.type.startsWith("odometer_"))
      .map((a) => ({ type: a.type, timeMs: a.timeMs }))
    odometer.push(
      matchEvents(
        trace.events.filter((e) => isOdometerFault(e.kind)),
        alerts,
        { ...ODOMETER_MATCH, types: [...new Set(alerts.map((a) => a.type))] },
      ),
    )
    for (const d of [theft, fill, odometer].flatMap((r) => r[r.length - 1]?.falseAlarms ?? [])) {
      const key = `${d.type} in ${trace.category}`
      falseAlarmsByType[key] = (falseAlarmsByType[key] ?? 0) + 1
      falseAlarmList.push({
        type: d.type,
        category: trace.category,
        vehicleId: trace.vehicleId,
        timeMs: d.timeMs,
      })
    }
  }
  const byCategory = groupBy(rows, (r) => r.category)
  const bySource = groupBy(rows, (r) => r.source)
  const byInterval = groupBy(
    [...rows].sort((a, b) => a.source.localeCompare(b.source) || a.intervalS - b.intervalS),
    (r) => `${r.source} · ${r.intervalS} s`,
  )
  const outage = groupBy(
    rows.filter((r) => r.category === "gps_outage"),
    (r) => `gps_outage · ${r.source}`,
  )
  return {
    vehicles: runs.length,
    vehicleDays,
    records: runs.reduce((s, r) => s + r.records, 0),
    categories: [
      ...categories
        .filter((c) => byCategory.has(c))
        .map((c) => categoryScore(c, byCategory.get(c) as DayRow[])),
      categoryScore("all", rows),
    ],
    sources: [...bySource].map(([source, list]) => categoryScore(source, list)),
    breakdown: [...byInterval, ...outage].map(([name, list]) => categoryScore(name, list)),
    worstDays: [...rows]
      .sort((a, b) => b.errorPct - a.errorPct)
      .slice(0, WORST_DAYS)
      .map(({ category, vehicleId, day, source, intervalS, signedPct }) => ({
        category,
        vehicleId,
        day,
        source,
        intervalS,
        signedPct,
      })),
    events: [
      ...eventRows("theft", THEFT_KINDS, theft, vehicleDays),
      ...eventRows("fill", [], fill, vehicleDays),
      ...eventRows("odometer", ODOMETER_KINDS, odometer, vehicleDays),
    ],
    falseAlarmsByType,
    falseAlarmList,
  }
}
