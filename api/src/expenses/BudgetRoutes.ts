import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { rows as allRows, firstRow, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { orgBooks } from "./orgBooks.js"

/** The last day of a budget's period (PostgreSQL has no "quarter" interval). */
const PERIOD_END = `(b.period_start + CASE b.period WHEN 'month' THEN interval '1 month'
  WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END - interval '1 day')::date`

const budgets = () =>
  sql
    .selectFrom("budgets as b")
    .select((eb) => [
      "b.id",
      "b.category",
      "b.period",
      eb.cast<string>("b.period_start", "text").as("start"),
      raw<string>`${raw.raw(PERIOD_END)}::text`.as("end"),
      eb.cast<string>("b.amount", "text").as("amount"),
      "b.currency",
    ])

type BudgetRow = Awaited<ReturnType<ReturnType<typeof budgets>["executeTakeFirstOrThrow"]>>

const budgetView = (r: BudgetRow) => ({
  id: r.id,
  category: r.category,
  period: r.period,
  start: r.start,
  end: r.end,
  amount: r.amount,
  currency: r.currency,
})

const SORTS = { start: "b.period_start", amount: "b.amount" } as const

const load = async (c: pg.ClientBase, id: string) => {
  const row = await firstRow(c, budgets().where("b.id", "=", id))
  if (row === undefined) throw new HttpError(404, "FLEET_BUDGET_NOT_FOUND", "no such budget")
  return budgetView(row)
}

// Actual = the organisation-currency equivalents of the period's expenses of the category (all
// categories for a budget without one), read from the daily totals (expense_days); expenses not yet
// converted are counted apart. The period's end is computed first (in \`b\`) so the join compares
// plain columns, which row-level security lets bound the index scan of the days.
const VS_ACTUAL = `
  WITH b AS MATERIALIZED (
    SELECT id, amount, category, currency, period_start, ${PERIOD_END} AS period_end FROM budgets b
    WHERE b.period_start <= $2::date AND ${PERIOD_END} >= $1::date AND b.currency = $3
  )
  SELECT b.id,
         coalesce(sum(d.org_amount), 0)::numeric(16, 2)::text AS actual,
         (b.amount - coalesce(sum(d.org_amount), 0))::text AS remaining,
         round(coalesce(sum(d.org_amount), 0) / b.amount * 100, 1)::float8 AS used_pct,
         coalesce(sum(d.unconverted), 0)::int AS unconverted
  FROM b
  LEFT JOIN expense_days d ON d.day >= b.period_start AND d.day <= b.period_end
    AND (b.category IS NULL OR d.category = b.category) AND d.org_currency = b.currency
  GROUP BY b.id, b.amount`

/** Budgets per category and period, and budget vs actual. */
export const registerBudgetRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.budgets.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "b.period_start", direction: "desc" })
    let query = budgets().orderBy(raw.ref(sort.column), sort.direction).orderBy("b.id")
    if (f.category) query = query.where("b.category", "=", f.category)
    if (f.period) query = query.where("b.period", "=", f.period)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(budgetView) } }
  })

  serve(app, deps, endpoints.budgets.create, async ({ principal: p, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      let id: string
      try {
        await c.query("SAVEPOINT budget_insert")
        const { rows } = await c.query<{ id: string }>(
          `INSERT INTO budgets (org_id, category, period, period_start, amount, currency)
           VALUES ($1, $2, $3, date_trunc($3, $4::date::timestamp)::date, $5, $6) RETURNING id`,
          [p.orgId, b.category ?? null, b.period, b.start, b.amount, books.currency],
        )
        id = rows[0]?.id as string
      } catch (e) {
        if (!isUniqueViolation(e)) throw e
        await c.query("ROLLBACK TO SAVEPOINT budget_insert")
        throw new HttpError(
          409,
          "FLEET_BUDGET_EXISTS",
          "a budget of that category and period exists",
          "start",
        )
      }
      const view = await load(c, id)
      await audit(c, p, request, { action: "budget.create", entity: "budget", entityId: id, newValues: view })
      return view
    })
    return { body: view }
  })

  serve(app, deps, endpoints.budgets.update, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = await load(c, params.id)
      await c.query("UPDATE budgets SET amount = $2, updated_at = now() WHERE id = $1", [params.id, b.amount])
      const after = await load(c, params.id)
      await audit(c, p, request, {
        action: "budget.update",
        entity: "budget",
        entityId: params.id,
        oldValues: before,
        newValues: after,
      })
      return after
    })
    return { body: view }
  })

  serve(app, deps, endpoints.budgets.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await load(c, params.id)
      await c.query("DELETE FROM budgets WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "budget.delete",
        entity: "budget",
        entityId: params.id,
        oldValues: before,
      })
    })
    return {}
  })

  serve(app, deps, endpoints.budgets.vsActual, async ({ principal: p, query: f }) => {
    if (f.to < f.from) throw refuse(400, "FLEET_QUERY_INVALID", "to", reason("notBeforeFrom"))
    const answer = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      const { rows } = await c.query<{
        id: string
        actual: string
        remaining: string
        used_pct: number
        unconverted: number
      }>(VS_ACTUAL, [f.from, f.to, books.currency])
      const byId = new Map(rows.map((r) => [r.id, r]))
      if (rows.length === 0) return { orgCurrency: books.currency, items: [] }
      const list = await allRows(
        c,
        budgets()
          .where(
            "b.id",
            "in",
            rows.map((r) => r.id),
          )
          .orderBy("b.period_start")
          .orderBy("b.category", (ob) => ob.asc().nullsFirst()),
      )
      return {
        orgCurrency: books.currency,
        items: list.map((b) => {
          const r = byId.get(b.id)
          return {
            ...budgetView(b),
            actual: r?.actual ?? "0",
            remaining: r?.remaining ?? b.amount,
            usedPct: r?.used_pct ?? 0,
            unconverted: r?.unconverted ?? 0,
          }
        }),
      }
    })
    return { body: answer }
  })
}
