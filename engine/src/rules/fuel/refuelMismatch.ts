/**
 * Cross-check of a refuel entry against the tank's sensor rise around it: paid for 50 L, the tank
 * rose 30 L → 20 L missing. A mismatch needs the rise to fall short by more than `tolerancePct`
 * of the entry and more than `minMissingL`. No sensor rise at all is "unknown", never a mismatch:
 * not every vehicle has a sensor, and the data may not have arrived yet.
 */
export const refuelMismatch = (
  paidL: number,
  sensorL: number | null,
  tolerancePct = 15,
  minMissingL = 5,
):
  | { kind: "unknown" }
  | { kind: "ok" }
  | { kind: "mismatch"; paidL: number; sensorL: number; missingL: number } => {
  if (sensorL === null || sensorL <= 0) return { kind: "unknown" }
  const missingL = Math.round((paidL - sensorL) * 10) / 10
  if (missingL > minMissingL && sensorL < paidL * (1 - tolerancePct / 100))
    return { kind: "mismatch", paidL, sensorL, missingL }
  return { kind: "ok" }
}

/** How far apart (ms) a refuel entry and a sensor fill may be to belong together. */
export const REFUEL_MATCH_WINDOW_MS = 30 * 60_000
