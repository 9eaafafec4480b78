import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

/** A vehicle that never sent a point still shows an odometer: its latest manual reading. */
let h: Harness
let admin: ApiClient

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => h?.close())

describe("a vehicle without a device", () => {
  it("shows its commissioning odometer, then its latest manual reading", async () => {
    const created = await admin.call<{ id: string; odometerKm: number | null }>("POST", "/api/v1/vehicles", {
      name: "No tracker",
      plate: "ODO 001",
      commissionedOn: "2026-01-10",
      commissionedOdometerKm: 1500,
    })
    expect(created.status).toBe(201)
    expect(created.body.odometerKm).toBe(1500)
    const id = created.body.id
    for (const [valueKm, at] of [
      [12_345.6, "2026-11-01T08:00:00Z"],
      [12_900, "2026-11-20T08:00:00Z"],
    ] as const) {
      const r = await admin.call("POST", `/api/v1/vehicles/${id}/odometer-readings`, { valueKm, at })
      expect(r.status).toBe(201)
    }
    const one = await admin.call<{ odometerKm: number | null }>("GET", `/api/v1/vehicles/${id}`)
    expect(one.body.odometerKm).toBe(12_900)
    const list = await admin.call<{ items: Array<{ id: string; odometerKm: number | null }> }>(
      "GET",
      "/api/v1/vehicles?q=ODO%20001",
    )
    expect(list.body.items.find((v) => v.id === id)?.odometerKm).toBe(12_900)
  })
})

describe("a driver's reading of a vehicle whose tracker reports an odometer", () => {
  it("cannot set the vehicle's odometer back; one near it is kept", async () => {
    const car = await provision(admin, "odo-driver-1", "ODO 002")
    const t0 = Date.now() - 120_000
    await publishPoints(
      h.fleet,
      car,
      [0, 1].map((i) => ({
        timeMs: t0 + i * 10_000,
        lat: 43.2 + i * 0.0001,
        lon: 76.9,
        speedMps: 1,
        ignition: true,
        odometerM: 160_000_000 + i * 10,
      })),
    )
    const odometerKm = async () =>
      (await admin.call<{ odometerKm: number | null }>("GET", `/api/v1/vehicles/${car.vehicleId}`)).body
        .odometerKm
    await eventually(
      async () => ((await odometerKm()) ?? 0) > 159_999 || undefined,
      20_000,
      "the tracker's odometer",
    )
    const org = await demoOrgId(h.fleet)
    const driverId = (
      await h.fleet.db.system.query<{ id: string }>(
        `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, 'odo.driver@demo.example', 'Odo Driver', $2, 'driver', 'ru') RETURNING id, org_id, name)
         INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
        [org, await hashSecret("odo-driver-password")],
      )
    ).rows[0]?.id as string
    const assigned = await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    expect(assigned.status).toBe(201)
    const driver = await login(h.fleet, "odo.driver@demo.example", "odo-driver-password")

    const back = await driver.call<{ error: { code: string; field: string; detail: string } }>(
      "POST",
      `/api/v1/vehicles/${car.vehicleId}/odometer-readings`,
      { valueKm: 100 },
    )
    expect(back.status).toBe(422)
    expect(back.body.error).toMatchObject({ code: "FLEET_ODOMETER_READING_DECREASES", field: "valueKm" })
    expect(back.body.error.detail).toMatch(/^меньше одометра автомобиля \(160[\s\u00a0]000 км\)/u)
    const readings = await admin.call<{ total: number }>(
      "GET",
      `/api/v1/vehicles/${car.vehicleId}/odometer-readings`,
    )
    expect(readings.body.total).toBe(0)
    expect(await odometerKm()).toBeGreaterThan(159_999)

    // The cluster and the tracker differ a little: a reading just below the tracker's is kept.
    const near = await driver.call("POST", `/api/v1/vehicles/${car.vehicleId}/odometer-readings`, {
      valueKm: 159_950,
    })
    expect(near.status).toBe(201)
  })
})
