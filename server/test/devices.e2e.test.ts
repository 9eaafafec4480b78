import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/**
 * A device's life: registered without a vehicle (its data refused as unassigned, not lost silently),
 * assigned, detached, disabled, deleted; every step audited and effective at the next message.
 */
let h: Harness
let admin: ApiClient

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => h?.close())

interface Device {
  id: string
  vehicleId: string | null
  name: string | null
  disabled: boolean
}

describe("devices", () => {
  it("can be assigned, detached, disabled and deleted, and ingest follows each change", async () => {
    const vehicle = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Spare",
      plate: "DEV 001",
    })
    const created = await admin.call<{ secret: string }>("POST", "/api/v1/devices", { id: "loose-tracker-1" })
    expect(created.status).toBe(201)
    const basic = `Basic ${Buffer.from(`loose-tracker-1:${created.body.secret}`).toString("base64")}`
    let t = Date.now() - 60_000
    const send = async () => {
      t += 1_000
      const r = await fetch(`${h.fleet.httpUrl}/ingest/v1/telemetry`, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/json" },
        body: JSON.stringify({ timeMs: t, lat: 43.25, lon: 76.95 }),
      })
      return {
        status: r.status,
        code: r.ok ? null : ((await r.json()) as { error: { code: string } }).error.code,
      }
    }

    // Unassigned: listed as such, its data refused with a code that says why.
    const unassigned = await admin.call<{ items: Device[] }>("GET", "/api/v1/devices?assigned=false")
    expect(unassigned.body.items.map((d) => d.id)).toContain("loose-tracker-1")
    expect(await send()).toEqual({ status: 409, code: "FLEET_INGEST_DEVICE_UNASSIGNED" })

    const assigned = await admin.call<Device>("PATCH", "/api/v1/devices/loose-tracker-1", {
      vehicleId: vehicle.body.id,
      name: "Cab unit",
    })
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({ vehicleId: vehicle.body.id, name: "Cab unit", disabled: false })
    expect(await send()).toEqual({ status: 200, code: null })
    expect((await admin.call<Device>("GET", "/api/v1/devices/loose-tracker-1")).body.vehicleId).toBe(
      vehicle.body.id,
    )

    // A second device cannot take the same vehicle.
    await admin.call("POST", "/api/v1/devices", { id: "loose-tracker-2" })
    const clash = await admin.call<{ error: { code: string } }>("PATCH", "/api/v1/devices/loose-tracker-2", {
      vehicleId: vehicle.body.id,
    })
    expect([clash.status, clash.body.error.code]).toEqual([409, "FLEET_VEHICLE_HAS_DEVICE"])

    expect((await admin.call("PATCH", "/api/v1/devices/loose-tracker-1", { vehicleId: null })).status).toBe(
      200,
    )
    expect(await send()).toEqual({ status: 409, code: "FLEET_INGEST_DEVICE_UNASSIGNED" })

    await admin.call("PATCH", "/api/v1/devices/loose-tracker-1", { vehicleId: vehicle.body.id })
    expect((await admin.call("PATCH", "/api/v1/devices/loose-tracker-1", { disabled: true })).status).toBe(
      200,
    )
    expect((await send()).status).toBe(401)
    expect((await admin.call("PATCH", "/api/v1/devices/loose-tracker-1", { disabled: false })).status).toBe(
      200,
    )
    expect(await send()).toEqual({ status: 200, code: null })

    expect((await admin.call("DELETE", "/api/v1/devices/loose-tracker-1")).status).toBe(204)
    expect((await admin.call("GET", "/api/v1/devices/loose-tracker-1")).status).toBe(404)
    expect((await send()).status).toBe(401)
    expect((await admin.call("DELETE", "/api/v1/devices/loose-tracker-1")).status).toBe(404)

    const entries = await admin.call<{ items: Array<{ action: string; entityId: string }> }>(
      "GET",
      "/api/v1/audit?entity=device&pageSize=50",
    )
    expect(
      entries.body.items
        .filter((e) => e.entityId === "loose-tracker-1")
        .map((e) => e.action)
        .reverse(),
    ).toEqual([
      "device.create",
      "device.update",
      "device.update",
      "device.update",
      "device.update",
      "device.update",
      "device.delete",
    ])
  })
})
