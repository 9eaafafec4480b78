import { fixVerdict } from "../fixValidity.js"
import { haversineM } from "../geo.js"
import {
  continuesBehind,
  defaultGpsDistanceConfig,
  type GpsDistanceConfig,
  type GpsDistanceState,
  type GpsFix,
  type GpsPoint,
  gpsFix,
  stepGpsDistance,
} from "./GpsDistance.js"

/**
 * Consecutive fixes behind a clock step are recorded at most this many times faster than they
 * arrive: a buffer uploaded after a blind area arrives much faster than it was recorded.
 */
const PACE_RATIO = 3

/**
 * A fix not newer than the anchor (`stepGpsDistance` calls it stale). When the device clock steps
 * back while driving (the `clock_skew` category: 30–300 s behind for minutes), the fixes after
 * the step are behind the newest one until the device time passes it again; they arrive live, one
 * report interval apart, where the vehicle drives on. Skipping them and measuring the straight
 * line from the anchor to the first fix past the step cut the road (a U-turn or a bend inside the
 * step: up to −9 % of a 10-minute drive on a curve). So a fix that arrives right after the anchor
 * (within `CLOCK_STEP_MAX_ARRIVAL_MS`, within reach in the server's time) but behind it in device
 * time, with over `clockStepS` more time passed for the server than for the device, starts a chain, and the next ones extend it while they follow at the pace they were
 * recorded (device time forward, no faster than `PACE_RATIO` times their arrival); the chain's
 * path is counted with the first fix newer than the anchor that continues it (`stepGpsDistance`).
 * Anything else (a late buffered point, a duplicate, a fix from the past) changes nothing.
 */
export const stepGpsBehind = (
  state: GpsDistanceState,
  point: GpsPoint,
  config: GpsDistanceConfig = defaultGpsDistanceConfig,
): GpsDistanceState => {
  const { anchor, candidates, behind } = state
  if (anchor === null || candidates.length > 0 || point.receivedAtMs === undefined) return state
  if (point.timeMs >= anchor.timeMs) return state
  const tail = behind?.last ?? anchor
  if (fixVerdict(point, tail, config) !== "fix") return state
  const fix = gpsFix(point, config)
  if (!continuesBehind(tail, fix, config)) return state
  if (behind === undefined) {
    // The step: the server saw over `clockStepS` more pass than the device (its time went back);
    // network jitter that swaps two points a second apart does not start a chain.
    const arrivalMs = (fix.receivedAtMs as number) - (anchor.receivedAtMs as number)
    if (arrivalMs + anchor.timeMs - fix.timeMs <= config.clockStepS * 1000) return state
    // One report interval of driving from the anchor, by the straight line.
    const d = haversineM(anchor, fix)
    const moving = point.ignition !== false && (fix.speedMps ?? 0) >= config.stationarySpeedMps
    const metres = moving || d > anchor.accuracyM + fix.accuracyM ? d : 0
    return { anchor, candidates, behind: { last: fix, metres } }
  }
  const deviceMs = fix.timeMs - tail.timeMs
  const arrivalMs = (fix.receivedAtMs as number) - (tail.receivedAtMs as number)
  if (deviceMs <= 0 || deviceMs > PACE_RATIO * Math.max(1_000, arrivalMs)) return state
  const step = stepGpsDistance({ anchor: tail, candidates: [] }, point, config)
  if (step.outcome !== "moved" && step.outcome !== "held") return state
  const last = step.state.anchor as GpsFix
  return { anchor, candidates, behind: { last, metres: behind.metres + step.metres } }
}
