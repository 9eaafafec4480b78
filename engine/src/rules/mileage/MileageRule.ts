import type { TelemetryRecord } from "@fleetcore/proto"
import { dayUtc } from "../geo.js"
import { type OdometerLimits, type OdometerTrack, trackOdometer } from "../odometer/OdometerTrack.js"
import {
  defaultGpsDistanceConfig,
  type GpsDistanceConfig,
  type GpsDistanceState,
  initialGpsDistanceState,
  stepGpsDistance,
} from "./GpsDistance.js"

/**
 * Mileage: metres driven per vehicle. The device odometer is the source while the vehicle reports
 * one; otherwise filtered GPS distance (see GpsDistance). Each point that adds distance emits one
 * `distance` event; the sink sums them per vehicle and UTC day (and month). The state keeps only
 * the running total, so it stays small however long the vehicle lives.
 */

export interface MileageConfig extends GpsDistanceConfig, OdometerLimits {
  /**
   * How long a reading keeps the vehicle on odometer mileage when points arrive without one (some
   * trackers send the odometer only in some messages). Past it, GPS distance takes over, from the
   * last reading on, and the next reading starts a new baseline, so nothing is counted twice (s).
   */
  readonly odometerHoldS: number
}

export const defaultMileageConfig: MileageConfig = {
  ...defaultGpsDistanceConfig,
  rollbackToleranceM: 100,
  jumpAllowanceM: 1000,
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
}

export const initialMileageState: MileageState = {
  totalM: 0,
  lastTimeMs: null,
  gps: initialGpsDistanceState,
  odometer: null,
  heldGpsM: 0,
}

/**
 * Distance attributed to the UTC day of the point that ends it (a segment spanning midnight
 * counts for the later day). Identity for idempotent sinks: (vehicleId, timeMs).
 */
export interface DistanceEvent {
  readonly kind: "distance"
  readonly orgId: TelemetryRecord["orgId"]
  readonly vehicleId: TelemetryRecord["vehicleId"]
  readonly timeMs: number
  readonly dayUtc: string
  readonly metres: number
  readonly source: "odometer" | "gps"
}

export interface MileageStep {
  readonly state: MileageState
  readonly events: ReadonlyArray<DistanceEvent>
  /** Metres this point added (the sum of `events`), for rules that build on mileage. */
  readonly metres: number
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
>

/**
 * Advances a vehicle's mileage by one record. Duplicates and out-of-order records (timeMs not
 * after the newest processed) change nothing. With an odometer, the delta from the previous
 * reading counts; a rollback or implausible jump counts 0 (the odometer rule alerts on it) and
 * the device is followed from its new value.
 */
export const stepMileage = (
  state: MileageState,
  record: MileagePoint,
  config: MileageConfig = defaultMileageConfig,
): MileageStep => {
  if (state.lastTimeMs !== null && record.timeMs <= state.lastTimeMs) return { state, events: [], metres: 0 }
  const gps = stepGpsDistance(state.gps, record, config)
  let odometer = state.odometer
  let heldGpsM = 0
  let metres: number
  let source: DistanceEvent["source"]

  if (record.odometerM !== undefined && odometer !== null) {
    const step = trackOdometer(odometer, { valueM: record.odometerM, timeMs: record.timeMs }, config)
    odometer = step.track
    metres = step.deltaM
    source = "odometer"
  } else if (record.odometerM !== undefined) {
    // First reading (or first after GPS mileage): it is the baseline; GPS bridges up to it.
    odometer = trackOdometer(null, { valueM: record.odometerM, timeMs: record.timeMs }, config).track
    metres = gps.metres
    source = "gps"
  } else if (odometer !== null && record.timeMs - odometer.timeMs <= config.odometerHoldS * 1000) {
    // The next reading covers this stretch.
    heldGpsM = state.heldGpsM + gps.metres
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
  }
  if (metres <= 0) return { state: next, events: [], metres: 0 }
  const event: DistanceEvent = {
    kind: "distance",
    orgId: record.orgId,
    vehicleId: record.vehicleId,
    timeMs: record.timeMs,
    dayUtc: dayUtc(record.timeMs),
    metres,
    source,
  }
  return { state: next, events: [event], metres }
}
