import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import type { SeededRandom } from "../seededRandom.js"
import type { Category } from "./categories.js"
import type { DrivenDays } from "./driveDays.js"
import {
  blindWindows,
  inWindow,
  multipathWindows,
  outageWindows,
  skewWindows,
  type Window,
} from "./faultWindows.js"
import type { TrackerSpec, TruthTrip } from "./labels.js"
import { odometerFaults } from "./odometerFaults.js"
import type { TrueSample } from "./TrueSample.js"

export interface TrackerIds {
  readonly orgId: OrgId
  readonly vehicleId: VehicleId
  readonly deviceId: DeviceId
}

const M_PER_DEG_LAT = 111_320
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/** A standard normal draw (Box–Muller), from the seeded generator. */
const gauss = (rng: SeededRandom): number =>
  Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())

const byDay = (trips: ReadonlyArray<TruthTrip>): TruthTrip[][] => {
  const days = new Map<number, TruthTrip[]>()
  for (const t of trips) {
    const day = Math.floor(t.startMs / 86_400_000)
    days.set(day, [...(days.get(day) ?? []), t])
  }
  return [...days.values()]
}

/**
 * What the tracker sends for each true sample, under the vehicle's category: GPS error (a
 * wandering offset of 2 m, 6 m in urban_noise with multipath jumps, plus 1 m of white noise), outages (the last fix repeated with 0 satellites and speed
 * 0), the fuel sensor's noise and slosh, the odometer's faults, the device clock's skew, and the
 * delivery time (live: 0.3–1.5 s after the point; blind-area points: after the link is back,
 * behind later live points). Returns the records in delivery order and the odometer truth.
 */
export const trackerRecords = (
  rng: SeededRandom,
  category: Category,
  tracker: TrackerSpec,
  driven: DrivenDays,
  ids: TrackerIds,
) => {
  const { samples, trips } = driven
  const outages = category === "gps_outage" ? outageWindows(rng, trips) : []
  const blind = category === "late_upload" ? blindWindows(rng, trips) : []
  const steps = category === "clock_skew" ? skewWindows(rng, trips) : []
  const multipath = category === "urban_noise" ? multipathWindows(rng, trips) : []
  const faults = odometerFaults(rng, category, driven.odometerStartM, samples, byDay(trips))
  const clockOffsetMs = category === "clock_skew" ? Math.round(rng.between(-90, 90)) * 1000 : 0
  const noiseM = category === "urban_noise" ? 6 : 2
  const sloshPct = category === "fuel_slosh" ? 4 : 0.8

  const delivered: Array<{ readonly record: TelemetryRecord; readonly order: number }> = []
  let drift = { north: 0, east: 0 }
  let previousMs: number | null = null
  let lastFix: { lat: number; lon: number; headingDeg: number; hdop: number } | null = null
  samples.forEach((s: TrueSample, i) => {
    const outage = inWindow(outages, s.timeMs) !== undefined && lastFix !== null
    const path = multipath.find((w) => s.timeMs >= w.fromMs && s.timeMs < w.toMs)
    // GPS error wanders (first-order Gauss–Markov, 20 s correlation time) plus 1 m of white noise.
    const rho = Math.exp(-(s.timeMs - (previousMs ?? s.timeMs - 3_600_000)) / 20_000)
    const wander = Math.sqrt(1 - rho * rho) * noiseM
    drift = { north: rho * drift.north + wander * gauss(rng), east: rho * drift.east + wander * gauss(rng) }
    previousMs = s.timeMs
    const northM = drift.north + gauss(rng) + (path?.northM ?? 0)
    const eastM = drift.east + gauss(rng) + (path?.eastM ?? 0)
    const hdop = round(
      path !== undefined ? rng.between(1.5, 3.5) : rng.between(0.7, 1.5 + (noiseM > 2 ? 1 : 0)),
      1,
    )
    const fix = outage
      ? (lastFix as NonNullable<typeof lastFix>)
      : {
          lat: round(s.lat + northM / M_PER_DEG_LAT, 7),
          lon: round(s.lon + eastM / (M_PER_DEG_LAT * Math.cos((s.lat * Math.PI) / 180)), 7),
          headingDeg: Math.round(s.headingDeg) % 360,
          hdop,
        }
    if (!outage) lastFix = fix
    const moving = s.speedMps > 0.5
    const slosh = moving ? sloshPct * (0.5 * s.accelMps2 + gauss(rng)) : 0
    const fuelLevelPct = Math.min(
      100,
      Math.max(0, round((s.fuelL / tracker.tankCapacityL) * 100 + gauss(rng) * 0.3 + slosh, 1)),
    )
    const offsetM = faults.reduce((sum, f) => sum + f.offsetM(s.distanceM, s.timeMs), 0)
    const step = steps.find((w) => s.timeMs >= w.fromMs && s.timeMs < w.toMs)
    const link: Window | undefined = inWindow(blind, s.timeMs)
    const receivedAtMs =
      link === undefined
        ? s.timeMs + 300 + rng.int(1200)
        : link.toMs + 20_000 + Math.round(((s.timeMs - link.fromMs) / (link.toMs - link.fromMs)) * 60_000)
    const record: TelemetryRecord = {
      orgId: ids.orgId,
      vehicleId: ids.vehicleId,
      deviceId: ids.deviceId,
      receivedAtMs,
      timeMs: s.timeMs + clockOffsetMs - (step?.behindMs ?? 0),
      lat: fix.lat,
      lon: fix.lon,
      speedMps: outage ? 0 : round(Math.max(0, s.speedMps + (moving ? gauss(rng) * 0.2 : 0)), 2),
      headingDeg: fix.headingDeg,
      satellites: outage ? 0 : 7 + rng.int(8),
      hdop: fix.hdop,
      ...(tracker.reportsOdometer
        ? { odometerM: Math.max(0, Math.round(driven.odometerStartM + s.distanceM + offsetM)) }
        : {}),
      fuelLevelPct,
      fuelUsedL: round(s.fuelUsedL, 2),
      ignition: s.ignition,
      batteryV: round(s.ignition ? 13.8 + rng.next() * 0.4 : 12.4 + rng.next() * 0.2, 2),
    }
    delivered.push({ record, order: i })
  })
  delivered.sort((a, b) => a.record.receivedAtMs - b.record.receivedAtMs || a.order - b.order)
  return { records: delivered.map((d) => d.record), odometerEvents: faults.map((f) => f.event) }
}
