import type { SeededRandom } from "../seededRandom.js"
import type { Category } from "./categories.js"
import type { TruthEvent, TruthTrip } from "./labels.js"
import type { TrueSample } from "./TrueSample.js"

/** The odometer a faulty dongle reports, as a function of the true distance driven. */
export interface OdometerFault {
  readonly event: TruthEvent
  /** Metres to add to the true odometer at a sample with this true distance and time. */
  readonly offsetM: (distanceM: number, timeMs: number) => number
}

/**
 * Alerts up to this far (true distance) after a fault ended are about that fault, late or repeated,
 * not false alarms: the odometer-vs-GPS comparison looks back over 50 km.
 */
const RELATED_M = 50_000

/** The first sample time at which the vehicle had driven `distanceM`, else the last sample's. */
const timeAtDistance = (samples: ReadonlyArray<TrueSample>, distanceM: number): number =>
  (samples.find((s) => s.distanceM >= distanceM) ?? (samples[samples.length - 1] as TrueSample)).timeMs

const distanceAt = (samples: ReadonlyArray<TrueSample>, timeMs: number): number =>
  (samples.find((s) => s.timeMs >= timeMs) ?? (samples[samples.length - 1] as TrueSample)).distanceM

/**
 * One fault a day for the odometer categories, placed in one of the day's first trips:
 * a rollback (by 5–25 % of the reading, while parked after the trip), a jump (+2,000…+30,000 km while
 * driving), tampering (the odometer runs 15–40 % slow for 15–30 km) or a freeze (the dongle is
 * unplugged for 5–20 km and reads its last value; re-plugged, it shows the true value again).
 * A fault that would begin before the previous one ended is left out: a tampering that runs on
 * into the next day's first trips is one slow stretch to anyone reading the odometer, not two.
 */
export const odometerFaults = (
  rng: SeededRandom,
  category: Category,
  odometerStartM: number,
  samples: ReadonlyArray<TrueSample>,
  tripsByDay: ReadonlyArray<ReadonlyArray<TruthTrip>>,
): OdometerFault[] => {
  let endedMs = Number.NEGATIVE_INFINITY
  return dailyFaults(rng, category, odometerStartM, samples, tripsByDay).filter(({ event }) => {
    if (event.startMs <= endedMs) return false
    endedMs = event.endMs
    return true
  })
}

const dailyFaults = (
  rng: SeededRandom,
  category: Category,
  odometerStartM: number,
  samples: ReadonlyArray<TrueSample>,
  tripsByDay: ReadonlyArray<ReadonlyArray<TruthTrip>>,
): OdometerFault[] =>
  tripsByDay.flatMap((trips, day): OdometerFault[] => {
    const trip = trips[rng.int(Math.max(1, Math.min(2, trips.length - 1)))]
    if (trip === undefined) return []
    const atMs = trip.startMs + Math.round(rng.between(0.2, 0.6) * (trip.endMs - trip.startMs))
    const startDistanceM = distanceAt(samples, atMs)
    const within10KmMs = timeAtDistance(samples, startDistanceM + 10_000)
    const base = { startDistanceM, within10KmMs }
    switch (category) {
      case "odometer_rollback": {
        const parkedMs = trip.endMs + 2_000
        const d = distanceAt(samples, parkedMs)
        // 5–25 % of the reading, halving each day, so that repeated rollbacks stay above zero.
        const byM = -Math.round(rng.between(0.05, 0.25) * odometerStartM * 0.5 ** day)
        return [
          {
            event: {
              kind: "odometer_rollback",
              startMs: parkedMs,
              endMs: parkedMs,
              startDistanceM: d,
              within10KmMs: timeAtDistance(samples, d + 10_000),
              relatedUntilMs: timeAtDistance(samples, d + RELATED_M),
            },
            offsetM: (_, t) => (t >= parkedMs ? byM : 0),
          },
        ]
      }
      case "odometer_jump": {
        const byM = Math.round(rng.between(2_000, 30_000)) * 1000
        return [
          {
            event: {
              kind: "odometer_jump",
              startMs: atMs,
              endMs: atMs,
              ...base,
              relatedUntilMs: timeAtDistance(samples, startDistanceM + RELATED_M),
            },
            offsetM: (_, t) => (t >= atMs ? byM : 0),
          },
        ]
      }
      case "odometer_tamper": {
        const percent = Math.round(rng.between(15, 40))
        const lengthM = rng.between(15_000, 30_000)
        const endM = startDistanceM + lengthM
        const endMs = timeAtDistance(samples, endM)
        const slow = (d: number) => -(percent / 100) * (Math.min(d, endM) - startDistanceM)
        return [
          {
            event: {
              kind: "odometer_tamper",
              startMs: atMs,
              endMs,
              ...base,
              relatedUntilMs: timeAtDistance(samples, endM + RELATED_M),
              percent,
            },
            offsetM: (d, t) => (t >= atMs ? slow(d) : 0),
          },
        ]
      }
      case "odometer_frozen": {
        const endM = startDistanceM + rng.between(5_000, 20_000)
        const endMs = timeAtDistance(samples, endM)
        return [
          {
            event: {
              kind: "odometer_frozen",
              startMs: atMs,
              endMs,
              ...base,
              relatedUntilMs: timeAtDistance(samples, endM + RELATED_M),
            },
            offsetM: (d, t) => (t >= atMs && t < endMs ? startDistanceM - d : 0),
          },
        ]
      }
      default:
        return []
    }
  })
