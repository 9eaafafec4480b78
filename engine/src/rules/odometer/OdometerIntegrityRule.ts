import type { TelemetryRecord } from "@fleetcore/proto"
import type { Types } from "effect"
import {
  defaultGpsDistanceConfig,
  type GpsDistanceConfig,
  type GpsDistanceState,
  initialGpsDistanceState,
  stepGpsDistance,
} from "../mileage/GpsDistance.js"
import {
  defaultOdometerCheckConfig,
  gpsTainted,
  initialOdometerCheckState,
  type OdometerCheckConfig,
  type OdometerCheckInput,
  type OdometerCheckState,
  stepOdometerCheck,
} from "./OdometerCheck.js"
import { type OdometerTrack, trackOdometer } from "./OdometerTrack.js"
import { isSilence, nextInterval } from "./silence.js"

/**
 * Odometer integrity: alerts when a device's odometer rolls back, jumps further than the vehicle
 * could have driven (and the GPS did not see it drive), stays frozen while the GPS moves, or
 * drifts away from the distance its GPS track shows (see OdometerCheck, which the mileage rule
 * shares). Each incident raises one alert: after a rollback or jump the device is followed from
 * its new value; a freeze re-arms once the reading moves, a mismatch once the distances agree.
 */

export interface OdometerIntegrityConfig extends GpsDistanceConfig, OdometerCheckConfig {}

export const defaultOdometerIntegrityConfig: OdometerIntegrityConfig = {
  ...defaultGpsDistanceConfig,
  ...defaultOdometerCheckConfig,
}

export interface OdometerIntegrityState {
  /** Device time of the newest point processed; points not newer are ignored. */
  readonly lastTimeMs: number | null
  readonly odometer: OdometerTrack | null
  readonly gps: GpsDistanceState
  /** GPS metres since the last odometer reading; tainted by a gap or a GPS relocation. */
  readonly pending: { readonly gpsM: number; readonly tainted: boolean }
  /** The odometer check's state (absent in snapshots from before it: it starts afresh). */
  readonly check?: OdometerCheckState
  /** The tracker's regular reporting interval (ms; silence.ts); absent until the second point. */
  readonly intervalMs?: number
}

const CLEAN = { gpsM: 0, tainted: false }
const NO_ALERTS: ReadonlyArray<OdometerAlert> = Object.freeze([])

export const initialOdometerIntegrityState: OdometerIntegrityState = {
  lastTimeMs: null,
  odometer: null,
  gps: initialGpsDistanceState,
  pending: CLEAN,
  check: initialOdometerCheckState,
}

export type OdometerAlertKind =
  | "odometer_rollback"
  | "odometer_jump"
  | "odometer_mismatch"
  | "odometer_frozen"
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
  Partial<Pick<TelemetryRecord, "receivedAtMs">> &
  Parameters<typeof stepGpsDistance>[1]

/** Advances a vehicle's odometer checks by one record. */
/** The state as it was, at a newer time (a vehicle without an odometer: every point). */
const withTime = (state: OdometerIntegrityState, lastTimeMs: number): OdometerIntegrityState => {
  const next: Types.Mutable<OdometerIntegrityState> = {
    lastTimeMs,
    odometer: state.odometer,
    gps: state.gps,
    pending: state.pending,
  }
  if (state.check !== undefined) next.check = state.check
  if (state.intervalMs !== undefined) next.intervalMs = state.intervalMs
  return next
}

export const stepOdometerIntegrity = (
  state: OdometerIntegrityState,
  record: OdometerIntegrityRecord,
  config: OdometerIntegrityConfig = defaultOdometerIntegrityConfig,
): OdometerIntegrityStep => {
  if (state.lastTimeMs !== null && record.timeMs <= state.lastTimeMs) return { state, events: NO_ALERTS }
  if (state.odometer === null && record.odometerM === undefined) {
    // No odometer yet: nothing to check, and no GPS work for vehicles that never report one.
    return { state: withTime(state, record.timeMs), events: NO_ALERTS }
  }
  const gapMs = state.lastTimeMs === null ? null : record.timeMs - state.lastTimeMs
  const interval = nextInterval(state.intervalMs, gapMs)
  const silent = gapMs !== null && isSilence(state.intervalMs, gapMs)
  const gps = stepGpsDistance(state.gps, record, config)
  const pending = {
    gpsM: state.pending.gpsM + gps.metres,
    tainted:
      state.pending.tainted ||
      silent ||
      gpsTainted(state.gps, state.lastTimeMs, record.timeMs, gps.outcome, config),
  }
  // States are built field by field in their usual order, not spread from temporary objects:
  // this runs for every point.
  if (record.odometerM === undefined) {
    const next: Types.Mutable<OdometerIntegrityState> = {
      lastTimeMs: record.timeMs,
      odometer: state.odometer,
      gps: gps.state,
      pending,
    }
    if (state.check !== undefined) next.check = state.check
    const keptMs = interval ?? state.intervalMs
    if (keptMs !== undefined) next.intervalMs = keptMs
    return { state: next, events: NO_ALERTS }
  }

  const check = state.check ?? initialOdometerCheckState
  if (state.odometer === null) {
    const first: Types.Mutable<OdometerIntegrityState> = {
      lastTimeMs: record.timeMs,
      odometer: trackOdometer(null, { valueM: record.odometerM, timeMs: record.timeMs }, config).track,
      gps: gps.state,
      pending: CLEAN,
      check: {
        ...check,
        at: { lat: record.lat, lon: record.lon },
        ...(record.receivedAtMs === undefined ? {} : { receivedAtMs: record.receivedAtMs }),
      },
    }
    if (interval !== undefined) first.intervalMs = interval
    return { state: first, events: NO_ALERTS }
  }
  const input: Types.Mutable<OdometerCheckInput> = {
    valueM: record.odometerM,
    timeMs: record.timeMs,
    lat: record.lat,
    lon: record.lon,
    gpsM: pending.gpsM,
    tainted: pending.tainted,
  }
  if (record.receivedAtMs !== undefined) input.receivedAtMs = record.receivedAtMs
  const checked = stepOdometerCheck(state.odometer, check, input, config)
  const step = checked.odometer
  const events: OdometerAlert[] = []
  const alert = (kind: OdometerAlertKind, details: Readonly<Record<string, number>>) =>
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
  if (checked.change === "rollback") {
    alert("odometer_rollback", {
      previousM,
      currentM: record.odometerM,
      decreaseM: previousM - record.odometerM,
      elapsedS,
    })
  } else if (checked.change === "jump") {
    alert("odometer_jump", {
      previousM,
      currentM: record.odometerM,
      increaseM: record.odometerM - previousM,
      elapsedS,
      impliedKmh: elapsedS > 0 ? ((record.odometerM - previousM) / elapsedS) * 3.6 : Number.MAX_VALUE,
      maxPlausibleM: step.maxPlausibleM,
    })
  }
  for (const f of checked.findings) alert(f.kind, f.details)

  const next: Types.Mutable<OdometerIntegrityState> = {
    lastTimeMs: record.timeMs,
    odometer: checked.track,
    gps: gps.state,
    pending: CLEAN,
    check: checked.check,
  }
  if (interval !== undefined) next.intervalMs = interval
  return { state: next, events: events.length === 0 ? NO_ALERTS : events }
}
