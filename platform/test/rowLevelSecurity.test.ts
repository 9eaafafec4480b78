import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { PostgresClient } from "../src/Postgres.js"
import { startTestPostgres, type TestPostgres } from "./testPostgres.js"

let pg: TestPostgres
let db: PostgresClient
let orgA: string
let orgB: string

beforeAll(async () => {
  pg = await startTestPostgres("rls")
  db = pg.db
  const org = async (slug: string) =>
    (
      await db.system.query<{ id: string }>(
        "INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id",
        [slug],
      )
    ).rows[0]?.id as string
  orgA = await org("alpha")
  orgB = await org("bravo")
  await db.system.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'A1'), ($1, 'A2'), ($2, 'B1')", [
    orgA,
    orgB,
  ])
})
afterAll(async () => {
  await pg?.stop()
})

describe("row-level security", () => {
  it("shows an organisation only its own rows", async () => {
    const names = await db.withOrg(
      orgA,
      async (c) => (await c.query<{ name: string }>("SELECT name FROM vehicles ORDER BY name")).rows,
    )
    expect(names.map((r) => r.name)).toEqual(["A1", "A2"])
    const orgs = await db.withOrg(
      orgB,
      async (c) => (await c.query<{ slug: string }>("SELECT slug FROM organisations")).rows,
    )
    expect(orgs.map((r) => r.slug)).toEqual(["bravo"])
  })

  it("refuses writing a row into another organisation", async () => {
    await expect(
      db.withOrg(orgA, (c) => c.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'sneaky')", [orgB])),
    ).rejects.toThrow(/row-level security/)
  })

  it("cannot change or delete another organisation's rows", async () => {
    const updated = await db.withOrg(orgA, (c) => c.query("UPDATE vehicles SET name = 'x' WHERE name = 'B1'"))
    expect(updated.rowCount).toBe(0)
    const deleted = await db.withOrg(orgA, (c) => c.query("DELETE FROM vehicles WHERE name = 'B1'"))
    expect(deleted.rowCount).toBe(0)
  })

  it("shows nothing when no organisation is set", async () => {
    const rows = await db.withOrg(orgA, async (c) => {
      await c.query("SELECT set_config('app.org_id', '', true)")
      return (await c.query("SELECT * FROM vehicles")).rowCount
    })
    expect(rows).toBe(0)
  })

  it("works as two login roles, neither of them a superuser, only one of them past row-level security", async () => {
    const whoAmI =
      "SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
    const app = await db.withOrg(orgA, async (c) => (await c.query(whoAmI)).rows[0])
    expect(app).toEqual({ name: "fleetcore_app", rolsuper: false, rolbypassrls: false })
    expect((await db.system.query(whoAmI)).rows[0]).toEqual({
      name: "fleetcore_system",
      rolsuper: false,
      rolbypassrls: true,
    })
  })

  it("cannot leave row-level security: no other role to become", async () => {
    for (const role of ["postgres", "fleetcore_system"])
      await expect(db.withOrg(orgA, (c) => c.query(`SET ROLE ${role}`))).rejects.toThrow(/permission denied/)
    const after = await db.withOrg(orgA, async (c) => {
      await c.query("RESET ROLE")
      return (
        await c.query<{ user: string; n: string }>("SELECT current_user AS user, count(*) AS n FROM vehicles")
      ).rows[0]
    })
    expect(after).toEqual({ user: "fleetcore_app", n: "2" })
  })

  it("keeps the planner's statistics fresh after bulk writes (ANALYZE as the system role)", async () => {
    // A denied ANALYZE is only a warning: the table's row estimate tells whether it ran.
    await db.system.query("ANALYZE vehicles")
    const analysed = await db.system.query<{ reltuples: number }>(
      "SELECT reltuples FROM pg_class WHERE relname = 'vehicles'",
    )
    expect(analysed.rows[0]?.reltuples).toBe(3)
  })

  it("changes data, never the schema or the record of migrations", async () => {
    await expect(db.system.query("CREATE TABLE sneaky (i int)")).rejects.toThrow(/permission denied/)
    await expect(db.system.query("ALTER TABLE vehicles ADD COLUMN sneaky int")).rejects.toThrow(
      /must be owner/,
    )
    await expect(db.system.query("DELETE FROM pgmigrations")).rejects.toThrow(/permission denied/)
    await expect(db.withOrg(orgA, (c) => c.query("CREATE TABLE sneaky (i int)"))).rejects.toThrow(
      /permission denied/,
    )
  })

  it("rolls the transaction back when the work fails", async () => {
    await expect(
      db.withOrg(orgA, async (c) => {
        await c.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'rolled back')", [orgA])
        throw new Error("boom")
      }),
    ).rejects.toThrow("boom")
    const n = await db.withOrg(orgA, (c) => c.query("SELECT 1 FROM vehicles WHERE name = 'rolled back'"))
    expect(n.rowCount).toBe(0)
  })

  it("evaluates the organisation once per statement in every policy (no bare app_org_id() per row)", async () => {
    const policies = await db.system.query<{ tablename: string; policyname: string; expr: string }>(
      `SELECT tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS expr
       FROM pg_policies WHERE schemaname = current_schema()`,
    )
    expect(policies.rows.length).toBeGreaterThan(20)
    const perRow = policies.rows.filter((r) =>
      r.expr.replaceAll("SELECT app_org_id()", "").includes("app_org_id()"),
    )
    expect(perRow.map((r) => `${r.tablename}.${r.policyname}`)).toEqual([])
    const plan = await db.withOrg(orgA, async (c) =>
      (await c.query<{ "QUERY PLAN": string }>("EXPLAIN SELECT * FROM vehicles")).rows.map(
        (r) => r["QUERY PLAN"],
      ),
    )
    expect(plan.join("\n")).toMatch(/InitPlan/)
  })

  it("takes an organisation id as a value, never as SQL", async () => {
    await expect(
      db.withOrg("x', true); DROP TABLE vehicles; --", (c) => c.query("SELECT 1 FROM vehicles")),
    ).rejects.toThrow(/invalid input syntax for type uuid/)
    const still = await db.withOrg(orgA, (c) => c.query("SELECT 1 FROM vehicles"))
    expect(still.rowCount).toBe(2)
  })

  it("searches expenses only inside the caller's organisation", async () => {
    const [a1, b1] = (
      await db.system.query<{ id: string; org_id: string }>(
        "SELECT id, org_id FROM vehicles WHERE name IN ('A1', 'B1') ORDER BY name",
      )
    ).rows
    await db.system.query(
      `INSERT INTO expenses (org_id, vehicle_id, category, amount, currency, spent_at, spent_on, vendor, org_currency)
       VALUES ($1, $2, 'washing', 10, 'KZT', now(), current_date, 'Helios wash', 'KZT'),
              ($3, $4, 'washing', 10, 'KZT', now(), current_date, 'Helios wash', 'KZT')`,
      [a1?.org_id, a1?.id, b1?.org_id, b1?.id],
    )
    const found = await db.withOrg(
      orgA,
      async (c) =>
        (await c.query<{ org_id: string }>("SELECT e.org_id FROM expenses_matching('%helios%') e")).rows,
    )
    expect(found.map((r) => r.org_id)).toEqual([orgA])
    const unset = await db.system.query("SELECT * FROM expenses_matching('%helios%')")
    expect(unset.rowCount).toBe(0)
  })
})
