import type { TelemetryRecord } from "@fleetcore/proto"
import type { LatLon } from "../geo.js"
import {
  defaultMileageConfig,
  initialMileageState,
  type MileageConfig,
  type MileageState,
  type MileageStep,
  stepMileage,
} from "../mileage/MileageRule.js"

/**
 * Trips: a vehicle's driving split into trips at stops. A trip starts when the vehicle moves
 * (ignition not off, speed at least movingSpeedMps) and ends at the first point of a stop that
 * lasts minStopDurationS, or at the last point before a silence longer than maxGapS. Shorter stops
 * (traffic lights, a stalled engine) stay inside the trip and count as idle time. Distance comes
 * from the mileage rule, so trips and mileage always agree.
 *
 * GPS outages (tunnels, garages): a record without a fix (see fixValidity) says nothing of where
 * the vehicle is or how fast it goes. While the ignition is not off such records neither move nor
 * stop the trip; when the fix returns, the segment across the outage is bridged with what mileage
 * counts for it (the straight line, or the odometer's delta) and the trip notes the outage. With
 * an odometer reading the record's motion is known after all (the odometer's advance over the
 * time): it is a point at the last fix's position moving at that speed, so a stop the odometer
 * shows (a garage where the vehicle stood) still ends the trip.
 */

export interface TripConfig {
  readonly minTripDurationS: number
  readonly minStopDurationS: number
  readonly movingSpeedMps: number
  readonly maxGapS: number
  /**
   * The longest GPS outage with the ignition on that is bridged (s); with the ignition not
   * reported, maxGapS. Past it the trip ends at its last fix, as after a silence.
   */
  readonly maxOutageS: number
  readonly mileage: MileageConfig
}

export const defaultTripConfig: TripConfig = {
  minTripDurationS: 60,
  minStopDurationS: 180,
  movingSpeedMps: 1.5,
  maxGapS: 600,
  maxOutageS: 1800,
  mileage: defaultMileageConfig,
}

export interface TripPoint extends LatLon {
  readonly timeMs: number
}

/** Time and distance accumulated over segments (point to point). */
export interface TripTotals {
  readonly distanceM: number
  readonly movingS: number
  readonly idleS: number
  /** Null while no fuelUsedL delta is known. */
  readonly fuelUsedL: number | null
  /** Time and distance of segments across GPS outages (included in the above). */
  readonly outageS: number
  readonly bridgedM: number
}

export interface OpenTrip {
  readonly orgId: TelemetryRecord["orgId"]
  readonly vehicleId: TelemetryRecord["vehicleId"]
  readonly deviceId: TelemetryRecord["deviceId"]
  readonly start: TripPoint
  /** The last point that belongs to the trip: the newest moving point, or the stop's first point. */
  readonly end: TripPoint
  readonly totals: TripTotals
  readonly maxSpeedMps: number
  /**
   * An unconfirmed stop: its first point and what accrued since, merged back if it is short;
   * `skippedMs`: device-clock steps forward inside it, which are no time the vehicle stood.
   */
  readonly stop: {
    readonly start: TripPoint
    readonly totals: TripTotals
    readonly skippedMs?: number
  } | null
}

/** The previous point, as far as trips need it. */
export interface LastPoint extends TripPoint {
  readonly receivedAtMs: number
  readonly moving: boolean
  readonly ignition: boolean | null
  /** The newest fuelUsedL counter reading, if any. */
  readonly fuelUsedL: number | null
  /** False for a point without a GPS fix (at the last fix's position); absent in older snapshots. */
  readonly fix?: boolean
  /**
   * The device's clock and the server's advanced alike from the point before (within
   * CLOCK_STEP_MS): a point that came live, at the tracker's pace. Absent in older snapshots.
   */
  readonly paced?: boolean
}

/** Records without a fix since the last point (ignition not off). */
export interface Outage {
  /** Device time, receipt time and ignition of the newest of them. */
  readonly lastMs: number
  readonly receivedAtMs: number
  readonly ignition: boolean | null
  /** Metres mileage counted on them (odometer readings), bridged with the fix that ends it. */
  readonly metres: number
  /** A silence or too long an outage came in between: the next fix starts afresh, as after a gap. */
  readonly gapped: boolean
}

export interface TripState {
  readonly mileage: MileageState
  /** The previous point with a fix (or, ignition off, at the last fix's position). */
  readonly last: LastPoint | null
  readonly trip: OpenTrip | null
  /** Optional: snapshots taken before outages were tracked have none. */
  readonly outage?: Outage | null
}

export const initialTripState: TripState = {
  mileage: initialMileageState,
  last: null,
  trip: null,
  outage: null,
}

