import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

interface Fence {
  id: string
  kind: string
  lat: number | null
  radiusM: number | null
  ring: Array<[number, number]> | null
  dwellS: number
  alertOn: string
  schedule: { days: string[]; from: string; to: string } | null
  active: boolean
}
interface ErrorBody {
  error: { code: string; field: string | null }
}

let h: Harness
let admin: ApiClient
let other: ApiClient
const square: Array<[number, number]> = [
  [43.4, 77.4],
  [43.4, 77.41],
  [43.41, 77.41],
  [43.41, 77.4],
]

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const org = await createOrg(h.fleet, "fence-other", "fence-other-password-1")
  other = await login(h.fleet, org.email, "fence-other-password-1")
})
afterAll(async () => {
  await h?.close()
})

describe("geofence schedule, alert kinds and editing", () => {
  it("keeps old-style fences valid: always watched, both crossings", async () => {
    const res = await admin.call<Fence>("POST", "/api/v1/geofences", {
      name: "Plain",
      kind: "circle",
      lat: 43.3,
      lon: 77.0,
      radiusM: 300,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ alertOn: "both", schedule: null, active: true, dwellS: 60 })
  })

  it("stores a schedule and names the field that fails", async () => {
    const schedule = { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" }
    const ok = await admin.call<Fence>("POST", "/api/v1/geofences", {
      name: "Yard",
      kind: "polygon",
      ring: square,
      alertOn: "enter",
      schedule,
    })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ alertOn: "enter", schedule })
    const badTime = await admin.call<ErrorBody>("POST", "/api/v1/geofences", {
      name: "Yard",
      kind: "polygon",
      ring: square,
      schedule: { days: ["mon"], from: "8am", to: "18:00" },
    })
    expect(badTime.status).toBe(400)
    expect(badTime.body.error).toMatchObject({ code: "FLEET_GEOFENCE_INVALID", field: "schedule.from" })
    const badDay = await admin.call<ErrorBody>("PATCH", `/api/v1/geofences/${ok.body.id}`, {
      schedule: { days: ["someday"], from: "08:00", to: "18:00" },
    })
    expect(badDay.status).toBe(400)
    expect(badDay.body.error.field).toMatch(/^schedule\.days/)
    const badKind = await admin.call<ErrorBody>("PATCH", `/api/v1/geofences/${ok.body.id}`, {
      alertOn: "stay",
    })
    expect(badKind.body.error).toMatchObject({ code: "FLEET_GEOFENCE_INVALID", field: "alertOn" })
  })

  it("reshapes a polygon, resizes a circle, refuses the other kind's fields, pauses and deletes", async () => {
    const circle = await admin.call<Fence>("POST", "/api/v1/geofences", {
      name: "Round",
      kind: "circle",
      lat: 43.5,
      lon: 77.5,
      radiusM: 200,
    })
    const moved = await admin.call<Fence>("PATCH", `/api/v1/geofences/${circle.body.id}`, {
      lat: 43.51,
      radiusM: 450,
      dwellS: 5,
      schedule: { days: ["sat", "sun"], from: "22:00", to: "06:00" },
    })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ lat: 43.51, radiusM: 450, dwellS: 5, schedule: { from: "22:00" } })
    const wrong = await admin.call<ErrorBody>("PATCH", `/api/v1/geofences/${circle.body.id}`, {
      ring: square,
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toMatchObject({ code: "FLEET_GEOFENCE_INVALID", field: "ring" })
    const always = await admin.call<Fence>("PATCH", `/api/v1/geofences/${circle.body.id}`, {
      schedule: null,
      active: false,
    })
    expect(always.body).toMatchObject({ schedule: null, active: false })
    // A patch naming no field (schemathesis sent one) changes nothing and is not an error.
    const unchanged = await admin.call<Fence>("PATCH", `/api/v1/geofences/${circle.body.id}`, {})
    expect(unchanged.status).toBe(200)
    expect(unchanged.body).toEqual(always.body)
    const paused = await admin.call<{ items: Fence[] }>("GET", "/api/v1/geofences?active=false")
    expect(paused.body.items.map((f) => f.id)).toContain(circle.body.id)
    const watched = await admin.call<{ items: Fence[] }>("GET", "/api/v1/geofences?active=true")
    expect(watched.body.items.map((f) => f.id)).not.toContain(circle.body.id)

    const polygon = await admin.call<Fence>("POST", "/api/v1/geofences", {
      name: "Sq",
      kind: "polygon",
      ring: square,
    })
    const reshaped = await admin.call<Fence>("PATCH", `/api/v1/geofences/${polygon.body.id}`, {
      ring: [...square, [43.405, 77.395]],
    })
    expect(reshaped.body.ring).toHaveLength(5)
    const noRadius = await admin.call<ErrorBody>("PATCH", `/api/v1/geofences/${polygon.body.id}`, {
      radiusM: 50,
    })
    expect(noRadius.body.error.field).toBe("radiusM")

    expect((await admin.call("DELETE", `/api/v1/geofences/${circle.body.id}`)).status).toBe(204)
    expect((await admin.call("DELETE", `/api/v1/geofences/${circle.body.id}`)).status).toBe(404)
    const all = await admin.call<{ items: Fence[] }>("GET", "/api/v1/geofences")
    expect(all.body.items.map((f) => f.id)).not.toContain(circle.body.id)
  })

  it("keeps another organisation's fences out of reach", async () => {
    const mine = await admin.call<Fence>("POST", "/api/v1/geofences", {
      name: "Mine",
      kind: "polygon",
      ring: square,
    })
    const patch = await other.call<ErrorBody>("PATCH", `/api/v1/geofences/${mine.body.id}`, {
      name: "Theirs",
    })
    expect(patch.status).toBe(404)
    expect(patch.body.error.code).toBe("FLEET_GEOFENCE_NOT_FOUND")
    expect((await other.call("DELETE", `/api/v1/geofences/${mine.body.id}`)).status).toBe(404)
    const theirs = await other.call<{ items: Fence[] }>("GET", "/api/v1/geofences")
    expect(theirs.body.items).toEqual([])
  })

  it("the engine alerts on the fence watched at the crossing's local time, not on the one asleep", async () => {
    const t0 = Date.now() - 3_600_000
    // The organisation's zone is Asia/Almaty unless set; the asleep fence's window is 8 h away.
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Almaty", hour: "2-digit", hourCycle: "h23" }).format(
        t0,
      ),
    )
    const hh = (n: number) => `${String(n % 24).padStart(2, "0")}:00`
    const ring: Array<[number, number]> = [
      [43.6, 77.6],
      [43.6, 77.62],
      [43.62, 77.62],
      [43.62, 77.6],
    ]
    const everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    const base = { kind: "polygon", ring, dwellS: 0 }
    const awake = await admin.call<Fence>("POST", "/api/v1/geofences", {
      ...base,
      name: "Awake",
      schedule: { days: everyDay, from: "00:00", to: "00:00" },
    })
    const asleep = await admin.call<Fence>("POST", "/api/v1/geofences", {
      ...base,
      name: "Asleep",
      schedule: { days: everyDay, from: hh(hour + 8), to: hh(hour + 10) },
    })
    const exitOnly = await admin.call<Fence>("POST", "/api/v1/geofences", {
      ...base,
      name: "Exit",
      alertOn: "exit",
    })
    expect([awake.status, asleep.status, exitOnly.status]).toEqual([201, 201, 201])
    const v = await provision(admin, "fence-sched", "FEN 001")
    await publishPoints(
      h.fleet,
      v,
      Array.from({ length: 12 }, (_, i) => ({
        timeMs: t0 + i * 5000,
        ...(i < 3 ? { lat: 43.59, lon: 77.61 } : { lat: 43.61, lon: 77.61 }),
        speedMps: 3,
      })),
    )
    const alertsOf = async () =>
      (
        await admin.call<{ items: Array<{ type: string; key: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${v.vehicleId}`,
        )
      ).body.items
    await eventually(async () => ((await alertsOf()).length > 0 ? true : undefined), 10_000, "geofence alert")
    await new Promise((r) => setTimeout(r, 700))
    expect((await alertsOf()).map((a) => [a.type, a.key])).toEqual([["geofence_enter", awake.body.id]])
  })
})
