import { ALMATY_ROUTES, type Route } from "../routes/almaty.js"
import type { SeededRandom } from "../seededRandom.js"
import {
  DEFAULT_MODEL,
  initialState,
  type ModelConfig,
  position,
  step,
  type VehicleState,
} from "../VehicleModel.js"
import type { Category } from "./categories.js"
import { HIGHWAY_ROUTE } from "./highwayRoute.js"
import type { TrackerSpec, TruthEvent, TruthTrip, VehicleDayTruth } from "./labels.js"
import type { TrueSample } from "./TrueSample.js"

const DAY_MS = 86_400_000

/** A stop between legs, and what happens to the fuel during it. */
interface StopPlan {
  readonly ignition: boolean
  readonly durationS: number
  /** Litres added (fill) and removed (drain), each over its own interval from the stop's start. */
  readonly fill?: { readonly atS: number; readonly litres: number; readonly overS: number }
  readonly drain?: { readonly atS: number; readonly litres: number; readonly overS: number }
}

export interface DrivenDays {
  readonly samples: ReadonlyArray<TrueSample>
  readonly days: ReadonlyArray<VehicleDayTruth>
  readonly trips: ReadonlyArray<TruthTrip>
  readonly fuelEvents: ReadonlyArray<TruthEvent>
  readonly odometerStartM: number
}

export interface VehicleBody {
  readonly model: ModelConfig
  readonly tankL: number
}

/** How the vehicle is built and driven: trucks on the highway, cars in town. */
export const vehicleBody = (tracker: TrackerSpec): VehicleBody =>
  tracker.route === "highway"
    ? {
        tankL: tracker.tankCapacityL,
        model: {
          ...DEFAULT_MODEL,
          minCruiseMps: 80 / 3.6,
          maxCruiseMps: 110 / 3.6,
          tankL: tracker.tankCapacityL,
          litresPer100Km: tracker.tankCapacityL > 100 ? 28 : 9,
          idleLph: tracker.tankCapacityL > 100 ? 2.5 : 0.8,
        },
      }
    : { tankL: tracker.tankCapacityL, model: { ...DEFAULT_MODEL, tankL: tracker.tankCapacityL } }

/**
 * Drives one vehicle through `days` UTC days from `startMs` (midnight): parked overnight, several
 * legs a day along its route with stops between them, the tracker sampling every
 * `drivingIntervalS` with the ignition on and every `parkedIntervalS` with it off. The category's
 * fuel incidents are injected into stops; fills happen when the tank runs low. Every leg, fill
 * and drain is recorded as truth.
 */
