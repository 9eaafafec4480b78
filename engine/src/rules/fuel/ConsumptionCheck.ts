/**
 * Refuel-based consumption check: the litres of a refuel replace what was burnt since the
 * previous refuel, so expected = distance since it / 100 × the vehicle type's rated L/100 km, and
 * the refuel is an anomaly when it exceeds expected × (1 + threshold %). The first refuel of a
 * vehicle has no baseline and is never an anomaly.
 */
export type ConsumptionResult =
  | { readonly kind: "baseline" }
  | { readonly kind: "unrated" }
  | { readonly kind: "invalid"; readonly reason: string }
  | {
      readonly kind: "checked"
      readonly distanceKm: number
      readonly expectedL: number
      readonly actualL: number
      readonly differenceL: number
      readonly differencePct: number
      readonly anomaly: boolean
    }

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

export const checkRefuel = (
  previous: { readonly odometerKm: number } | null,
  current: { readonly odometerKm: number; readonly litres: number },
  ratedLPer100Km: number | null,
  thresholdPct: number,
): ConsumptionResult => {
  if (previous === null) return { kind: "baseline" }
  if (current.odometerKm <= previous.odometerKm) {
    return {
      kind: "invalid",
      reason: `the odometer (${current.odometerKm} km) must be above the previous refuel's (${previous.odometerKm} km)`,
    }
  }
  if (ratedLPer100Km === null || ratedLPer100Km <= 0) return { kind: "unrated" }
  const distanceKm = round(current.odometerKm - previous.odometerKm, 1)
  const expectedL = round((distanceKm / 100) * ratedLPer100Km, 2)
  const differenceL = round(current.litres - expectedL, 2)
  return {
    kind: "checked",
    distanceKm,
    expectedL,
    actualL: current.litres,
    differenceL,
    differencePct: round((differenceL / expectedL) * 100, 1),
    anomaly: current.litres > round(expectedL * (1 + thresholdPct / 100), 2),
  }
}
