import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { readTrack } from "@fleetcore/api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { abayDrive, type DrivePoint } from "./drive.js"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  eventually,
  login,
  type Provisioned,
  provision,
  publishPoints,
} from "./harness.js"

const HOUR = 3_600_000
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR

interface TripItem {
  startMs: number
  endMs: number
  endLat: number
  endLon: number
}
interface StopItem {
  startMs: number
  endMs: number | null
  lat: number
  lon: number
  durationS: number
}

/**
 * Two drives along Abay Avenue, there and back, with 10 minutes parked between them and the
 * vehicle parked since (5 minutes of fixes, ignition off): two trips, one stop between, one open.
 */
const thereAndBack = () => {
  const there = abayDrive({ startMs, speedMps: 14, noiseM: 0, parkedS: 600, seed: 7 }).points
  const moving = there.filter((p) => p.ignition && p.speedMps > 0)
  const backStart = (there.at(-1) as DrivePoint).timeMs + 5_000
  const back = moving
    .slice()
    .reverse()
    .map((p, i) => ({ ...p, timeMs: backStart + i * 1000 }))
  const home = back.at(-1) as DrivePoint
  const parked = Array.from({ length: 60 }, (_, i) => ({
    ...home,
    timeMs: home.timeMs + (i + 1) * 5_000,
    speedMps: 0,
    ignition: false,
  }))
  return [...there, ...back, ...parked].map(({ odometerM: _, ...p }) => p)
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient
let car: Provisioned
let points: ReturnType<typeof thereAndBack>

const period = (fromMs: number, toMs: number) =>
  `from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`
const tripsOf = async (api: ApiClient, vehicleId: string) =>
  (
    await api.call<{ items: TripItem[] }>(
      "GET",
      `/api/v1/vehicles/${vehicleId}/trips?${period(startMs - HOUR, Date.now())}`,
    )
  ).body.items

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-stops-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  car = await provision(admin, "stops-car-1", "STP 001")
  points = thereAndBack()
  await publishPoints(fleet, car, points)
  await eventually(
    async () => ((await tripsOf(admin, car.vehicleId)).length === 2 ? true : undefined),
    30_000,
    "two trips",
  )
}, 90_000)
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe("GET /api/v1/vehicles/:id/stops", () => {
  it("lists the stop between two trips at the first trip's end, and the open stop since the last", async () => {
    const [there, back] = (await tripsOf(admin, car.vehicleId)) as [TripItem, TripItem]
    // The open stop needs the rules' state saved with no trip open: it is written a moment after the trip.
    const stops = await eventually(
      async () => {
        const res = await admin.call<{ items: StopItem[] }>(
          "GET",
          `/api/v1/vehicles/${car.vehicleId}/stops?${period(startMs - HOUR, Date.now() + HOUR)}`,
        )
        expect(res.status).toBe(200)
        return res.body.items.length === 2 ? res.body.items : undefined
      },
      15_000,
      "the open stop",
    )
    expect(stops[0]).toEqual({
      startMs: there.endMs,
      endMs: back.startMs,
      lat: there.endLat,
      lon: there.endLon,
      durationS: (back.startMs - there.endMs) / 1000,
    })
    // Parked ten minutes between the drives (the trip ends at the stop's first fix).
    expect(stops[0]?.durationS).toBeGreaterThanOrEqual(600)
    expect(stops[1]).toMatchObject({ startMs: back.endMs, endMs: null, lat: back.endLat, lon: back.endLon })
    expect(stops[1]?.durationS).toBeGreaterThan((Date.now() - back.endMs) / 1000 - 60)
  })

  it("keeps only the stops that overlap the period", async () => {
    const [there, back] = (await tripsOf(admin, car.vehicleId)) as [TripItem, TripItem]
    const during = await admin.call<{ items: StopItem[] }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/stops?${period(there.startMs, there.endMs)}`,
    )
    expect(during.body.items).toEqual([])
    // From inside the parked time: the stop begun before `from` is listed whole.
    const fromParked = await admin.call<{ items: StopItem[] }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/stops?${period(there.endMs + 60_000, back.startMs + 1)}`,
    )
    expect(fromParked.body.items.map((s) => [s.startMs, s.endMs])).toEqual([[there.endMs, back.startMs]])
  })

  it("refuses a period whose end is not after its start, like trips", async () => {
    const res = await admin.call<{ error: { code: string; field: string } }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/stops?${period(startMs, startMs)}`,
    )
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: "FLEET_QUERY_INVALID", field: "to" })
  })

  it("answers another organisation's vehicle as one that does not exist", async () => {
    const other = await createOrg(fleet, "stops-other", "stops-other-password-1")
    const outsider = await login(fleet, other.email, "stops-other-password-1")
    const res = await outsider.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/stops?${period(startMs - HOUR, Date.now())}`,
    )
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe("FLEET_VEHICLE_NOT_FOUND")
    const trips = await outsider.call(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/trips?${period(startMs - HOUR, Date.now())}`,
    )
    expect(trips.status).toBe(404)
  })
})

describe("GET /api/v1/vehicles/:id/track", () => {
  it("returns every stored point of a range under the cap, with exact times", async () => {
    const res = await admin.call<{
      stored: number
      step: number
      truncated: boolean
      points: Array<{ timeMs: number }>
    }>("GET", `/api/v1/vehicles/${car.vehicleId}/track?${period(startMs - HOUR, Date.now() + HOUR)}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ stored: points.length, step: 1, truncated: false })
    expect(res.body.points.map((p) => p.timeMs)).toEqual(points.map((p) => p.timeMs))
  })

  it("thins a range holding more than the cap evenly, keeping the first and the last point", async () => {
    const org = await fleet.db.system.query<{ org_id: string }>("SELECT org_id FROM vehicles WHERE id = $1", [
      car.vehicleId,
    ])
    const track = await readTrack(
      fleet.ch,
      org.rows[0]?.org_id ?? "",
      car.vehicleId,
      startMs - HOUR,
      Date.now() + HOUR,
      100,
    )
    expect(track.stored).toBe(points.length)
    expect(track.step).toBe(Math.ceil(points.length / 99))
    expect(track.points.length).toBeLessThanOrEqual(100)
    expect(track.points.length).toBeGreaterThan(90)
    expect(track.points[0]?.timeMs).toBe(points[0]?.timeMs)
    expect(track.points.at(-1)?.timeMs).toBe(points.at(-1)?.timeMs)
    expect(track.points[1]?.timeMs).toBe(points[track.step]?.timeMs)
  })
})