export interface TripEvent {
  readonly kind: "trip"
  readonly orgId: TelemetryRecord["orgId"]
  readonly vehicleId: TelemetryRecord["vehicleId"]
  readonly deviceId: TelemetryRecord["deviceId"]
  readonly startMs: number
  readonly endMs: number
  readonly startLat: number
  readonly startLon: number
  readonly endLat: number
  readonly endLon: number
  readonly distanceM: number
  readonly durationS: number
  readonly maxSpeedMps: number
  /** distanceM over moving time (segments with either end moving). */
  readonly avgSpeedMps: number
  /** Time standing still with the ignition on (or not reported) inside the trip. */
  readonly idleS: number
  readonly fuelUsedL: number | null
  /** Time without a GPS fix bridged inside the trip (0 when none). */
  readonly outageS: number
  /** Distance counted across those outages: straight lines or odometer deltas. */
  readonly bridgedM: number
}

export interface TripStep {
  readonly state: TripState
  readonly events: ReadonlyArray<TripEvent>
}

const ZERO: TripTotals = { distanceM: 0, movingS: 0, idleS: 0, fuelUsedL: null, outageS: 0, bridgedM: 0 }

const addFuel = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : a + b

const add = (a: TripTotals, b: TripTotals): TripTotals => ({
  distanceM: a.distanceM + b.distanceM,
  movingS: a.movingS + b.movingS,
  idleS: a.idleS + b.idleS,
  fuelUsedL: addFuel(a.fuelUsedL, b.fuelUsedL),
  // An open trip (or stop) restored from a snapshot older than outage tracking lacks these two.
  outageS: (a.outageS ?? 0) + (b.outageS ?? 0),
  bridgedM: (a.bridgedM ?? 0) + (b.bridgedM ?? 0),
})

/** The open trip with new progress (built in full: spreading objects is slow on this hot path). */
const reopen = (
  trip: OpenTrip,
  end: TripPoint,
  totals: TripTotals,
  maxSpeedMps: number,
  stop: OpenTrip["stop"],
): OpenTrip => ({
  orgId: trip.orgId,
  vehicleId: trip.vehicleId,
  deviceId: trip.deviceId,
  start: trip.start,
  end,
  totals,
  maxSpeedMps,
  stop,
})

/** The finished trip's event, or none if it is shorter than minTripDurationS. */
const finish = (trip: OpenTrip, config: TripConfig): TripEvent[] => {
  const durationS = (trip.end.timeMs - trip.start.timeMs) / 1000
  if (durationS < config.minTripDurationS) return []
  const { distanceM, movingS, idleS, fuelUsedL, outageS = 0, bridgedM = 0 } = trip.totals
  const avgSpeedMps = movingS > 0 ? distanceM / movingS : 0
  return [
    {
      kind: "trip",
      orgId: trip.orgId,
      vehicleId: trip.vehicleId,
      deviceId: trip.deviceId,
      startMs: trip.start.timeMs,
      endMs: trip.end.timeMs,
      startLat: trip.start.lat,
      startLon: trip.start.lon,
      endLat: trip.end.lat,
      endLon: trip.end.lon,
      distanceM,
      durationS,
      // Covering the distance in the moving time means reaching at least the average: a speed
      // sensor that reads low (25 m/s reported while covering 32) must not make max < avg. The trip's
      // average, not a segment's, so GPS noise on one short segment does not inflate it.
      maxSpeedMps: Math.max(trip.maxSpeedMps, avgSpeedMps),
      avgSpeedMps,
      idleS,
      fuelUsedL,
      outageS,
      bridgedM,
    },
  ]
}

export type TripRecord = Pick<
  TelemetryRecord,
  "orgId" | "vehicleId" | "deviceId" | "receivedAtMs" | "fuelUsedL"
> &
  Parameters<typeof stepMileage>[1]

/**
 * A device clock that jumps ahead by more than this between two points that arrive at the tracker's
 * pace stepped forward (an NTP or GPS time correction, the end of a clock that had fallen behind):
 * the jump is no time the vehicle spent. mileage's clockStepS (5 s) for the step back.
 */
const CLOCK_STEP_MS = 5_000

/**
 * How far the device clock stepped forward between `prev` and `record`: the device time that passed
 * beyond the server's, when `prev` itself came at the tracker's pace and `record` followed it live.
 * A burst from a tracker's buffer never qualifies: its points arrive together, not at their pace.
 */
const clockStepMs = (prev: LastPoint, record: TripRecord): number => {
  const serverMs = record.receivedAtMs - prev.receivedAtMs
  const deviceMs = record.timeMs - prev.timeMs
  return prev.paced === true && serverMs >= 0 && deviceMs - serverMs > CLOCK_STEP_MS ? deviceMs - serverMs : 0
}

