import { join } from "node:path"
import { makeLocalDocumentStore } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seedDemoFuel } from "../src/demo/demoFuel.js"
import { seedDemoFleet } from "../src/demo/seedDemoFleet.js"
import { type ApiClient, DEMO_PASSWORD, demoOrgId, type Harness, login, startHarness } from "./harness.js"

let h: Harness
let admin: ApiClient
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  orgId = await demoOrgId(h.fleet)
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
}, 60_000)
afterAll(async () => {
  await h?.close()
})

describe("the demo fleet's fuel", () => {
  it("has anomalies waiting with their alerts, sensor fills and thefts, and findings to reconcile", async () => {
    await seedDemoFleet(h.fleet.db, makeLocalDocumentStore(join(h.dataDir, "documents")), orgId)
    const seeded = await seedDemoFuel(h.fleet.db, h.fleet.ch, orgId, new Date())
    expect(seeded.alerts).toBeGreaterThan(0)
    expect(seeded.sensorEvents).toBeGreaterThan(20)

    const waiting = await admin.call<{ total: number }>(
      "GET",
      "/api/v1/fuel-entries?anomaly=unchecked&pageSize=1",
    )
    expect(waiting.body.total).toBeGreaterThanOrEqual(seeded.alerts)
    const alerts = await admin.call<{ total: number }>(
      "GET",
      "/api/v1/alerts?type=fuel_consumption&status=open",
    )
    expect(alerts.body.total).toBe(seeded.alerts)

    const fills = await admin.call<{ total: number }>("GET", "/api/v1/fuel/events?kind=fill")
    const thefts = await admin.call<{ total: number }>("GET", "/api/v1/fuel/events?kind=theft")
    expect(fills.body.total).toBeGreaterThan(10)
    expect(thefts.body.total).toBeGreaterThan(0)

    const recon = await admin.call<{ matched: number; items: Array<{ kind: string }>; total: number }>(
      "GET",
      "/api/v1/fuel/reconciliation?pageSize=200",
    )
    expect(recon.body.matched).toBeGreaterThan(10)
    expect(new Set(recon.body.items.map((i) => i.kind))).toEqual(
      new Set(["refuel_without_rise", "rise_without_refuel"]),
    )
  })
})
