import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { PostgresClient } from "../src/Postgres.js"
import { startTestPostgres, type TestPostgres } from "./testPostgres.js"

/**
 * The expense search's SECURITY DEFINER functions (migration 1734610000000) bypass row-level security
 * to use the trigram and date indexes: each must still answer only the caller's organisation, and
 * the vendors' totals kept by triggers must always equal the totals of the matching rows.
 */
let pg: TestPostgres
let db: PostgresClient
let orgA: string
let orgB: string
let vehicleA: string
let vehicleB: string

beforeAll(async () => {
  pg = await startTestPostgres("expense-search")
  db = pg.db
  const one = async (text: string, values: unknown[]) =>
    (await db.system.query<{ id: string }>(text, values)).rows[0]?.id as string
  orgA = await one("INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id", ["search-a"])
  orgB = await one("INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id", ["search-b"])
  vehicleA = await one("INSERT INTO vehicles (org_id, name) VALUES ($1, 'A') RETURNING id", [orgA])
  vehicleB = await one("INSERT INTO vehicles (org_id, name) VALUES ($1, 'B') RETURNING id", [orgB])
  // Org A: 30 Helios fuel entries (one a day), 3 "Wash&Go" washes whose description names Helios,
  // and one expense without a vendor; org B: 5 Helios entries of its own.
  await db.system.query(
    `INSERT INTO expenses (org_id, vehicle_id, category, amount, currency, spent_at, spent_on, vendor, description, org_currency, rate, rate_on)
     SELECT $1::uuid, $2::uuid, 'fuel', 100 + i, 'KZT', now() - make_interval(days => i), current_date - i, 'Helios', NULL, 'KZT', 1, current_date - i
     FROM generate_series(0, 29) i
     UNION ALL
     SELECT $1::uuid, $2::uuid, 'washing', 10, 'KZT', now() - make_interval(days => i), current_date - i, 'Wash&Go', 'near the Helios station', 'KZT', 1, current_date - i
     FROM generate_series(0, 2) i
     UNION ALL
     SELECT $1::uuid, $2::uuid, 'other', 7, 'USD', now(), current_date, NULL, 'helios sticker', 'KZT', NULL, NULL
     UNION ALL
     SELECT $3::uuid, $4::uuid, 'fuel', 50, 'KZT', now() - make_interval(days => i), current_date - i, 'Helios', NULL, 'KZT', 1, current_date - i
     FROM generate_series(0, 4) i`,
    [orgA, vehicleA, orgB, vehicleB],
  )
})
afterAll(async () => {
  await pg?.stop()
})

interface Totals {
  expenses: string
  org_amount: string
  unconverted: string
  scope: string
}

const totalsAs = (orgId: string, pattern: string, category: string | null = null) =>
  db.withOrg(
    orgId,
    async (c) =>
      (
        await c.query<Totals>(
          "SELECT expenses::text, org_amount::text, unconverted::text, scope::text FROM expense_search_totals($1, $2, NULL)",
          [pattern, category],
        )
      ).rows[0],
  )

/** The same totals counted from the matching rows themselves. */
const countedAs = (orgId: string, pattern: string) =>
  db.withOrg(
    orgId,
    async (c) =>
      (
        await c.query<{ expenses: string; org_amount: string; unconverted: string }>(
          `SELECT count(*)::text AS expenses, coalesce(sum(org_amount), 0)::text AS org_amount,
                  count(*) FILTER (WHERE org_amount IS NULL)::text AS unconverted
           FROM expenses_search($1)`,
          [pattern],
        )
      ).rows[0] ?? {},
  )

describe("expense search totals and pages", () => {
  it("counts vendor and description matches once each, inside the caller's organisation", async () => {
    expect(await totalsAs(orgA, "%helios%")).toEqual({
      expenses: "34",
      org_amount: `${30 * 100 + (29 * 30) / 2 + 3 * 10}.00`,
      unconverted: "1",
      scope: "34",
    })
    expect(await totalsAs(orgA, "%helios%")).toMatchObject(await countedAs(orgA, "%helios%"))
    expect(await totalsAs(orgB, "%helios%")).toMatchObject({ expenses: "5", scope: "5" })
    expect(await totalsAs(orgA, "%helios%", "washing")).toMatchObject({ expenses: "3", scope: "3" })
  })

  it("keeps the vendors' totals equal to the rows through updates and deletes", async () => {
    await db.withOrg(orgA, async (c) => {
      await c.query("UPDATE expenses SET vendor = 'Sinooil' WHERE vendor = 'Helios' AND amount >= 120")
      await c.query("DELETE FROM expenses WHERE vendor = 'Wash&Go' AND spent_on = current_date")
      await c.query("UPDATE expenses SET amount = amount + 1 WHERE vendor = 'Helios'")
    })
    for (const pattern of ["%helios%", "%sinooil%", "%wash%", "%station%", "%zzz%"]) {
      expect(await totalsAs(orgA, pattern)).toMatchObject(await countedAs(orgA, pattern))
    }
    expect(await totalsAs(orgA, "%sinooil%")).toMatchObject({ expenses: "10" })
  })

  it("pages the newest matches of the caller's organisation only", async () => {
    const page = (orgId: string, n: number, skip: number) =>
      db.withOrg(
        orgId,
        async (c) =>
          (
            await c.query<{ id: string; org_id: string; spent_on: string }>(
              `SELECT e.id, e.org_id, e.spent_on::text FROM expenses_search_newest('%helios%', 'fuel', NULL, $1, $2) s
               JOIN expenses e ON e.id = s`,
              [n, skip],
            )
          ).rows,
      )
    const first = await page(orgA, 5, 0)
    const second = await page(orgA, 5, 5)
    expect(first.map((r) => r.org_id)).toEqual(Array(5).fill(orgA))
    expect(second.map((r) => r.org_id)).toEqual(Array(5).fill(orgA))
    const days = [...first, ...second].map((r) => r.spent_on)
    expect(days).toEqual([...days].sort().reverse())
    expect(new Set(days).size).toBe(10)
    expect((await page(orgB, 50, 0)).map((r) => r.org_id)).toEqual(Array(5).fill(orgB))
  })

  it("answers nothing when no organisation is set", async () => {
    const unset = await db.system.query(
      `SELECT (SELECT count(*) FROM expenses_search('%helios%'))::int AS rows,
              (SELECT expenses FROM expense_search_totals('%helios%', NULL, NULL))::int AS totals,
              (SELECT count(*) FROM expenses_search_newest('%helios%', NULL, NULL, 50, 0))::int AS page`,
    )
    expect(unset.rows[0]).toEqual({ rows: 0, totals: 0, page: 0 })
  })
})
