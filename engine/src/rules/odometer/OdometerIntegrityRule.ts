import type { TelemetryRecord } from "@fleetcore/proto"
import {
  defaultGpsDistanceConfig,
  type GpsDistanceConfig,
  type GpsDistanceState,
  initialGpsDistanceState,
  stepGpsDistance,
} from "../mileage/GpsDistance.js"
import {
  defaultOdometerLimits,
  type OdometerLimits,
  type OdometerTrack,
  trackOdometer,
} from "./OdometerTrack.js"

/**
 * Odometer integrity: alerts when a device's odometer rolls back, jumps further than the vehicle
 * could have driven, or drifts away from the distance its GPS track shows. Each incident raises
 * one alert: after a rollback or jump the device is followed from its new value, and a mismatch
 * re-arms only once the two distances agree again.
 */

export interface OdometerIntegrityConfig extends GpsDistanceConfig, OdometerLimits {
  /** GPS distance the odometer is compared over (m), in `mismatchBuckets` steps. */
  readonly mismatchWindowM: number
  readonly mismatchBuckets: number
  /** Alert when |odometer − GPS| exceeds this percentage of the GPS distance. */
  readonly mismatchPct: number
  /** Stretches with a silence longer than this are left out of the comparison (s). */
  readonly mismatchMaxGapS: number
}

export const defaultOdometerIntegrityConfig: OdometerIntegrityConfig = {
  ...defaultGpsDistanceConfig,
  ...defaultOdometerLimits,
  mismatchWindowM: 50_000,
  mismatchBuckets: 10,
  mismatchPct: 10,
  mismatchMaxGapS: 300,
}

export interface DistancePair {
  readonly gpsM: number
  readonly odometerM: number
}

export interface OdometerIntegrityState {
  /** Device time of the newest point processed; points not newer are ignored. */
  readonly lastTimeMs: number | null
  readonly odometer: OdometerTrack | null
  readonly gps: GpsDistanceState
  /** GPS metres since the last odometer reading; tainted by a gap or a GPS relocation. */
  readonly pending: { readonly gpsM: number; readonly tainted: boolean }
  /** Completed window steps, oldest first (at most mismatchBuckets), and the one filling up. */
  readonly buckets: ReadonlyArray<DistancePair>
  readonly current: DistancePair
  readonly mismatchOpen: boolean
}

const NONE: DistancePair = { gpsM: 0, odometerM: 0 }
const CLEAN = { gpsM: 0, tainted: false }

export const initialOdometerIntegrityState: OdometerIntegrityState = {
  lastTimeMs: null,
  odometer: null,
  gps: initialGpsDistanceState,
  pending: CLEAN,
  buckets: [],
  current: NONE,
  mismatchOpen: false,
}

export type OdometerAlertKind = "odometer_rollback" | "odometer_jump" | "odometer_mismatch"

export interface OdometerAlert {
  readonly kind: OdometerAlertKind
  readonly orgId: TelemetryRecord["orgId"]
  readonly vehicleId: TelemetryRecord["vehicleId"]
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  /** The numbers behind the alert, in metres, seconds, km/h and percent as named. */
  readonly details: Readonly<Record<string, number>>
}

export interface OdometerIntegrityStep {
  readonly state: OdometerIntegrityState
  readonly events: ReadonlyArray<OdometerAlert>
}

export type OdometerIntegrityRecord = Pick<TelemetryRecord, "orgId" | "vehicleId" | "odometerM"> &
  Parameters<typeof stepGpsDistance>[1]

const sum = (pairs: ReadonlyArray<DistancePair>): DistancePair =>
  pairs.reduce((a, b) => ({ gpsM: a.gpsM + b.gpsM, odometerM: a.odometerM + b.odometerM }), NONE)

/** Advances a vehicle's odometer checks by one record. */
export const stepOdometerIntegrity = (
  state: OdometerIntegrityState,
  record: OdometerIntegrityRecord,
  config: OdometerIntegrityConfig = defaultOdometerIntegrityConfig,
): OdometerIntegrityStep => {
  if (state.lastTimeMs !== null && record.timeMs <= state.lastTimeMs) return { state, events: [] }
  if (state.odometer === null && record.odometerM === undefined) {
    // No odometer yet: nothing to check, and no GPS work for vehicles that never report one.
    return { state: { ...state, lastTimeMs: record.timeMs }, events: [] }
  }
  const gps = stepGpsDistance(state.gps, record, config)
  const gap = state.lastTimeMs !== null && record.timeMs - state.lastTimeMs > config.mismatchMaxGapS * 1000
  const pending = {
    gpsM: state.pending.gpsM + gps.metres,
    tainted: state.pending.tainted || gap || gps.outcome === "relocated",
  }
  if (record.odometerM === undefined) {
    return { state: { ...state, lastTimeMs: record.timeMs, gps: gps.state, pending }, events: [] }
  }

  const step = trackOdometer(state.odometer, { valueM: record.odometerM, timeMs: record.timeMs }, config)
  const events: OdometerAlert[] = []
  const alert = (kind: OdometerAlertKind, details: Record<string, number>) =>
    events.push({
      kind,
      orgId: record.orgId,
      vehicleId: record.vehicleId,
      timeMs: record.timeMs,
      lat: record.lat,
      lon: record.lon,
      details,
    })
  const elapsedS = step.elapsedMs / 1000
  const previousM = step.previousM ?? record.odometerM
  if (step.change === "rollback") {
    alert("odometer_rollback", {
      previousM,
      currentM: record.odometerM,
      decreaseM: previousM - record.odometerM,
      elapsedS,
    })
  } else if (step.change === "jump") {
    alert("odometer_jump", {
      previousM,
      currentM: record.odometerM,
      increaseM: record.odometerM - previousM,
      elapsedS,
      impliedKmh: elapsedS > 0 ? ((record.odometerM - previousM) / elapsedS) * 3.6 : Number.MAX_VALUE,
      maxPlausibleM: step.maxPlausibleM,
    })
  }

  // The mismatch window: only stretches where both distances measure the same driving.
  let { buckets, current, mismatchOpen } = state
  if ((step.change === "advance" || step.change === "noise") && !pending.tainted) {
    current = { gpsM: current.gpsM + pending.gpsM, odometerM: current.odometerM + step.deltaM }
  }
  if (current.gpsM >= config.mismatchWindowM / config.mismatchBuckets) {
    buckets = [...buckets, current].slice(-config.mismatchBuckets)
    current = NONE
    const window = sum(buckets)
    if (window.gpsM >= config.mismatchWindowM) {
      const diffPct = (Math.abs(window.odometerM - window.gpsM) / window.gpsM) * 100
      if (diffPct <= config.mismatchPct) mismatchOpen = false
      else if (!mismatchOpen) {
        mismatchOpen = true
        alert("odometer_mismatch", {
          odometerM: window.odometerM,
          gpsM: window.gpsM,
          diffPct,
          windowM: config.mismatchWindowM,
        })
      }
    }
  }

  return {
    state: {
      lastTimeMs: record.timeMs,
      odometer: step.track,
      gps: gps.state,
      pending: CLEAN,
      buckets,
      current,
      mismatchOpen,
    },
    events,
  }
}
