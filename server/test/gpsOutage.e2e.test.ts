import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { type ApiClient, DEMO_PASSWORD, eventually, login, provision, publishPoints } from "./harness.js"

const HOUR = 3_600_000
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR
const LAT = 43.238
const M_PER_DEG_LON = 111_320 * Math.cos((LAT * Math.PI) / 180)

interface Point {
  timeMs: number
  lat: number
  lon: number
  speedMps: number
  ignition: boolean
  satellites: number
  hdop: number
}

/**
 * East along a straight road, one point every 5 s: 5 minutes at 12 m/s, into a multi-storey
 * garage at 3 m/s, 8 minutes inside (the tracker repeats the entrance fix with 0 satellites and
 * speed 0, ignition on) leaving 150 m further on, 5 minutes at 12 m/s, then parked (ignition off).
 */
const garageVisit = () => {
  const points: Point[] = []
  let t = startMs
  let x = 0
  let lastFix: Point | null = null
  const push = (speedMps: number, ignition: boolean, fix: boolean) => {
    const p: Point = fix
      ? { timeMs: t, lat: LAT, lon: 76.9 + x / M_PER_DEG_LON, speedMps, ignition, satellites: 9, hdop: 0.9 }
      : { ...(lastFix as Point), timeMs: t, speedMps: 0, ignition, satellites: 0, hdop: 99.9 }
    if (fix) lastFix = p
    points.push(p)
  }
  const go = (seconds: number, speedMps: number) => {
    for (let s = 0; s < seconds; s += 5) {
      t += 5000
      x += speedMps * 5
      push(speedMps, true, true)
    }
  }
  push(0, false, true)
  go(300, 12)
  go(30, 3)
  for (let s = 0; s < 480; s += 5) {
    t += 5000
    x += 150 / 96
    push(0, true, false)
  }
  go(30, 3)
  go(300, 12)
  const lengthM = x
  for (let s = 0; s < 600; s += 5) {
    t += 5000
    push(0, false, true)
  }
  return { points, lengthM }
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-gps-outage-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe("a GPS outage on the real path", () => {
  it("keeps a garage visit published over MQTT in one trip, bridged and marked", async () => {
    const car = await provision(admin, "outage-garage", "GPS 001")
    const { points, lengthM } = garageVisit()
    await publishPoints(fleet, car, points)
    const range = `from=${new Date(startMs - HOUR).toISOString()}&to=${new Date().toISOString()}`
    const trips = await eventually(
      async () => {
        const res = await admin.call<{
          items: Array<{
            startMs: number
            endMs: number
            distanceM: number
            outageS: number
            bridgedM: number
          }>
        }>("GET", `/api/v1/vehicles/${car.vehicleId}/trips?${range}`)
        return res.body.items.length > 0 ? res.body.items : undefined
      },
      20_000,
      "the trip",
    )
    expect(trips).toHaveLength(1)
    const [trip] = trips
    expect(trip?.startMs).toBe(startMs)
    expect(Math.abs((trip?.distanceM ?? 0) - lengthM) / lengthM).toBeLessThan(0.01)

    // The outage is stored on the trip and answered by the trips API.
    expect(trip?.outageS).toBe(485)
    expect(Math.abs((trip?.bridgedM ?? 0) - 165)).toBeLessThan(5)

    const days = `from=${new Date(startMs - 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`
    const mileage = await admin.call<{ totalKm: number }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/mileage?${days}`,
    )
    expect(Math.abs(mileage.body.totalKm * 1000 - lengthM) / lengthM).toBeLessThan(0.01)
  })
})
