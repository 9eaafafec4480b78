import { MIN_SCORED_KM } from "@fleetcore/contract"
/**
 * Points a driver loses per event per 1 000 km driven (docs/reports.md explains the score; the
 * dashboard's note quotes these numbers).
 */
export const SCORE_WEIGHTS = {
  speeding: 10,
  alerts: 2,
  penalties: 15,
  fuelAnomalies: 20,
} as const

/** Below MIN_SCORED_KM a driver is not scored: one event over a few dozen km says too little. */
export { MIN_SCORED_KM }

export interface ScoreInput {
  readonly km: number
  readonly speeding: number
  readonly alerts: number
  readonly penalties: number
  readonly fuelAnomalies: number
}

/**
 * A driver's score, 0–100 (100: nothing against them): 100 minus, for each kind of event, its
 * count per 1 000 km times its weight, cut at 0 and rounded; null under `MIN_SCORED_KM`.
 */
export const driverScore = (s: ScoreInput): number | null => {
  if (s.km < MIN_SCORED_KM) return null
  const per1000 = (n: number) => (n * 1000) / s.km
  const lost =
    SCORE_WEIGHTS.speeding * per1000(s.speeding) +
    SCORE_WEIGHTS.alerts * per1000(s.alerts) +
    SCORE_WEIGHTS.penalties * per1000(s.penalties) +
    SCORE_WEIGHTS.fuelAnomalies * per1000(s.fuelAnomalies)
  return Math.round(Math.min(100, Math.max(0, 100 - lost)))
}
