import { checkRefuel } from "@fleetcore/engine"

export type CheckSkippedReason = "first_refuel" | "unrated" | "no_odometer" | "previous_no_odometer"

export type RefuelCheck =
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "skipped"; readonly reason: CheckSkippedReason }
  | {
      readonly kind: "checked"
      readonly distanceKm: number
      readonly expectedL: number
      readonly differenceL: number
      readonly differencePct: number
      readonly anomaly: boolean
    }

/**
 * The consumption check of one refuel (full-tank method: its litres cover the distance since the
 * refuel before it). `previous` is the vehicle's refuel just before this one; `lastOdometerKm` the
 * latest odometer any earlier refuel recorded, which this one's must exceed. A refuel without an
 * odometer, or after one without, is stored with the reason the check could not run.
 */
export const refuelCheck = (
  previous: { readonly odometerKm: number | null } | null,
  lastOdometerKm: number | null,
  current: { readonly odometerKm: number | null; readonly litres: number },
  ratedLPer100Km: number | null,
  thresholdPct: number,
): RefuelCheck => {
  if (current.odometerKm !== null && lastOdometerKm !== null && current.odometerKm <= lastOdometerKm) {
    return {
      kind: "invalid",
      reason: `the odometer (${current.odometerKm} km) must be above the previous refuel's (${lastOdometerKm} km)`,
    }
  }
  if (previous === null) return { kind: "skipped", reason: "first_refuel" }
  if (current.odometerKm === null) return { kind: "skipped", reason: "no_odometer" }
  if (previous.odometerKm === null) return { kind: "skipped", reason: "previous_no_odometer" }
  const result = checkRefuel(
    { odometerKm: previous.odometerKm },
    { odometerKm: current.odometerKm, litres: current.litres },
    ratedLPer100Km,
    thresholdPct,
  )
  switch (result.kind) {
    case "checked":
      return {
        kind: "checked",
        distanceKm: result.distanceKm,
        expectedL: result.expectedL,
        differenceL: result.differenceL,
        differencePct: result.differencePct,
        anomaly: result.anomaly,
      }
    case "unrated":
      return { kind: "skipped", reason: "unrated" }
    case "baseline":
      return { kind: "skipped", reason: "first_refuel" }
    case "invalid":
      return { kind: "invalid", reason: result.reason }
  }
}
