import type { TelemetryRecord } from "@fleetcore/proto"
import type { Types } from "effect"
import {
  defaultOdometerCheckConfig,
  gpsTainted,
  initialOdometerCheckState,
  type OdometerCheckConfig,
  type OdometerCheckInput,
  type OdometerCheckState,
  stepOdometerCheck,
} from "../odometer/OdometerCheck.js"
import { type OdometerTrack, trackOdometer } from "../odometer/OdometerTrack.js"
import { stepGpsBehind } from "./clockStep.js"
import {
  defaultGpsDistanceConfig,
  type GpsDistanceConfig,
  type GpsDistanceState,
  initialGpsDistanceState,
  stepGpsDistance,
} from "./GpsDistance.js"

/**
 * Mileage: metres driven per vehicle. The device odometer is the source while the vehicle reports
 * one and it is not flagged (frozen, tampered, rolled back or jumped: see OdometerCheck); while
 * it is, and for vehicles without one, filtered GPS distance (see GpsDistance). Each point that adds distance emits one
 * `distance` event; the vehicle's rules sum them per day of the organisation's time zone
 * (VehicleRules.ts). The state keeps only
 * the running total, so it stays small however long the vehicle lives.
 */

export interface MileageConfig extends GpsDistanceConfig, OdometerCheckConfig {
  /**
   * How long a reading keeps the vehicle on odometer mileage when points arrive without one (some
   * trackers send the odometer only in some messages). Past it, GPS distance takes over, from the
   * last reading on, and the next reading starts a new baseline, so nothing is counted twice (s).
   */
  readonly odometerHoldS: number
}

export const defaultMileageConfig: MileageConfig = {
  ...defaultGpsDistanceConfig,
  ...defaultOdometerCheckConfig,
  odometerHoldS: 900,
}

export interface MileageState {
  /** Metres counted since the state was created. */
  readonly totalM: number
  /** Device time of the newest point processed; points not newer are ignored. */
  readonly lastTimeMs: number | null
  readonly gps: GpsDistanceState
  /** Odometer baseline; null when the vehicle is on GPS mileage. */
  readonly odometer: OdometerTrack | null
  /** GPS metres since the last odometer reading, counted only if the odometer does not return. */
  readonly heldGpsM: number
  /** The held GPS metres crossed a silence or a GPS relocation (not comparable with the odometer). */
  readonly heldTainted?: boolean
  /** What the odometer check keeps between readings (absent in snapshots from before it). */
  readonly check?: OdometerCheckState
}

export const initialMileageState: MileageState = {
  totalM: 0,
  lastTimeMs: null,
  gps: initialGpsDistanceState,
  odometer: null,
  heldGpsM: 0,
}

/**
 * Distance attributed to the point that ends it, at `timeMs` (a segment spanning midnight counts
 * for the later day). Identity for idempotent sinks: (vehicleId, timeMs).
 */
export interface DistanceEvent {
  readonly kind: "distance"
  readonly orgId: TelemetryRecord["orgId"]
  readonly vehicleId: TelemetryRecord["vehicleId"]
  readonly timeMs: number
  /** Negative only when a catch-up corrects what GPS counted during a freeze. */
  readonly metres: number
  /** `gps_odometer_flagged`: GPS distance standing in for a flagged odometer. */
  readonly source: "odometer" | "gps" | "gps_odometer_flagged"
}

const NO_DISTANCE: ReadonlyArray<DistanceEvent> = Object.freeze([])

export interface MileageStep {
  readonly state: MileageState
  readonly events: ReadonlyArray<DistanceEvent>
  /** Metres this point added (the sum of `events`), for rules that build on mileage. */
  readonly metres: number
  /**
   * Whether the point has a GPS fix (see fixValidity). Without one, its position and speed are
   * not read: GPS adds nothing (the next fix bridges the outage), its odometer still counts.
   */
  readonly fix: boolean
  /**
   * Whether this point's odometer reading is off the previous reading's scale: a rollback, a jump,
   * or the step back from one. The device's value then no longer says how far the vehicle has
   * driven; `metres` does.
   */
  readonly rebased: boolean
}

