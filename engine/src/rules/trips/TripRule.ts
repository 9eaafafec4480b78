import type { TelemetryRecord } from "@fleetcore/proto"
import type { LatLon } from "../geo.js"
import {
  defaultMileageConfig,
  initialMileageState,
  type MileageConfig,
  type MileageState,
  stepMileage,
} from "../mileage/MileageRule.js"

/**
 * Trips: a vehicle's driving split into trips at stops. A trip starts when the vehicle moves
 * (ignition not off, speed at least movingSpeedMps) and ends at the first point of a stop that
 * lasts minStopDurationS, or at the last point before a silence longer than maxGapS. Shorter stops
 * (traffic lights, a stalled engine) stay inside the trip and count as idle time. Distance comes
 * from the mileage rule, so trips and mileage always agree.
 */

export interface TripConfig {
  readonly minTripDurationS: number
  readonly minStopDurationS: number
  readonly movingSpeedMps: number
  readonly maxGapS: number
  readonly mileage: MileageConfig
}

export const defaultTripConfig: TripConfig = {
  minTripDurationS: 60,
  minStopDurationS: 180,
  movingSpeedMps: 1.5,
  maxGapS: 600,
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
  /** An unconfirmed stop: its first point and what accrued since, merged back if it is short. */
  readonly stop: { readonly start: TripPoint; readonly totals: TripTotals } | null
}

/** The previous point, as far as trips need it. */
export interface LastPoint extends TripPoint {
  readonly receivedAtMs: number
  readonly moving: boolean
  readonly ignition: boolean | null
  /** The newest fuelUsedL counter reading, if any. */
  readonly fuelUsedL: number | null
}

export interface TripState {
  readonly mileage: MileageState
  readonly last: LastPoint | null
  readonly trip: OpenTrip | null
}

export const initialTripState: TripState = { mileage: initialMileageState, last: null, trip: null }

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
}

export interface TripStep {
  readonly state: TripState
  readonly events: ReadonlyArray<TripEvent>
}

const ZERO: TripTotals = { distanceM: 0, movingS: 0, idleS: 0, fuelUsedL: null }

const addFuel = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : a + b

const add = (a: TripTotals, b: TripTotals): TripTotals => ({
  distanceM: a.distanceM + b.distanceM,
  movingS: a.movingS + b.movingS,
  idleS: a.idleS + b.idleS,
  fuelUsedL: addFuel(a.fuelUsedL, b.fuelUsedL),
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
  const { distanceM, movingS, idleS, fuelUsedL } = trip.totals
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
      maxSpeedMps: trip.maxSpeedMps,
      avgSpeedMps: movingS > 0 ? distanceM / movingS : 0,
      idleS,
      fuelUsedL,
    },
  ]
}

export type TripRecord = Pick<
  TelemetryRecord,
  "orgId" | "vehicleId" | "deviceId" | "receivedAtMs" | "fuelUsedL"
> &
  Parameters<typeof stepMileage>[1]

/**
 * Advances a vehicle's trip segmentation by one record. Duplicates and out-of-order records (not
 * newer than the previous point) change nothing. Speed is the reported one, or else the mileage
 * distance over the elapsed time.
 */
export const stepTrips = (
  state: TripState,
  record: TripRecord,
  config: TripConfig = defaultTripConfig,
): TripStep => {
  const prev = state.last
  if (prev !== null && record.timeMs <= prev.timeMs) return { state, events: [] }
  const mileage = stepMileage(state.mileage, record, config.mileage)
  const dtS = prev === null ? 0 : (record.timeMs - prev.timeMs) / 1000
  const speed = record.speedMps ?? (dtS > 0 ? mileage.metres / dtS : 0)
  const moving = record.ignition !== false && speed >= config.movingSpeedMps
  const point: TripPoint = { timeMs: record.timeMs, lat: record.lat, lon: record.lon }
  const fuelDelta =
    prev?.fuelUsedL != null && record.fuelUsedL !== undefined && record.fuelUsedL >= prev.fuelUsedL
      ? record.fuelUsedL - prev.fuelUsedL
      : null
  const last: LastPoint = {
    timeMs: record.timeMs,
    lat: record.lat,
    lon: record.lon,
    receivedAtMs: record.receivedAtMs,
    moving,
    ignition: record.ignition ?? null,
    fuelUsedL: record.fuelUsedL ?? prev?.fuelUsedL ?? null,
  }
  const events: TripEvent[] = []
  let trip = state.trip
  const gapped = prev === null || dtS > config.maxGapS
  if (trip !== null && gapped) {
    events.push(...finish(trip, config))
    trip = null
  }
  // What happened between the previous point and this one (nothing across a gap).
  const segment: TripTotals =
    prev === null || gapped
      ? ZERO
      : {
          distanceM: mileage.metres,
          movingS: moving || prev.moving ? dtS : 0,
          idleS: !moving && !prev.moving && prev.ignition !== false ? dtS : 0,
          fuelUsedL: fuelDelta,
        }

  if (trip !== null && trip.stop !== null && moving) {
    // A stop ends. Long enough: the trip ended where it began, and a new one starts from the previous point.
    if (record.timeMs - trip.stop.start.timeMs >= config.minStopDurationS * 1000) {
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
        maxSpeedMps: speed,
        stop: null,
      }
    }
  } else if (moving) {
    trip = reopen(trip, point, add(trip.totals, segment), Math.max(trip.maxSpeedMps, speed), null)
  } else if (trip.stop === null) {
    // Arriving: the segment up to here belongs to the trip, and a stop may begin here.
    trip = reopen(trip, point, add(trip.totals, segment), trip.maxSpeedMps, { start: point, totals: ZERO })
  } else if (record.timeMs - trip.stop.start.timeMs >= config.minStopDurationS * 1000) {
    events.push(...finish(trip, config))
    trip = null
  } else {
    const stop = { start: trip.stop.start, totals: add(trip.stop.totals, segment) }
    trip = reopen(trip, trip.end, trip.totals, trip.maxSpeedMps, stop)
  }

  return { state: { mileage: mileage.state, last, trip }, events }
}

/**
 * Closes the open trip of a vehicle silent for longer than maxGapS: no record received since
 * `nowMs - maxGapS` (server clock, compared with the last record's receivedAtMs).
 */
export const flushTrips = (
  state: TripState,
  nowMs: number,
  config: TripConfig = defaultTripConfig,
): TripStep => {
  if (state.trip === null || state.last === null) return { state, events: [] }
  if (nowMs - state.last.receivedAtMs <= config.maxGapS * 1000) return { state, events: [] }
  return { state: { ...state, trip: null }, events: finish(state.trip, config) }
}
