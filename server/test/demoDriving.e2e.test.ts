import { join } from "node:path"
import { makeLocalDocumentStore } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seedDemoDriving } from "../src/demo/demoDriving.js"
import { seedDemoFleet } from "../src/demo/seedDemoFleet.js"
import { demoOrgId, type Harness, startHarness } from "./harness.js"

let h: Harness
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  orgId = await demoOrgId(h.fleet)
}, 60_000)
afterAll(async () => {
  await h?.close()
})

describe("the demo fleet's driving", () => {
  it("spreads each vehicle's odometer between refuels over its days, per driver, with a trip a driving day", async () => {
    await seedDemoFleet(h.fleet.db, makeLocalDocumentStore(join(h.dataDir, "documents")), orgId)
    const seeded = await seedDemoDriving(h.fleet.db, h.fleet.ch, orgId)
    expect(seeded.intervals).toBeGreaterThan(1000)
    expect(seeded.mileageDays).toBeGreaterThan(10_000)

    // One vehicle: its distance is its odometer's rise from the first refuel to the last.
    const odometer = await h.fleet.db.system.query<{
      vehicle_id: string
      km: number
      first: string
      last: string
    }>(
      `SELECT e.vehicle_id, (max(f.odometer_km) - min(f.odometer_km))::float8 AS km,
              to_char(min(e.spent_on), 'YYYY-MM-DD') AS first, to_char(max(e.spent_on), 'YYYY-MM-DD') AS last
       FROM fuel_entries f JOIN expenses e ON e.id = f.id
       WHERE e.org_id = $1 AND f.odometer_km IS NOT NULL
       GROUP BY e.vehicle_id ORDER BY e.vehicle_id LIMIT 1`,
      [orgId],
    )
    const one = odometer.rows[0]
    if (one === undefined) throw new Error("no refuels")
    const [mileage] = await h.fleet.ch.query<{ km: number; first: string; last: string }>(
      `SELECT sum(metres) / 1000 AS km, toString(min(day)) AS first, toString(max(day)) AS last
       FROM daily_mileage FINAL WHERE org_id = {org:UUID} AND vehicle_id = {v:UUID}`,
      { org: orgId, v: one.vehicle_id },
    )
    expect(Number(mileage?.km)).toBeCloseTo(one.km, 0)
    expect(mileage?.last).toBe(one.last)
    expect((mileage?.first ?? "") > one.first).toBe(true)

    // Every driven metre of a day with an assigned driver is that driver's; a trip per driving day.
    const [totals] = await h.fleet.ch.query<{ fleet: number; drivers: number; trips: string; days: string }>(
      `SELECT (SELECT sum(metres) FROM daily_mileage FINAL WHERE org_id = {org:UUID}) AS fleet,
              (SELECT sum(metres) FROM daily_mileage_driver FINAL WHERE org_id = {org:UUID}) AS drivers,
              (SELECT count() FROM trips FINAL WHERE org_id = {org:UUID}) AS trips,
              (SELECT count() FROM daily_mileage FINAL WHERE org_id = {org:UUID}) AS days`,
      { org: orgId },
    )
    expect(Number(totals?.drivers)).toBeGreaterThan(0)
    expect(Number(totals?.drivers)).toBeLessThanOrEqual(Number(totals?.fleet) + 1)
    expect(Number(totals?.trips)).toBe(Number(totals?.days))
  }, 300_000)
})