export const driveDays = (
  rng: SeededRandom,
  category: Category,
  tracker: TrackerSpec,
  startMs: number,
  days: number,
): DrivenDays => {
  const body = vehicleBody(tracker)
  const route: Route = tracker.route === "highway" ? HIGHWAY_ROUTE : rng.pick(ALMATY_ROUTES)
  let car: VehicleState = { ...initialState(route, rng.next, body.model), fuelL: body.tankL }
  const odometerStartM = car.odometerM
  const lowStart = category === "fill" || category === "theft_after_fill"
  let fuelL = body.tankL * (lowStart ? rng.between(0.25, 0.35) : rng.between(0.4, 0.9))
  let fuelUsedL = 0
  let distanceM = 0
  let timeMs = startMs
  const samples: TrueSample[] = []
  const trips: TruthTrip[] = []
  const fuelEvents: TruthEvent[] = []

  const sample = (ignition: boolean, speedMps: number, accelMps2: number) => {
    const p = position(car, route)
    samples.push({
      timeMs,
      lat: p.lat,
      lon: p.lon,
      headingDeg: p.headingDeg,
      speedMps,
      accelMps2,
      ignition,
      distanceM,
      fuelL,
      fuelUsedL,
    })
  }

  /** Stands still for `durationS`, burning idle fuel with the ignition on, applying fills and drains. */
  const stand = (plan: StopPlan) => {
    const startAt = timeMs
    const interval = plan.ignition ? tracker.drivingIntervalS : tracker.parkedIntervalS
    const idleLps = plan.ignition ? body.model.idleLph / 3600 : 0
    const change = (s: number, e: StopPlan["fill"]) =>
      e === undefined ? 0 : (e.litres * Math.min(Math.max(s - e.atS, 0), e.overS)) / e.overS
    const baseFuel = fuelL
    const baseUsed = fuelUsedL
    timeMs = startAt + 1000
    sample(plan.ignition, 0, 0)
    for (let s = interval; s < plan.durationS; s += interval) {
      timeMs = startAt + s * 1000
      fuelUsedL = baseUsed + idleLps * s
      fuelL = Math.max(0, baseFuel - idleLps * s + change(s, plan.fill) - change(s, plan.drain))
      sample(plan.ignition, 0, 0)
    }
    timeMs = startAt + plan.durationS * 1000
    fuelUsedL = baseUsed + idleLps * plan.durationS
    fuelL = Math.max(
      0,
      baseFuel -
        idleLps * plan.durationS +
        change(plan.durationS, plan.fill) -
        change(plan.durationS, plan.drain),
    )
    for (const [kind, e] of [["fill", plan.fill] as const, ["drain", plan.drain] as const]) {
      if (e === undefined) continue
      fuelEvents.push({
        kind: kind === "fill" ? "fill" : drainKind(category, plan),
        startMs: startAt + e.atS * 1000,
        endMs: startAt + (e.atS + e.overS) * 1000,
        litres: Math.round(e.litres * 10) / 10,
      })
    }
  }

  /** Drives about `targetM` along the route at 1 s steps, sampling every drivingIntervalS. */
  const driveLeg = (targetM: number) => {
    const legStart = timeMs
    const legStartM = distanceM
    car = { ...car, phase: "stopped", phaseLeftS: rng.between(5, 20), speedMps: 0 }
    sample(true, 0, 0)
    let elapsed = 0
    let arrived = false
    let lastHeading = position(car, route).headingDeg
    while (!arrived) {
      const before = car
      car = step(car, route, 1, rng.next, body.model)
      if (car.phase === "parked") car = { ...car, phase: "stopped", phaseLeftS: rng.between(10, 40) }
      if (before.phase !== "driving" && car.phase === "driving" && tracker.route === "highway")
        car = { ...car, untilStopM: rng.between(5_000, 20_000) }
      const stepM = car.odometerM - before.odometerM
      const legM = distanceM + stepM - legStartM
      if (car.phase === "driving" && legM >= targetM)
        car = { ...car, untilStopM: Math.min(car.untilStopM, 1) }
      distanceM += stepM
      const burnt =
        (stepM / 100_000) * body.model.litresPer100Km + (stepM === 0 ? body.model.idleLph / 3600 : 0)
      fuelL = Math.max(0, fuelL - burnt)
      fuelUsedL += burnt
      car = { ...car, fuelL: body.tankL }
      elapsed++
      timeMs = legStart + elapsed * 1000
      arrived = legM >= targetM && car.phase !== "driving"
      // Trackers also report on a turn (heading 30° off the last report), like Teltonika's angle trigger.
      const heading = position(car, route).headingDeg
      const turned = car.speedMps > 0 && Math.abs(((heading - lastHeading + 540) % 360) - 180) > 30
      if (arrived || turned || elapsed % tracker.drivingIntervalS === 0) {
        sample(true, car.speedMps, car.speedMps - before.speedMps)
        lastHeading = heading
      }
    }
    trips.push({ startMs: legStart, endMs: timeMs, distanceM: distanceM - legStartM })
  }

  const room = () => body.tankL * 0.95 - fuelL
  for (let day = 0; day < days; day++) {
    const dayStart = startMs + day * DAY_MS
    const departAt = dayStart + rng.between(2, 4) * 3_600_000
    stand({ ignition: false, durationS: Math.round((departAt - timeMs) / 1000) })
    const legs = tracker.route === "highway" ? 2 + rng.int(2) : 4 + rng.int(4)
    // The stop (after leg index) that carries the category's incident.
    const incidentStop = rng.int(legs - 1)
    for (let leg = 0; leg < legs; leg++) {
      const targetM = tracker.route === "highway" ? rng.between(25_000, 70_000) : rng.between(3_000, 18_000)
      driveLeg(targetM)
      if (leg === legs - 1) break
      stand(stopPlan(rng, category, leg === incidentStop, fuelL, room(), body.tankL))
    }
    // Overnight: parked until midnight, the slow siphon a few hours in.
    const nightS = Math.round((dayStart + DAY_MS - timeMs) / 1000)
    const siphon =
      category === "theft_slow_siphon"
        ? {
            atS: Math.round(rng.between(1, 2) * 3600),
            litres: Math.min(rng.between(10, 25), fuelL - 5),
            overS: Math.round(rng.between(60, 150) * 60),
          }
        : undefined
    stand({
      ignition: false,
      durationS: nightS,
      ...(siphon !== undefined && siphon.litres >= 8 ? { drain: siphon } : {}),
    })
  }
  return {
    samples,
    trips,
    fuelEvents,
    odometerStartM,
    days: Array.from({ length: days }, (_, d) => {
      const from = startMs + d * DAY_MS
      const inDay = trips.filter((t) => t.startMs >= from && t.startMs < from + DAY_MS)
      const metres = inDay.reduce((sum, t) => sum + t.distanceM, 0)
      return {
        day: new Date(from).toISOString().slice(0, 10),
        distanceM: metres,
        trips: inDay.length,
        tripDistanceM: metres,
      }
    }),
  }
}

