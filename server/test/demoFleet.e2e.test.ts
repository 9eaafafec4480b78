import { join } from "node:path"
import { makeLocalDocumentStore } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { KAZAKH_PLATE } from "../src/demo/demoIdentifiers.js"
import { seedDemoFleet } from "../src/demo/seedDemoFleet.js"
import { DEMO_PASSWORD, demoOrgId, eventually, type Harness, login, startHarness } from "./harness.js"

/** The full demo fleet, seeded once into a test server (which itself starts with the small demo). */
let h: Harness
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  orgId = await demoOrgId(h.fleet)
}, 60_000)
afterAll(async () => {
  await h?.close()
})

const count = async (sql: string): Promise<number> =>
  Number((await h.fleet.db.system.query<{ n: string }>(sql)).rows[0]?.n)

describe("demo fleet at scale", () => {
  it("seeds 500+ vehicles with Kazakh plates, drivers, a year of records, and nothing twice", async () => {
    const store = makeLocalDocumentStore(join(h.dataDir, "documents"))
    const first = await seedDemoFleet(h.fleet.db, store, orgId)
    console.log(`full demo fleet seeded in ${first.ms} ms`, first.counts)
    expect(first.seeded).toBe(true)
    // The services due are on the board as soon as the demo is there, not at the planner's next round
    // (every 10 minutes, its first one ran before the seed).
    expect(
      await count(
        `SELECT count(*) AS n FROM maintenance_tasks k JOIN vehicles v ON v.id = k.vehicle_id
         WHERE k.template_id IS NOT NULL AND k.status IN ('scheduled', 'overdue') AND v.status <> 'decommissioned'`,
      ),
    ).toBeGreaterThan(0)

    const plates = await h.fleet.db.system.query<{ plate: string }>(
      "SELECT plate FROM vehicles WHERE org_id = $1 AND vin IS NOT NULL",
      [orgId],
    )
    expect(plates.rows.length).toBeGreaterThanOrEqual(500)
    for (const { plate } of plates.rows) expect(plate).toMatch(KAZAKH_PLATE)
    expect(
      await count("SELECT count(DISTINCT brand) AS n FROM vehicles WHERE vin IS NOT NULL"),
    ).toBeGreaterThanOrEqual(12)
    expect(await count("SELECT count(*) AS n FROM drivers WHERE employee_id LIKE 'KZ-1%'")).toBe(300)
    expect(
      await count(
        "SELECT count(*) AS n FROM drivers WHERE licence_expires_on BETWEEN current_date AND current_date + 30",
      ),
    ).toBeGreaterThan(5)
    expect(await count("SELECT count(*) AS n FROM expenses")).toBeGreaterThanOrEqual(10_000)
    expect(await count("SELECT count(DISTINCT category) AS n FROM expenses")).toBe(11)
    expect(
      await count("SELECT count(*) AS n FROM expenses WHERE currency IN ('USD', 'EUR')"),
    ).toBeGreaterThan(0)
    expect(await count("SELECT count(*) AS n FROM expenses WHERE org_amount IS NULL")).toBe(0)
    expect(await count("SELECT count(*) AS n FROM fuel_entries WHERE anomaly")).toBeGreaterThan(0)
    expect(await count("SELECT count(*) AS n FROM fuel_entries WHERE NOT anomaly")).toBeGreaterThan(5_000)
    expect(
      await count("SELECT count(*) AS n FROM maintenance_tasks WHERE status = 'completed'"),
    ).toBeGreaterThanOrEqual(1_000)
    expect(await count("SELECT count(DISTINCT status) AS n FROM penalties")).toBe(5)
    expect(await count("SELECT count(DISTINCT status) AS n FROM tickets WHERE number <= 12")).toBe(4)
    expect(await count("SELECT count(DISTINCT type) AS n FROM contracts")).toBeGreaterThanOrEqual(5)
    expect(
      await count(
        "SELECT count(*) AS n FROM contracts WHERE ends_on BETWEEN current_date AND current_date + 30",
      ),
    ).toBeGreaterThan(0)
    expect(
      await count("SELECT count(*) AS n FROM vehicles WHERE rental AND rental_monthly_cost IS NOT NULL"),
    ).toBeGreaterThan(10)
    expect(await count("SELECT count(*) AS n FROM documents WHERE cover")).toBeGreaterThan(50)
    const doc = await h.fleet.db.system.query<{ storage_key: string; thumbnail_key: string }>(
      "SELECT storage_key, thumbnail_key FROM documents WHERE cover LIMIT 1",
    )
    const photo = await store.get(doc.rows[0]?.storage_key as string)
    expect(photo).not.toBeNull()

    // The alerts inbox has a month of alerts: open ones waiting, settled ones with their history.
    expect(await count("SELECT count(*) AS n FROM alerts WHERE status = 'open'")).toBeGreaterThan(20)
    expect(await count("SELECT count(*) AS n FROM alerts WHERE resolved_by IS NOT NULL")).toBeGreaterThan(100)
    expect(
      await count(
        "SELECT count(*) AS n FROM alerts a WHERE acknowledged_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM alert_actions h WHERE h.alert_id = a.id AND h.action = 'acknowledge')",
      ),
    ).toBe(0)
    expect(await count("SELECT count(*) AS n FROM alerts WHERE driver_id IS NOT NULL")).toBeGreaterThan(100)
    // Each fuel drop and odometer jump is an incident of its own, linked to its alert.
    expect(await count("SELECT count(*) AS n FROM incidents WHERE alert_id IS NOT NULL")).toBeGreaterThan(5)
    expect(
      await count(
        "SELECT count(*) AS n FROM alerts a WHERE a.type IN ('fuel_theft', 'odometer_jump') AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.alert_id = a.id)",
      ),
    ).toBe(0)
    const before = await count("SELECT count(*) AS n FROM expenses")
    const again = await seedDemoFleet(h.fleet.db, store, orgId)
    expect(again.seeded).toBe(false)
    expect(await count("SELECT count(*) AS n FROM expenses")).toBe(before)
  }, 120_000)

  it("keys its geofence and offline alerts as the engine does: the inbox names the geofence and the tracker", async () => {
    const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const fences = new Set(
      (
        await h.fleet.db.system.query<{ name: string }>("SELECT name FROM geofences WHERE org_id = $1", [
          orgId,
        ])
      ).rows.map((r) => r.name),
    )
    type Alerts = { items: Array<{ type: string; key: string; subjectName: string | null }> }
    for (const type of ["geofence_enter", "geofence_exit"]) {
      const listed = await admin.call<Alerts>("GET", `/api/v1/alerts?type=${type}&pageSize=100`)
      expect(listed.status).toBe(200)
      expect(listed.body.items.length, type).toBeGreaterThan(0)
      for (const a of listed.body.items)
        expect(fences.has(a.subjectName ?? ""), `${type} ${a.key}`).toBe(true)
    }
    const offline = await admin.call<Alerts>("GET", "/api/v1/alerts?type=device_offline&pageSize=100")
    expect(offline.body.items.length).toBeGreaterThan(0)
    for (const a of offline.body.items) expect(a.subjectName).toMatch(/^Teltonika FMB920 · /u)
    // The bell's inbox: each crossing's notification is titled with its geofence.
    type Inbox = { items: Array<{ title: string }> }
    const titles = await eventually(async () => {
      const inbox = await admin.call<Inbox>("GET", "/api/v1/notifications?type=geofence_exit&pageSize=100")
      return inbox.body.items.length > 0 ? inbox.body.items.map((n) => n.title) : undefined
    }, 60_000)
    for (const title of titles)
      expect(
        [...fences].some((f) => title.includes(` · ${f}: `)),
        title,
      ).toBe(true)
  })
})
