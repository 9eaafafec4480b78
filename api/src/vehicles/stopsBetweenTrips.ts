/** What a stop needs of a trip: when it started and when and where it ended. */
export interface TripBounds {
  readonly startMs: number
  readonly endMs: number
  readonly endLat: number
  readonly endLon: number
}

export interface StopSpan {
  readonly startMs: number
  /** null: the vehicle still stands there. */
  readonly endMs: number | null
  readonly lat: number
  readonly lon: number
  readonly durationS: number
}

export interface StopsInput {
  /** Consecutive trips, oldest first: the last one before the period, those in it, the first after it. */
  readonly trips: ReadonlyArray<TripBounds>
  /** The period, [fromMs, toMs). */
  readonly fromMs: number
  readonly toMs: number
  /** True when `trips` ends with the vehicle's latest trip and the rules hold no open trip now. */
  readonly standingNow: boolean
  readonly nowMs: number
}

/**
 * The stops of a vehicle in a period: each gap between two consecutive trips (from the earlier
 * trip's end, at its end position, to the later trip's start) that overlaps [fromMs, toMs), and
 * after the last trip an open stop while the vehicle stands. Gaps of no time are no stops.
 */
export const stopsBetweenTrips = (input: StopsInput): StopSpan[] => {
  const { trips, fromMs, toMs } = input
  const out: StopSpan[] = []
  const overlaps = (startMs: number, endMs: number) => startMs < toMs && endMs > fromMs
  for (let i = 1; i < trips.length; i++) {
    const before = trips[i - 1] as TripBounds
    const after = trips[i] as TripBounds
    if (after.startMs <= before.endMs || !overlaps(before.endMs, after.startMs)) continue
    out.push({
      startMs: before.endMs,
      endMs: after.startMs,
      lat: before.endLat,
      lon: before.endLon,
      durationS: (after.startMs - before.endMs) / 1000,
    })
  }
  const last = trips.at(-1)
  if (
    input.standingNow &&
    last !== undefined &&
    input.nowMs > last.endMs &&
    overlaps(last.endMs, input.nowMs)
  ) {
    out.push({
      startMs: last.endMs,
      endMs: null,
      lat: last.endLat,
      lon: last.endLon,
      durationS: (input.nowMs - last.endMs) / 1000,
    })
  }
  return out
}
