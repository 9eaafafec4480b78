import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  newLateTrack,
  planLate,
  type RulesOutput,
  rederive,
  stepWithCheckpoints,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
} from "@fleetcore/engine"
import type { TelemetryRecord } from "@fleetcore/proto"
import type { LabelledTrace } from "./labels.js"

/** How often the engine closes the trips of silent vehicles (server/src/FleetCore.ts tripCloseOutMs). */
export const TRIP_CLOSE_OUT_MS = 30_000
/** Records received within the same second reach the engine as one batch (a bus poll). */
export const BATCH_MS = 1_000

/** What the rules derived from one trace. */
export interface RulesRun {
  /** Metres per UTC day, the final running totals (what `daily_mileage` holds). */
  readonly days: ReadonlyMap<string, number>
  readonly trips: RulesOutput["trips"]
  readonly fuelEvents: RulesOutput["fuelEvents"]
  readonly alerts: RulesOutput["alerts"]
}

type Trip = RulesOutput["trips"][number]
type FuelEvent = RulesOutput["fuelEvents"][number]
type Alert = RulesOutput["alerts"][number]

/** Inserts a record into a list sorted by time (late ones land near the end: a short move). */
const insertByTime = (list: TelemetryRecord[], r: TelemetryRecord): void => {
  let at = list.length
  while (at > 0 && (list[at - 1] as TelemetryRecord).timeMs > r.timeMs) at--
  list.splice(at, 0, r)
}

/** The records with time in (afterMs, untilMs] of a time-sorted list. */
const between = (list: ReadonlyArray<TelemetryRecord>, afterMs: number, untilMs: number) => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as TelemetryRecord).timeMs <= afterMs) lo = mid + 1
    else hi = mid
  }
  const found: TelemetryRecord[] = []
  for (let i = lo; i < list.length && (list[i] as TelemetryRecord).timeMs <= untilMs; i++)
    found.push(list[i] as TelemetryRecord)
  return found
}

/**
 * Feeds one trace through the engine's per-vehicle rules exactly as `Engine` and `RulesRunner` do:
 * each (device, time) once, in DELIVERY order (late uploads arrive late) and in batches of the
 * records received within a second; a batch with points older than the state re-runs the rules
 * from a checkpoint over the records delivered so far (the engine's `positions`), replacing the
 * trips and fuel events after it and the touched days' totals (`rederive.ts`). The trip close-out
 * (`flushVehicleRules`) runs on the server clock every TRIP_CLOSE_OUT_MS between deliveries.
 * The profile is what `vehicleProfiles.ts` loads for a vehicle whose type gives its tank capacity.
 */
export const runRules = (trace: LabelledTrace): RulesRun => {
  const profile: VehicleProfile = { ...unknownProfile, tankCapacityL: trace.tracker.tankCapacityL }
  // What the sinks hold, keyed as in ClickHouse and Postgres.
  const trips = new Map<number, Trip>()
  const fuelEvents = new Map<string, FuelEvent>()
  const alerts = new Map<string, Alert>()
  const days = new Map<string, number>()
  const apply = (out: RulesOutput) => {
    for (const t of out.trips) trips.set(t.startMs, t)
    for (const e of out.fuelEvents) fuelEvents.set(`${e.timeMs}|${e.kind}`, e)
    // An alert occurrence raised again is found, not duplicated.
    for (const a of out.alerts) {
      const key = `${a.type}|${a.key}|${a.timeMs}`
      if (!alerts.has(key)) alerts.set(key, a)
    }
    for (const [day, metres] of out.days) days.set(day, metres)
  }
  const stored: TelemetryRecord[] = []
  const late = newLateTrack()
  let state: VehicleRulesState = initialVehicleRules
  let lastTickMs: number | null = null
  const seen = new Set<number>()

  const run = (batch: TelemetryRecord[]) => {
    const newestBefore = state.lastTimeMs
    const out = emptyOutput()
    for (const r of batch) state = stepWithCheckpoints(late, state, r, out, profile)
    const plan = planLate(late, newestBefore, batch)
    if (plan.kind !== "rerun") {
      apply(out)
      return
    }
    const { from, untilMs } = plan
    const again = rederive(late, from, between(stored, from.atMs, untilMs), state, profile)
    for (const start of [...trips.keys()])
      if (start > from.atMs || start === again.openTripStartMs) trips.delete(start)
    for (const [key, e] of [...fuelEvents]) if (e.timeMs > from.atMs) fuelEvents.delete(key)
    state = again.state
    apply(again.out)
  }

  let batch: TelemetryRecord[] = []
  let batchSecond: number | null = null
  for (const record of trace.records) {
    // The engine's DuplicateFilter (and the positions table's key): one point per (device, time).
    if (seen.has(record.timeMs)) continue
    seen.add(record.timeMs)
    const second = Math.floor(record.receivedAtMs / BATCH_MS)
    if (second !== batchSecond && batch.length > 0) {
      run(batch)
      batch = []
    }
    batchSecond = second
    const tickMs = Math.floor(record.receivedAtMs / TRIP_CLOSE_OUT_MS) * TRIP_CLOSE_OUT_MS
    // Closing is monotonic in the clock: the last tick before this delivery does what all did.
    if (lastTickMs !== null && tickMs > lastTickMs) {
      const out = emptyOutput()
      state = flushVehicleRules(state, tickMs, out, profile)
      apply(out)
    }
    lastTickMs = tickMs
    // Points are stored before the rules run.
    insertByTime(stored, record)
    batch.push(record)
  }
  if (batch.length > 0) run(batch)
  const last = trace.records[trace.records.length - 1]
  if (last !== undefined) {
    const out = emptyOutput()
    state = flushVehicleRules(state, last.receivedAtMs + 86_400_000, out, profile)
    apply(out)
  }
  return {
    days,
    trips: [...trips.values()].sort((a, b) => a.startMs - b.startMs),
    fuelEvents: [...fuelEvents.values()].sort((a, b) => a.timeMs - b.timeMs),
    alerts: [...alerts.values()],
  }
}
