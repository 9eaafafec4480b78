import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * An analyst's views follow their tables (api/src/analytics/orgViews.ts): ClickHouse expands a view's
 * `SELECT *` when the view is made, so a column a migration adds after the organisation's views were
 * made (here while FleetCore runs, as when another process sharing the ClickHouse server applies
 * it) must reach the analyst at the next query; views whose table did not change are left alone.
 */
const PASSWORD = "analytics-views-pw"
let h: Harness
let analyst: ApiClient
let orgId = ""
const vehicleId = randomUUID()

type Answer = { columns: Array<{ name: string; type: string }>; rows: Array<Array<unknown>> }

const query = async (sql: string) => {
  const r = await analyst.call<Answer>("POST", "/api/v1/analytics/query", { sql })
  if (r.status !== 200) throw new Error(`${sql}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}
/** Each of the organisation's views and the id ClickHouse gave it when it was made. */
const views = async () =>
  Object.fromEntries(
    (
      await h.fleet.ch.query<{ name: string; uuid: string }>(
        "SELECT name, toString(uuid) AS uuid FROM system.tables WHERE database = {db:String}",
        { db: `fleet_org_${orgId.replaceAll("-", "")}` },
      )
    ).map((t) => [t.name, t.uuid]),
  )

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "analytics-views", PASSWORD)
  orgId = a.orgId
  await createUser(h.fleet, orgId, "analyst", "analyst@analytics-views.example", PASSWORD)
  analyst = await login(h.fleet, "analyst@analytics-views.example", PASSWORD)
  await h.fleet.ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version", "time_zone"],
    [[orgId, vehicleId, "2026-11-02", 12_345, 1, "Asia/Almaty"]],
  )
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("the organisation's views and migrations", () => {
  it("shows a column a migration added after the views were made, and makes only that view again", async () => {
    const before = await query("SELECT * FROM daily_mileage")
    expect(before.columns.map((c) => c.name)).toContain("time_zone")
    expect(before.columns.map((c) => c.name)).not.toContain("source_note")
    const made = await views()
    expect(Object.keys(made).sort()).toEqual(
      ["daily_mileage", "daily_mileage_driver", "dead_letters", "fuel_events", "positions", "trips"].sort(),
    )

    // What a migration adding a column runs (infra/migrations/clickhouse), applied behind the views.
    await h.fleet.ch.exec(
      "ALTER TABLE daily_mileage ADD COLUMN IF NOT EXISTS source_note LowCardinality(String) DEFAULT 'engine' COMMENT 'test column'",
    )

    const after = await query(
      "SELECT toString(vehicle_id) AS vehicle, metres, source_note FROM daily_mileage",
    )
    expect(after.rows).toEqual([[vehicleId, 12_345, "engine"]])
    expect(after.columns.find((c) => c.name === "source_note")?.type).toBe("LowCardinality(String)")
    const remade = await views()
    expect(remade.daily_mileage).not.toBe(made.daily_mileage)
    for (const name of ["daily_mileage_driver", "dead_letters", "fuel_events", "positions", "trips"])
      expect(remade[name], name).toBe(made[name])
  })

  it("makes no view again while its table is unchanged", async () => {
    const made = await views()
    await query("SELECT count() FROM daily_mileage")
    await query("SELECT count() FROM positions")
    expect(await views()).toEqual(made)
  })
})
