import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

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
