import type { TelemetryRecord } from "@fleetcore/proto"
import type { MileageStep } from "./rules/mileage/MileageRule.js"
import type { VehicleProfile, VehicleRulesState } from "./VehicleRules.js"

/** The vehicle's odometer after one point (see VehicleRulesState.estimatedOdometerM). */
export interface OdometerEstimate {
  readonly estimatedOdometerM: number | null
  readonly estimatedBaseMs: number | null
  readonly odometerOffsetM: number
  readonly odometerOffsetAtMs: number | null
}

/**
 * Advances the odometer estimate by one point; a point older than the state's moves nothing. Plain
 * locals and one object a point: it runs for every point.
 */
export const estimateOdometer = (
  state: VehicleRulesState,
  r: TelemetryRecord,
  mileage: Pick<MileageStep, "metres" | "rebased">,
  profile: VehicleProfile,
): OdometerEstimate => {
  let value = state.estimatedOdometerM ?? null
  let base = state.estimatedBaseMs ?? null
  let offset = state.odometerOffsetM ?? 0
  let offsetAt = state.odometerOffsetAtMs ?? null
  const manual = profile.manualReading
  if (state.lastTimeMs !== null && r.timeMs <= state.lastTimeMs) {
    // Late: nothing moves.
  } else if (r.odometerM !== undefined) {
    base = r.timeMs
    const against = manual?.deviceOdometerM ?? null
    if (mileage.rebased && value !== null) {
      value += mileage.metres
      offset = value - r.odometerM
      offsetAt = r.timeMs
    } else {
      // A reading taken against the tracker's figure, newer than whatever set the offset last (a
      // reading from before a rollback is on the tracker's old scale: it is not taken).
      if (
        manual !== null &&
        against !== null &&
        manual.atMs <= r.timeMs &&
        manual.atMs > (offsetAt ?? Number.NEGATIVE_INFINITY)
      ) {
        offset = manual.valueM - against
        offsetAt = manual.atMs
      }
      value = r.odometerM + offset
    }
  } else {
    if (manual !== null && manual.atMs <= r.timeMs && (base === null || manual.atMs > base)) {
      value = manual.valueM
      base = manual.atMs
    }
    if (value === null && profile.commissionedOdometerM !== null) value = profile.commissionedOdometerM
    if (value !== null) value += mileage.metres
  }
  return {
    estimatedOdometerM: value,
    estimatedBaseMs: base,
    odometerOffsetM: offset,
    odometerOffsetAtMs: offsetAt,
  }
}
