import type { SeededRandom } from "../seededRandom.js"
import type { TruthTrip } from "./labels.js"

/** A span of true time, ms, [fromMs, toMs). */
export interface Window {
  readonly fromMs: number
  readonly toMs: number
}

export const inWindow = (windows: ReadonlyArray<Window>, timeMs: number): Window | undefined =>
  windows.find((w) => timeMs >= w.fromMs && timeMs < w.toMs)

/** A window of `lengthS` seconds starting at a random moment of the trip (it may run past its end). */
const within = (rng: SeededRandom, trip: TruthTrip, lengthS: number): Window => {
  const room = Math.max(0, trip.endMs - trip.startMs - lengthS * 1000)
  const fromMs = trip.startMs + Math.round(rng.next() * room)
  return { fromMs, toMs: fromMs + lengthS * 1000 }
}

/**
 * GPS outages: tunnels (1–4 min while driving, in about half the trips) and one multi-storey
 * garage a day (the last 2 minutes of a trip, the whole stop, and the first 1.5 minutes of the
 * next trip without a fix).
 */
export const outageWindows = (rng: SeededRandom, trips: ReadonlyArray<TruthTrip>): Window[] => {
  const windows: Window[] = []
  trips.forEach((trip, i) => {
    if (rng.chance(0.5)) windows.push(within(rng, trip, Math.round(rng.between(60, 240))))
    const next = trips[i + 1]
    const sameDay =
      next !== undefined && Math.floor(next.startMs / 86_400_000) === Math.floor(trip.startMs / 86_400_000)
    if (sameDay && i % 3 === 1) windows.push({ fromMs: trip.endMs - 120_000, toMs: next.startMs + 90_000 })
  })
  return windows
}

/** Blind areas: the link drops for 5–25 min in about a third of the trips; points are buffered. */
export const blindWindows = (rng: SeededRandom, trips: ReadonlyArray<TruthTrip>): Window[] =>
  trips.filter(() => rng.chance(0.35)).map((trip) => within(rng, trip, Math.round(rng.between(5, 25) * 60)))

/** Clock steps: the device clock falls 30–300 s behind for 3–10 min in about a third of the trips. */
export const skewWindows = (
  rng: SeededRandom,
  trips: ReadonlyArray<TruthTrip>,
): Array<Window & { readonly behindMs: number }> =>
  trips
    .filter(() => rng.chance(0.35))
    .map((trip) => ({
      ...within(rng, trip, Math.round(rng.between(3, 10) * 60)),
      behindMs: Math.round(rng.between(30, 300)) * 1000,
    }))

/** Multipath: the fix is thrown 30–120 m aside for 5–45 s, about three times an hour of driving. */
export const multipathWindows = (
  rng: SeededRandom,
  trips: ReadonlyArray<TruthTrip>,
): Array<Window & { readonly northM: number; readonly eastM: number }> =>
  trips.flatMap((trip) => {
    const count = Math.round(((trip.endMs - trip.startMs) / 3_600_000) * 3 * rng.between(0.5, 1.5))
    return Array.from({ length: count }, () => {
      const w = within(rng, trip, Math.round(rng.between(5, 45)))
      const m = rng.between(30, 120)
      const angle = rng.between(0, 2 * Math.PI)
      return { ...w, northM: m * Math.cos(angle), eastM: m * Math.sin(angle) }
    })
  })