/** How long an outage may last and still be bridged, by the ignition its samples report (ms). */
const outageLimitMs = (ignition: boolean | null, config: TripConfig): number =>
  (ignition === true ? config.maxOutageS : config.maxGapS) * 1000

/**
 * A record without a fix while the ignition is not off: it neither moves nor stops the trip (an
 * unconfirmed stop stays in the trip: whether the vehicle still stands cannot be seen). An outage
 * too long to bridge ends the trip at its last point.
 */
const holdThroughOutage = (
  state: TripState,
  record: TripRecord,
  metres: number,
  config: TripConfig,
): { trip: OpenTrip | null; outage: Outage; events: TripEvent[] } => {
  const prev = state.last
  const outage = state.outage ?? null
  const ignition = record.ignition ?? null
  const newestMs = outage?.lastMs ?? prev?.timeMs
  const gapped =
    prev === null ||
    (outage?.gapped ?? false) ||
    (newestMs !== undefined && record.timeMs - newestMs > config.maxGapS * 1000) ||
    record.timeMs - prev.timeMs > outageLimitMs(ignition, config)
  let trip = state.trip
  const events: TripEvent[] = []
  if (trip !== null && gapped) {
    events.push(...finish(trip, config))
    trip = null
  } else if (trip?.stop != null) {
    trip = reopen(trip, trip.end, add(trip.totals, trip.stop.totals), trip.maxSpeedMps, null)
  }
  const next: Outage = {
    lastMs: record.timeMs,
    receivedAtMs: record.receivedAtMs,
    ignition,
    metres: (outage?.metres ?? 0) + metres,
    gapped,
  }
  return { trip, outage: next, events }
}

/**
 * Advances a vehicle's trip segmentation by one record. Duplicates and out-of-order records (not
 * newer than the previous record) change nothing. Speed is the reported one, or else the mileage
 * distance over the elapsed time. Records without a fix: see holdThroughOutage; with the ignition
 * off they are stop points at the last fix's position.
 */
