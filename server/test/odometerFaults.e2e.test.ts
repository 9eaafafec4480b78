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
const ODOMETER_M = 80_000_000

/**
 * East along a straight road at 20 m/s, a point every 10 s, for 30 minutes (36 km); the OBD
 * dongle is unplugged from minute 10 to minute 20 (the odometer reads its last value while the
 * GPS sees 12 km), then re-plugged (the true value again); then parked, ignition off.
 */
const frozenDrive = () => {
  const points: unknown[] = []
  let x = 0
  let frozenAt: number | null = null
  for (let i = 0; i <= 180; i++) {
    const t = startMs + i * 10_000
    const frozen = i >= 60 && i < 120
    if (frozen && frozenAt === null) frozenAt = x
    const odometerM = Math.round(ODOMETER_M + (frozen ? (frozenAt as number) : x))
    points.push({
      timeMs: t,
      lat: LAT,
      lon: 76.9 + x / M_PER_DEG_LON,
      speedMps: 20,
      ignition: true,
      satellites: 9,
      hdop: 0.9,
      odometerM,
    })
    x += 200
  }
  const lengthM = x - 200
  for (let i = 1; i <= 60; i++) {
    points.push({
      timeMs: startMs + (180 + i) * 10_000,
      lat: LAT,
      lon: 76.9 + lengthM / M_PER_DEG_LON,
      speedMps: 0,
      ignition: false,
      satellites: 9,
      hdop: 0.9,
      odometerM: ODOMETER_M + lengthM,
    })
  }
  return { points, lengthM }
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-odometer-faults-"))
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

describe("a frozen odometer on the real path (issue 10, finding 4)", () => {
  it("raises odometer_frozen, no jump on re-plugging, and counts the frozen stretch once, marked as GPS", async () => {
    const car = await provision(admin, "odometer-frozen", "ODO 001")
    const { points, lengthM } = frozenDrive()
    await publishPoints(fleet, car, points)
    const days = `from=${new Date(startMs - 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`
    const mileage = await eventually(
      async () => {
        const res = await admin.call<{
          totalKm: number
          gpsFlaggedKm: number
          periods: Array<{ period: string; km: number; gpsFlaggedKm: number }>
        }>("GET", `/api/v1/vehicles/${car.vehicleId}/mileage?${days}`)
        return res.body.totalKm * 1000 > lengthM * 0.99 ? res.body : undefined
      },
      20_000,
      "the day's mileage",
    )
    // The whole drive once: not the 24 km the odometer showed, not 36 + 12 km.
    expect(Math.abs(mileage.totalKm * 1000 - lengthM) / lengthM).toBeLessThan(0.005)
    // The stretch GPS counted while the odometer was frozen, until the catch-up replaced it.
    expect(mileage.gpsFlaggedKm).toBeGreaterThan(11)
    expect(mileage.periods.reduce((sum, p) => sum + p.gpsFlaggedKm, 0)).toBeCloseTo(mileage.gpsFlaggedKm, 3)

    const alerts = await eventually(
      async () => {
        const res = await admin.call<{ items: Array<{ type: string; severity: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${car.vehicleId}`,
        )
        return res.body.items.length > 0 ? res.body.items : undefined
      },
      20_000,
      "the odometer alert",
    )
    expect(alerts.map((a) => a.type)).toEqual(["odometer_frozen"])
    expect(alerts[0]?.severity).toBe("warning")
  })
})
