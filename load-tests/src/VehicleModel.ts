import { bearingDeg, haversineM } from "./geo.js"
import type { Route } from "./routes/almaty.js"

/** How a simulated vehicle drives. Speeds in m/s, distances in metres, times in seconds. */
export interface ModelConfig {
  readonly maxAccelMps2: number
  readonly maxBrakeMps2: number
  readonly minCruiseMps: number
  readonly maxCruiseMps: number
  readonly tankL: number
  readonly litresPer100Km: number
  /** Idle consumption with the engine on, litres per hour. */
  readonly idleLph: number
}

export const DEFAULT_MODEL: ModelConfig = {
  maxAccelMps2: 2.5,
  maxBrakeMps2: 3,
  minCruiseMps: 30 / 3.6,
  maxCruiseMps: 70 / 3.6,
  tankL: 60,
  litresPer100Km: 10,
  idleLph: 0.8,
}

export type Phase = "driving" | "stopped" | "parked"

/** Plain data, so a drive can be replayed and tested. */
export interface VehicleState {
  readonly segment: number
  readonly offsetM: number
  readonly direction: 1 | -1
  readonly speedMps: number
  readonly cruiseMps: number
  readonly phase: Phase
  readonly phaseLeftS: number
  readonly untilStopM: number
  readonly odometerM: number
  readonly fuelL: number
  readonly fuelUsedL: number
  readonly engineSeconds: number
}

type Rng = () => number
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng()

const segmentLength = (route: Route, i: number): number => {
  const a = route.points[i] as readonly [number, number]
  const b = route.points[i + 1] as readonly [number, number]
  return haversineM(a[0], a[1], b[0], b[1])
}

/** A vehicle parked at a random place of its route, engine off. */
export const initialState = (route: Route, rng: Rng, config: ModelConfig = DEFAULT_MODEL): VehicleState => {
  const segment = Math.floor(rng() * (route.points.length - 1))
  return {
    segment,
    offsetM: rng() * segmentLength(route, segment),
    direction: rng() < 0.5 ? 1 : -1,
    speedMps: 0,
    cruiseMps: between(rng, config.minCruiseMps, config.maxCruiseMps),
    phase: "stopped",
    phaseLeftS: between(rng, 1, 10),
    untilStopM: between(rng, 300, 1500),
    odometerM: Math.round(between(rng, 20_000, 250_000) * 1000),
    fuelL: between(rng, 0.3, 0.95) * config.tankL,
    fuelUsedL: 0,
    engineSeconds: Math.round(between(rng, 500, 8000) * 3600),
  }
}

/** Moves `distanceM` along the route, turning back at either end. */
const advance = (
  route: Route,
  s: VehicleState,
  distanceM: number,
): Pick<VehicleState, "segment" | "offsetM" | "direction"> => {
  let { segment, offsetM, direction } = s
  let left = distanceM
  while (left > 0) {
    const length = segmentLength(route, segment)
    const room = direction === 1 ? length - offsetM : offsetM
    if (left <= room) {
      offsetM += direction * left
      break
    }
    left -= room
    const next = segment + direction
    if (next < 0 || next >= route.points.length - 1) {
      direction = direction === 1 ? -1 : 1 // end of the street: turn back
      offsetM = direction === 1 ? 0 : length
    } else {
      segment = next
      offsetM = direction === 1 ? 0 : segmentLength(route, next)
    }
  }
  return { segment, offsetM, direction }
}

/** One time step of `dtS` seconds: accelerate, cruise, brake for lights, stop, park, refuel. */
export const step = (
  s: VehicleState,
  route: Route,
  dtS: number,
  rng: Rng,
  config: ModelConfig = DEFAULT_MODEL,
): VehicleState => {
  if (s.phase !== "driving") {
    const phaseLeftS = s.phaseLeftS - dtS
    const engineOn = s.phase === "stopped"
    const idleL = engineOn ? (config.idleLph * dtS) / 3600 : 0
    if (phaseLeftS > 0) {
      return {
        ...s,
        phaseLeftS,
        fuelL: Math.max(0, s.fuelL - idleL),
        fuelUsedL: s.fuelUsedL + idleL,
        engineSeconds: s.engineSeconds + (engineOn ? dtS : 0),
      }
    }
    // Fill up at a stop when the tank runs low.
    const fuelL = s.fuelL < config.tankL * 0.15 ? config.tankL * between(rng, 0.9, 1) : s.fuelL - idleL
    return {
      ...s,
      phase: "driving",
      phaseLeftS: 0,
      fuelL,
      fuelUsedL: s.fuelUsedL + idleL,
      cruiseMps: between(rng, config.minCruiseMps, config.maxCruiseMps),
      untilStopM: between(rng, 300, 2500),
    }
  }
  // Brake when the distance to the next stop is within the braking distance, else head for cruise.
  const brakingM = (s.speedMps * s.speedMps) / (2 * config.maxBrakeMps2)
  const target = s.untilStopM <= brakingM + s.speedMps * dtS ? 0 : s.cruiseMps
  const dv =
    target > s.speedMps
      ? Math.min(config.maxAccelMps2 * dtS, target - s.speedMps)
      : -Math.min(config.maxBrakeMps2 * dtS, s.speedMps - target)
  const speedMps = Math.max(0, s.speedMps + dv)
  const distanceM = Math.min(((s.speedMps + speedMps) / 2) * dtS, Math.max(0, s.untilStopM))
  const usedL = (distanceM / 100_000) * config.litresPer100Km
  const moved = { ...s, ...advance(route, s, distanceM) }
  const untilStopM = s.untilStopM - distanceM
  const base: VehicleState = {
    ...moved,
    speedMps,
    untilStopM,
    odometerM: s.odometerM + distanceM,
    fuelL: Math.max(0, s.fuelL - usedL),
    fuelUsedL: s.fuelUsedL + usedL,
    engineSeconds: s.engineSeconds + dtS,
  }
  if (untilStopM > 0.5 && speedMps > 0) return base
  // Arrived: mostly a traffic light (engine on), sometimes a delivery stop (engine off).
  const parked = rng() < 0.12
  return {
    ...base,
    speedMps: 0,
    phase: parked ? "parked" : "stopped",
    phaseLeftS: parked ? between(rng, 120, 600) : between(rng, 10, 40),
  }
}

/** Where the vehicle is and which way it faces. */
export const position = (s: VehicleState, route: Route): { lat: number; lon: number; headingDeg: number } => {
  const a = route.points[s.segment] as readonly [number, number]
  const b = route.points[s.segment + 1] as readonly [number, number]
  const f = Math.min(1, Math.max(0, s.offsetM / segmentLength(route, s.segment)))
  const heading = bearingDeg(a[0], a[1], b[0], b[1])
  return {
    lat: a[0] + (b[0] - a[0]) * f,
    lon: a[1] + (b[1] - a[1]) * f,
    headingDeg: s.direction === 1 ? heading : (heading + 180) % 360,
  }
}