export const stepTrips = (
  state: TripState,
  record: TripRecord,
  config: TripConfig = defaultTripConfig,
  /**
   * `stepMileage(state.mileage, record, config.mileage)` when the caller already has it (the
   * vehicle's mileage rule steps the same state with the same record and configuration).
   */
  mileageStep?: MileageStep,
): TripStep => {
  const prev = state.last
  const outage = state.outage ?? null
  const newestMs = outage?.lastMs ?? prev?.timeMs
  if (newestMs !== undefined && record.timeMs <= newestMs) return { state, events: [] }
  // A reading that the odometer track measures from its previous one: motion without a fix.
  const odometerMotion = record.odometerM !== undefined && state.mileage.odometer !== null
  const mileage = mileageStep ?? stepMileage(state.mileage, record, config.mileage)
  if (!mileage.fix && record.ignition !== false && !odometerMotion) {
    const held = holdThroughOutage(state, record, mileage.metres, config)
    return {
      state: { mileage: mileage.state, last: prev, trip: held.trip, outage: held.outage },
      events: held.events,
    }
  }
  // Without an outage between: what the device clock jumped ahead is not time that passed.
  const stepMs = prev === null || outage !== null ? 0 : clockStepMs(prev, record)
  const dtS = prev === null ? 0 : (record.timeMs - prev.timeMs - stepMs) / 1000
  const gapped =
    prev === null ||
    (newestMs !== undefined && record.timeMs - newestMs > config.maxGapS * 1000) ||
    (outage !== null &&
      (outage.gapped || record.timeMs - prev.timeMs > outageLimitMs(outage.ignition, config)))
  // The segment from the last fix spans an outage: bridged with what mileage counted across it.
  const bridged = outage !== null && !gapped
  const metres = mileage.metres + (bridged ? outage.metres : 0)
  const impliedMps = dtS > 0 ? metres / dtS : 0
  const speed = mileage.fix ? (record.speedMps ?? impliedMps) : impliedMps
  const moving = record.ignition !== false && speed >= config.movingSpeedMps
  // Without a fix (ignition off) the vehicle is where the last fix left it.
  const at = mileage.fix || prev === null ? record : prev
  const point: TripPoint = { timeMs: record.timeMs, lat: at.lat, lon: at.lon }
  const fuelDelta =
    prev?.fuelUsedL != null && record.fuelUsedL !== undefined && record.fuelUsedL >= prev.fuelUsedL
      ? record.fuelUsedL - prev.fuelUsedL
      : null
  const last: LastPoint = {
    timeMs: record.timeMs,
    lat: at.lat,
    lon: at.lon,
    receivedAtMs: record.receivedAtMs,
    moving,
    ignition: record.ignition ?? null,
    fuelUsedL: record.fuelUsedL ?? prev?.fuelUsedL ?? null,
    fix: mileage.fix,
    paced:
      prev !== null &&
      Math.abs(record.timeMs - prev.timeMs - (record.receivedAtMs - prev.receivedAtMs)) <= CLOCK_STEP_MS,
  }
  const events: TripEvent[] = []
  let trip = state.trip
  if (trip !== null && gapped) {
    events.push(...finish(trip, config))
    trip = null
  }
  // What happened between the previous point and this one (nothing across a gap). Across an
  // outage the ends' speeds say nothing of the time between: the distance covered does.
  const bridgeMoving = impliedMps >= config.movingSpeedMps
  // A segment from or to a point without a fix, ignition not off (parked, the last fix's position
  // is right): distance by odometer or bridged.
  const withoutFix = mileage.fix ? prev?.fix === false && prev.ignition !== false : record.ignition !== false
  const segment: TripTotals =
    prev === null || gapped
      ? ZERO
      : bridged
        ? {
            distanceM: metres,
            movingS: bridgeMoving ? dtS : 0,
            idleS: bridgeMoving ? 0 : dtS,
            fuelUsedL: fuelDelta,
            outageS: dtS,
            bridgedM: metres,
          }
        : {
            distanceM: metres,
            movingS: moving || prev.moving ? dtS : 0,
            idleS: !moving && !prev.moving && prev.ignition !== false ? dtS : 0,
            fuelUsedL: fuelDelta,
            outageS: withoutFix ? dtS : 0,
            bridgedM: withoutFix ? metres : 0,
          }
  // Reaching the fix after an outage took at least the average speed across it.
  const pointMaxMps = bridged ? Math.max(speed, impliedMps) : speed

  /** How long the open stop has lasted at this record, clock steps taken out. */
  const stoodMs = (stop: NonNullable<OpenTrip["stop"]>) =>
    record.timeMs - stop.start.timeMs - (stop.skippedMs ?? 0) - stepMs
  if (trip !== null && trip.stop !== null && moving) {
    // A stop ends. Long enough: the trip ended where it began, and a new one starts from the previous point.
    if (stoodMs(trip.stop) >= config.minStopDurationS * 1000) {
      events.push(...finish(trip, config))
      trip = null
    } else {
      trip = reopen(trip, trip.end, add(trip.totals, trip.stop.totals), trip.maxSpeedMps, null)
    }
  }

  if (trip === null) {
    if (moving) {
      const start: TripPoint =
        prev === null || gapped ? point : { timeMs: prev.timeMs, lat: prev.lat, lon: prev.lon }
      trip = {
        orgId: record.orgId,
        vehicleId: record.vehicleId,
        deviceId: record.deviceId,
        start,
        end: point,
        totals: segment,
        maxSpeedMps: pointMaxMps,
        stop: null,
      }
    }
  } else if (moving) {
    trip = reopen(trip, point, add(trip.totals, segment), Math.max(trip.maxSpeedMps, pointMaxMps), null)
  } else if (trip.stop === null) {
    // Arriving: the segment up to here belongs to the trip, and a stop may begin here.
    const maxSpeedMps = Math.max(trip.maxSpeedMps, pointMaxMps)
    trip = reopen(trip, point, add(trip.totals, segment), maxSpeedMps, { start: point, totals: ZERO })
  } else if (stoodMs(trip.stop) >= config.minStopDurationS * 1000) {
    events.push(...finish(trip, config))
    trip = null
  } else {
    const skippedMs = (trip.stop.skippedMs ?? 0) + stepMs
    const stop = {
      start: trip.stop.start,
      totals: add(trip.stop.totals, segment),
      ...(skippedMs > 0 ? { skippedMs } : {}),
    }
    trip = reopen(trip, trip.end, trip.totals, trip.maxSpeedMps, stop)
  }

  return { state: { mileage: mileage.state, last, trip, outage: null }, events }
}

/**
 * Closes the open trip of a vehicle silent for longer than maxGapS: no record received since
 * `nowMs - maxGapS` (server clock, compared with the last record's receivedAtMs, with or without
 * a fix). The trip ends at its last point.
 */
export const flushTrips = (
  state: TripState,
  nowMs: number,
  config: TripConfig = defaultTripConfig,
): TripStep => {
  if (state.trip === null || state.last === null) return { state, events: [] }
  const receivedAtMs = Math.max(state.last.receivedAtMs, state.outage?.receivedAtMs ?? 0)
  if (nowMs - receivedAtMs <= config.maxGapS * 1000) return { state, events: [] }
  return { state: { ...state, trip: null }, events: finish(state.trip, config) }
}