export type MileagePoint = Pick<
  TelemetryRecord,
  | "orgId"
  | "vehicleId"
  | "timeMs"
  | "lat"
  | "lon"
  | "speedMps"
  | "hdop"
  | "satellites"
  | "ignition"
  | "odometerM"
> &
  Partial<Pick<TelemetryRecord, "receivedAtMs">>

/**
 * Advances a vehicle's mileage by one record. Duplicates and out-of-order records (timeMs not
 * after the newest processed) change nothing. With an odometer, each reading counts what the
 * odometer check says: the delta from the previous reading, or the GPS distance while the
 * odometer is flagged (the odometer rule alerts on it); the device is followed from its value.
 */
export const stepMileage = (
  state: MileageState,
  record: MileagePoint,
  config: MileageConfig = defaultMileageConfig,
): MileageStep => {
  if (state.lastTimeMs !== null && record.timeMs <= state.lastTimeMs) {
    // GPS only: a fix behind a device clock step may still tell the path (clockStep.ts).
    const gps =
      state.odometer === null && record.odometerM === undefined
        ? stepGpsBehind(state.gps, record, config)
        : state.gps
    return {
      state: gps === state.gps ? state : { ...state, gps },
      events: NO_DISTANCE,
      metres: 0,
      fix: false,
      rebased: false,
    }
  }
  const gps = stepGpsDistance(state.gps, record, config)
  const tainted =
    (state.heldTainted ?? false) ||
    gpsTainted(state.gps, state.lastTimeMs, record.timeMs, gps.outcome, config)
  let odometer = state.odometer
  let check = state.check ?? initialOdometerCheckState
  let heldGpsM = 0
  let heldTainted = false
  let metres: number
  let source: DistanceEvent["source"]
  let rebased = false

  if (record.odometerM !== undefined && odometer !== null) {
    const input: Types.Mutable<OdometerCheckInput> = {
      valueM: record.odometerM,
      timeMs: record.timeMs,
      lat: record.lat,
      lon: record.lon,
      gpsM: state.heldGpsM + gps.metres,
      tainted,
    }
    if (record.receivedAtMs !== undefined) input.receivedAtMs = record.receivedAtMs
    const step = stepOdometerCheck(odometer, check, input, config)
    odometer = step.track
    check = step.check
    metres = step.countM
    source = step.flagged ? "gps_odometer_flagged" : "odometer"
    rebased = step.change === "rollback" || step.change === "jump" || step.change === "recovered"
  } else if (record.odometerM !== undefined) {
    // First reading (or first after GPS mileage): it is the baseline; GPS bridges up to it.
    odometer = trackOdometer(null, { valueM: record.odometerM, timeMs: record.timeMs }, config).track
    check = {
      ...check,
      at: { lat: record.lat, lon: record.lon },
      ...(record.receivedAtMs === undefined ? {} : { receivedAtMs: record.receivedAtMs }),
      stillGpsM: 0,
      flag: null,
    }
    metres = gps.metres
    source = "gps"
  } else if (odometer !== null && record.timeMs - odometer.timeMs <= config.odometerHoldS * 1000) {
    // The next reading covers this stretch.
    heldGpsM = state.heldGpsM + gps.metres
    heldTainted = tainted
    metres = 0
    source = "odometer"
  } else {
    odometer = null
    metres = state.heldGpsM + gps.metres
    source = "gps"
  }

  const next: MileageState = {
    totalM: state.totalM + metres,
    lastTimeMs: record.timeMs,
    gps: gps.state,
    odometer,
    heldGpsM,
    heldTainted,
    check,
  }
  const fix = gps.outcome !== "poor_fix"
  if (metres === 0) return { state: next, events: NO_DISTANCE, metres: 0, fix, rebased }
  const event: DistanceEvent = {
    kind: "distance",
    orgId: record.orgId,
    vehicleId: record.vehicleId,
    timeMs: record.timeMs,
    metres,
    source,
  }
  return { state: next, events: [event], metres, fix, rebased }
}
