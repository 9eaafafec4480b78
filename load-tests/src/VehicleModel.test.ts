import { describe, expect, it } from "vitest"
import { haversineM } from "./geo.js"
import { ALMATY_ROUTES } from "./routes/almaty.js"
import { seededRandom } from "./seededRandom.js"
import { DEFAULT_MODEL, initialState, position, step, type VehicleState } from "./VehicleModel.js"

const route = ALMATY_ROUTES[0] as (typeof ALMATY_ROUTES)[number]

const drive = (seconds: number, seed = 7) => {
  const rng = seededRandom(seed).next
  let s = initialState(route, rng)
  const states: VehicleState[] = [s]
  for (let t = 0; t < seconds; t++) {
    s = step(s, route, 1, rng)
    states.push(s)
  }
  return states
}

describe("simulated vehicle", () => {
  it("never exceeds its cruise limit nor accelerates harder than a car can", () => {
    const states = drive(3600)
    for (let i = 1; i < states.length; i++) {
      const a = states[i - 1] as VehicleState
      const b = states[i] as VehicleState
      expect(b.speedMps).toBeLessThanOrEqual(DEFAULT_MODEL.maxCruiseMps + 1e-9)
      expect(b.speedMps - a.speedMps).toBeLessThanOrEqual(DEFAULT_MODEL.maxAccelMps2 + 1e-9)
    }
  })

  it("advances its odometer by the distance it covers on the map", () => {
    const states = drive(600)
    let mapM = 0
    for (let i = 1; i < states.length; i++) {
      const a = position(states[i - 1] as VehicleState, route)
      const b = position(states[i] as VehicleState, route)
      mapM += haversineM(a.lat, a.lon, b.lat, b.lon)
    }
    const odometerM = (states.at(-1) as VehicleState).odometerM - (states[0] as VehicleState).odometerM
    expect(odometerM).toBeGreaterThan(1000)
    // Turning back at a street's end folds a little distance; within 2 %.
    expect(Math.abs(mapM - odometerM) / odometerM).toBeLessThan(0.02)
  })

  it("stops at lights and sometimes parks with the engine off", () => {
    const states = drive(7200)
    expect(states.some((s) => s.phase === "stopped")).toBe(true)
    expect(states.some((s) => s.phase === "parked")).toBe(true)
    expect(states.some((s) => s.speedMps > 8)).toBe(true)
  })

  it("burns fuel in proportion to distance", () => {
    const states = drive(1800)
    const first = states[0] as VehicleState
    const last = states.at(-1) as VehicleState
    const km = (last.odometerM - first.odometerM) / 1000
    const perKm = (last.fuelUsedL - first.fuelUsedL) / km
    expect(perKm).toBeGreaterThan(DEFAULT_MODEL.litresPer100Km / 100)
    expect(perKm).toBeLessThan((DEFAULT_MODEL.litresPer100Km / 100) * 1.5)
  })

  it("faces along the street it drives", () => {
    const s = { ...(drive(0)[0] as VehicleState), direction: 1 as const, segment: 0, offsetM: 10 }
    const p = position(s, route)
    // Al-Farabi runs west to east with a slight rise to the north-east.
    expect(p.headingDeg).toBeGreaterThan(45)
    expect(p.headingDeg).toBeLessThan(90)
  })
})
