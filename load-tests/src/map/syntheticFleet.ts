import { seededRandom } from "../seededRandom.js"

/** Cities the synthetic fleet drives around: [longitude, latitude]. */
const CITIES: ReadonlyArray<readonly [number, number]> = [
  [76.9286, 43.2567], // Almaty
  [71.4491, 51.1694], // Astana
  [69.5901, 42.3417], // Shymkent
  [37.6173, 55.7558], // Moscow
  [28.9784, 41.0082], // Istanbul
  [30.5234, 50.4501], // Kyiv
  [13.405, 52.52], // Berlin
  [-0.1276, 51.5072], // London
]

/** One vehicle of the synthetic fleet, as the benchmark moves it. */
export interface SyntheticVehicle {
  readonly id: string
  readonly name: string
  readonly plate: string
  lon: number
  lat: number
  speedMps: number
  headingDeg: number
}

const uuidOf = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`

/** `count` vehicles scattered within ~30 km of the cities, a third of them parked; the same for a seed. */
export const makeSyntheticFleet = (count: number, seed = 9): SyntheticVehicle[] => {
  const { next: random } = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] = CITIES[i % CITIES.length] ?? [0, 0]
    return {
      id: uuidOf(i + 1),
      name: `Vehicle ${String(i + 1).padStart(5, "0")}`,
      plate: `${String(100 + (i % 900))} BN ${String(i % 100).padStart(2, "0")}`,
      lon: lon + (random() - 0.5) * 0.6,
      lat: lat + (random() - 0.5) * 0.4,
      speedMps: random() < 0.33 ? 0 : 5 + random() * 20,
      headingDeg: random() * 360,
    }
  })
}

const METRES_PER_DEGREE = 111_320

/** One second of driving: every moving vehicle advances along its heading, turning a little. */
export const moveFleet = (
  fleet: ReadonlyArray<SyntheticVehicle>,
  seconds: number,
  random: () => number,
): void => {
  for (const v of fleet) {
    if (v.speedMps === 0) continue
    v.headingDeg = (v.headingDeg + (random() - 0.5) * 20 + 360) % 360
    const metres = v.speedMps * seconds
    const rad = (v.headingDeg * Math.PI) / 180
    v.lat += (Math.cos(rad) * metres) / METRES_PER_DEGREE
    v.lon += (Math.sin(rad) * metres) / (METRES_PER_DEGREE * Math.cos((v.lat * Math.PI) / 180))
  }
}

/** A live position of the wire (`LivePosition` of `@fleetcore/proto`) for `v` at `timeMs`. */
export const positionOf = (v: SyntheticVehicle, timeMs: number) => ({
  vehicleId: v.id,
  timeMs,
  lat: v.lat,
  lon: v.lon,
  speedMps: v.speedMps,
  headingDeg: v.headingDeg,
  ignition: v.speedMps > 0,
  odometerM: 100_000,
  fuelLevelPct: 60,
  batteryV: 13.8,
})

/** The answer of `GET /api/v1/live/vehicles` (the full records: what the build before this one loads). */
export const fullSnapshotOf = (fleet: ReadonlyArray<SyntheticVehicle>, timeMs: number) => ({
  items: fleet.map((v) => ({
    id: v.id,
    name: v.name,
    plate: v.plate,
    vin: null,
    vehicleType: null,
    deviceId: `dev-${v.id.slice(-6)}`,
    odometerKm: 100,
    last: positionOf(v, timeMs),
  })),
  offlineAfterMinutes: 15,
})

/** The answer of `GET /api/v1/live/map` (the compact columns). */
export const compactSnapshotOf = (fleet: ReadonlyArray<SyntheticVehicle>, timeMs: number) => ({
  atMs: timeMs,
  offlineAfterMinutes: 15,
  ids: fleet.map((v) => v.id),
  names: fleet.map((v) => v.name),
  plates: fleet.map((v) => v.plate),
  lon: fleet.map((v) => Number(v.lon.toFixed(5))),
  lat: fleet.map((v) => Number(v.lat.toFixed(5))),
  timeMs: fleet.map(() => timeMs),
  speedMps: fleet.map((v) => Number(v.speedMps.toFixed(1))),
  headingDeg: fleet.map((v) => Math.round(v.headingDeg)),
  ignition: fleet.map((v) => v.speedMps > 0),
  teams: [],
  vehicleTypes: [],
})
