import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, type Harness, login, startHarness } from "./harness.js"

/**
 * Retention per organisation (docs/analytics.md): A keeps positions 6 months and derived rows 2
 * years; B keeps the defaults (13 months, 10 years). Old rows are inserted, the TTL is applied
 * now (MATERIALIZE TTL, then OPTIMIZE FINAL), and only the rows past each one's retention are gone.
 */
const PASSWORD = "analytics-retention-pw"
let h: Harness
let adminA: ApiClient
let orgA: string
let orgB: string
const vA = randomUUID()
const vB = randomUUID()
const monthsAgo = (m: number) => {
  const d = new Date()
  d.setUTCMonth(d.getUTCMonth() - m)
  return d.toISOString().replace("T", " ").slice(0, 23)
}

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "retention-a", PASSWORD)
  const b = await createOrg(h.fleet, "retention-b", PASSWORD)
  orgA = a.orgId
  orgB = b.orgId
  adminA = await login(h.fleet, a.email, PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("retention per organisation", () => {
  it("refuses a retention out of range", async () => {
    for (const body of [
      { positionsRetentionMonths: 0 },
      { positionsRetentionMonths: 121 },
      { aggregatesRetentionYears: 31 },
    ]) {
      const res = await adminA.call<{ error: { code: string } }>("PUT", "/api/v1/settings", body)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe("FLEET_SETTINGS_INVALID")
    }
  })

  it("drops each organisation's rows past its own retention, and keeps the rest", async () => {
    const set = await adminA.call("PUT", "/api/v1/settings", {
      positionsRetentionMonths: 6,
      aggregatesRetentionYears: 2,
    })
    expect(set.status).toBe(200)
    const ch = h.fleet.ch
    const point = (org: string, v: string, months: number) => [
      org,
      v,
      "dev",
      monthsAgo(months),
      monthsAgo(months),
      43,
      76,
      [],
      {},
    ]
    // Inserted one part at a time, so expired rows are not simply dropped on insert as a whole part.
    for (const row of [point(orgA, vA, 8), point(orgA, vA, 2), point(orgB, vB, 8), point(orgB, vB, 12)]) {
      await ch.insert(
        "positions",
        ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "dtc", "attrs"],
        [row],
      )
    }
    const dayAgo = (months: number) => monthsAgo(months).slice(0, 10)
    await ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version"],
      [
        [orgA, vA, dayAgo(36), 1_000, 1],
        [orgA, vA, dayAgo(12), 2_000, 1],
        [orgB, vB, dayAgo(36), 3_000, 1],
        [orgB, vB, dayAgo(12), 4_000, 1],
      ],
    )
    for (const table of ["positions", "daily_mileage"]) {
      await ch.exec(`ALTER TABLE ${table} MATERIALIZE TTL SETTINGS mutations_sync = 2`)
      await ch.exec(`OPTIMIZE TABLE ${table} FINAL`)
    }
    const ages = await ch.query<{ org: string; months: number }>(
      "SELECT toString(org_id) AS org, toUInt32(round(dateDiff('day', time, now64()) / 30.4)) AS months FROM positions WHERE org_id IN ({a:UUID}, {b:UUID}) ORDER BY org, months",
      { a: orgA, b: orgB },
    )
    const monthsOf = (org: string) => ages.filter((r) => r.org === org).map((r) => Number(r.months))
    expect(monthsOf(orgA)).toEqual([2])
    expect(monthsOf(orgB)).toEqual([8, 12])
    const metres = await ch.query<{ m: number }>(
      "SELECT metres AS m FROM daily_mileage WHERE org_id IN ({a:UUID}, {b:UUID}) ORDER BY m",
      { a: orgA, b: orgB },
    )
    expect(metres.map((r) => r.m)).toEqual([2_000, 3_000, 4_000])
  })

  it("shows the rules in the table's TTL: the default, and one rule for A's choice", async () => {
    const [row] = await h.fleet.ch.query<{ ddl: string }>(
      "SELECT create_table_query AS ddl FROM system.tables WHERE database = currentDatabase() AND name = 'positions'",
    )
    expect(row?.ddl).toContain(`toDateTime(time) + toIntervalMonth(13) WHERE org_id NOT IN ('${orgA}')`)
    expect(row?.ddl).toContain(`toDateTime(time) + toIntervalMonth(6) WHERE org_id IN ('${orgA}')`)
  })
})
