import { maxTravelM, type TravelLimits } from "../geo.js"

/**
 * Follows a device's odometer readings and classifies each change. Shared by the mileage rule
 * (which counts only plausible advances) and the odometer integrity rule (which alerts on the
 * rest), so both agree on what a rollback or a jump is.
 */

export interface OdometerLimits extends TravelLimits {
  /** A decrease up to this is reading noise, not a rollback (m). */
  readonly rollbackToleranceM: number
  /**
   * Slack added to the plausible travel before an increase is a jump (m). Covers odometer
   * resolution: many trackers report whole kilometres.
   */
  readonly jumpAllowanceM: number
}

export const defaultOdometerLimits: OdometerLimits = {
  maxSpeedKmh: 250,
  maxKmPerDay: 1000,
  rollbackToleranceM: 100,
  jumpAllowanceM: 1000,
}

/** An open rollback or jump: where the odometer was before it, and what was counted since. */
export interface OdometerIncident {
  readonly kind: "rollback" | "jump"
  readonly fromM: number
  readonly fromMs: number
  readonly countedM: number
}

export interface OdometerTrack {
  /** The reading deltas are measured from. */
  readonly valueM: number
  /** Device time of the latest reading. */
  readonly timeMs: number
  readonly incident: OdometerIncident | null
}

export interface OdometerReading {
  readonly valueM: number
  readonly timeMs: number
}

/**
 * - `first`: no previous reading; `advance`: a plausible increase (or no change);
 * - `noise`: a decrease within the tolerance; the higher reading stays the baseline;
 * - `rollback` / `jump`: a decrease beyond the tolerance / an increase beyond plausible travel;
 *   the new reading becomes the baseline (so the device is followed at its new value) and an
 *   incident opens;
 * - `recovered`: the opposite step back to where the odometer was before the open incident,
 *   within plausible travel (a single glitched reading); the incident closes, no new incident.
 */
export type OdometerChange = "first" | "advance" | "noise" | "rollback" | "jump" | "recovered"

export interface OdometerTrackStep {
  readonly track: OdometerTrack
  readonly change: OdometerChange
  /** Distance this reading adds to mileage (m); 0 for everything but advance and recovered. */
  readonly deltaM: number
  readonly previousM: number | null
  readonly elapsedMs: number
  /** Plausible travel for the elapsed time plus the allowance (m). */
  readonly maxPlausibleM: number
}

/**
 * Advances the track by one reading; readings must come in increasing time. `corroboratedM`:
 * an increase up to this is plausible whatever the elapsed time (what the GPS saw the vehicle
 * drive since the odometer last moved, see OdometerCheck), so a catch-up after a freeze or a
 * device clock that stepped back is not a jump.
 */
export const trackOdometer = (
  track: OdometerTrack | null,
  reading: OdometerReading,
  limits: OdometerLimits = defaultOdometerLimits,
  corroboratedM = 0,
): OdometerTrackStep => {
  const { valueM, timeMs } = reading
  if (track === null) {
    return {
      track: { valueM, timeMs, incident: null },
      change: "first",
      deltaM: 0,
      previousM: null,
      elapsedMs: 0,
      maxPlausibleM: 0,
    }
  }
  const elapsedMs = Math.max(0, timeMs - track.timeMs)
  const maxPlausibleM = Math.max(maxTravelM(elapsedMs, limits) + limits.jumpAllowanceM, corroboratedM)
  const delta = valueM - track.valueM
  const result = (next: OdometerTrack, change: OdometerChange, deltaM: number): OdometerTrackStep => ({
    track: next,
    change,
    deltaM,
    previousM: track.valueM,
    elapsedMs,
    maxPlausibleM,
  })
  const kind = delta < -limits.rollbackToleranceM ? "rollback" : delta > maxPlausibleM ? "jump" : null

  const incident = track.incident
  if (incident !== null && kind !== null && kind !== incident.kind) {
    const sinceM = valueM - incident.fromM
    const allowedM = maxTravelM(timeMs - incident.fromMs, limits) + limits.jumpAllowanceM
    if (sinceM >= -limits.rollbackToleranceM && sinceM <= allowedM) {
      return result({ valueM, timeMs, incident: null }, "recovered", Math.max(0, sinceM - incident.countedM))
    }
  }
  if (kind !== null) {
    const opened: OdometerIncident = { kind, fromM: track.valueM, fromMs: track.timeMs, countedM: 0 }
    return result({ valueM, timeMs, incident: opened }, kind, 0)
  }
  if (delta < 0) return result({ valueM: track.valueM, timeMs, incident }, "noise", 0)
  const counted =
    incident === null
      ? null
      : {
          kind: incident.kind,
          fromM: incident.fromM,
          fromMs: incident.fromMs,
          countedM: incident.countedM + delta,
        }
  return result({ valueM, timeMs, incident: counted }, "advance", delta)
}