const drainKind = (category: Category, plan: StopPlan): TruthEvent["kind"] => {
  if (category === "theft_slow_siphon") return "theft_slow_siphon"
  if (plan.ignition) return "theft_idle_drain"
  return plan.fill !== undefined ? "theft_after_fill" : "theft_parked_drain"
}

/** A stop: parked or idling; a station visit when the tank is low; the category's incident. */
const stopPlan = (
  rng: SeededRandom,
  category: Category,
  incident: boolean,
  fuelL: number,
  roomL: number,
  tankL: number,
): StopPlan => {
  const drainOf = (lo: number, hi: number) => Math.min(rng.between(lo, hi), fuelL - 5)
  if (incident && category === "theft_parked_drain") {
    const litres = drainOf(15, 40)
    const durationS = Math.round(rng.between(40, 70) * 60)
    return litres < 10
      ? { ignition: false, durationS }
      : { ignition: false, durationS, drain: { atS: 600 + rng.int(600), litres, overS: 120 + rng.int(480) } }
  }
  if (incident && category === "theft_idle_drain") {
    const litres = drainOf(15, 35)
    const durationS = Math.round(rng.between(20, 35) * 60)
    return litres < 10
      ? { ignition: true, durationS }
      : { ignition: true, durationS, drain: { atS: 180 + rng.int(300), litres, overS: 300 + rng.int(600) } }
  }
  if (incident && category === "theft_after_fill") {
    const durationS = Math.round(rng.between(45, 60) * 60)
    const fill = roomL >= 15 ? { atS: 180, litres: roomL, overS: 120 + rng.int(120) } : undefined
    const level = fuelL + (fill?.litres ?? 0)
    const litres = Math.min(rng.between(20, 35), level - 5)
    // The full tank stands 5–20 min: one to a few parked reports (issue 10, finding 2).
    const fillEndS = fill === undefined ? 180 : fill.atS + fill.overS
    const drain = { atS: fillEndS + 300 + rng.int(900), litres, overS: 240 + rng.int(240) }
    return { ignition: false, durationS, ...(fill === undefined ? {} : { fill }), drain }
  }
  const station = (incident && category === "fill" && roomL >= 15) || fuelL < tankL * 0.2
  if (station) {
    return {
      ignition: false,
      durationS: Math.round(rng.between(8, 15) * 60),
      fill: { atS: 120, litres: roomL * rng.between(0.9, 1), overS: 90 + rng.int(150) },
    }
  }
  return rng.chance(0.2)
    ? { ignition: true, durationS: Math.round(rng.between(4, 12) * 60) }
    : { ignition: false, durationS: Math.round(rng.between(8, 60) * 60) }
}
