import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import { seededRandom } from "../seededRandom.js"
import { CATEGORIES, type Category, ODOMETER_CATEGORIES } from "./categories.js"
import { driveDays } from "./driveDays.js"
import type { LabelledTrace, TrackerSpec } from "./labels.js"
import { trackerRecords } from "./trackerRecords.js"

export interface FleetOptions {
  /** Vehicles per category. */
  readonly vehicles: number
  readonly days: number
  readonly seed: number
  readonly categories?: ReadonlyArray<Category>
}

/** Every labelled fleet starts on this UTC midnight, so a seed alone fixes every byte. */
export const FLEET_START_MS = Date.UTC(2026, 2, 2)
export const QUALITY_ORG_ID = "0f000000-0000-4000-8000-000000000010" as OrgId

/** A different, repeatable seed per (run seed, category, vehicle). */
const vehicleSeed = (seed: number, category: number, vehicle: number): number =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) +
    Math.imul(category + 1, 0xc2b2ae35) +
    Math.imul(vehicle + 1, 0x27d4eb2f)) >>>
  0

/** Even vehicles report an odometer, odd ones GPS only (every vehicle in the odometer categories reports one). */
const trackerSpec = (
  rng: ReturnType<typeof seededRandom>,
  category: Category,
  vehicle: number,
): TrackerSpec => {
  // Fills are easiest to see on trucks: they burn a tank's worth in a day or two.
  const truck = category === "fill" || rng.chance(0.15)
  const route = truck || rng.chance(0.2) ? "highway" : "urban"
  return {
    route,
    tankCapacityL: truck ? 150 : Math.round(rng.between(45, 80)),
    reportsOdometer: ODOMETER_CATEGORIES.includes(category) || vehicle % 2 === 0,
    drivingIntervalS: rng.pick([1, 10, 15, 30]),
    parkedIntervalS: rng.pick([120, 180, 300]),
  }
}

/**
 * A labelled fleet, one trace at a time (a large fleet need not sit in memory): `vehicles`
 * vehicles per category, each driving `days` UTC days. The same options give the same records,
 * byte for byte.
 */
export function* generateTraces(options: FleetOptions): Generator<LabelledTrace> {
  for (const category of options.categories ?? CATEGORIES) {
    const c = CATEGORIES.indexOf(category)
    for (let v = 0; v < options.vehicles; v++) {
      const rng = seededRandom(vehicleSeed(options.seed, c, v))
      const tracker = trackerSpec(rng, category, v)
      const driven = driveDays(rng, category, tracker, FLEET_START_MS, options.days)
      const vehicleId =
        `0f000000-0000-4000-8000-${(c * 10_000 + v).toString(16).padStart(12, "0")}` as VehicleId
      const deviceId = `q-${category.replaceAll("_", "-")}-${v}` as DeviceId
      const { records, odometerEvents } = trackerRecords(rng, category, tracker, driven, {
        orgId: QUALITY_ORG_ID,
        vehicleId,
        deviceId,
      })
      yield {
        vehicleId,
        category,
        tracker,
        records,
        days: driven.days,
        trips: driven.trips,
        events: [...driven.fuelEvents, ...odometerEvents].sort((a, b) => a.startMs - b.startMs),
      }
    }
  }
}

/** The whole labelled fleet at once (see generateTraces). */
export const generateFleet = (options: FleetOptions): LabelledTrace[] => [...generateTraces(options)]
