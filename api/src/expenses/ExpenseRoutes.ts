import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { sortOf } from "../db/listPage.js"
import { firstRow } from "../db/sql.js"
import { exceededCardLimits } from "../fuel/fuelCardLimits.js"
import { raiseRefuelAlerts } from "../fuel/raiseRefuelAlerts.js"
import { nextRefuelId, storeRefuelCheck } from "../fuel/storeRefuelCheck.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { expensePage } from "./expenseList.js"
import { expenseRows, expenseView } from "./expenseViews.js"
import { orgBooks } from "./orgBooks.js"
import { type ExpenseInput, insertExpense, updateExpense } from "./writeExpense.js"

const SORTS = {
  date: "e.spent_on",
  amount: "e.amount",
  orgAmount: "e.org_amount",
  category: "e.category",
  vendor: "e.vendor",
} as const

const notFound = () => new HttpError(404, "FLEET_EXPENSE_NOT_FOUND", "no such expense")

const load = async (c: pg.ClientBase, id: string) => {
  const row = await firstRow(c, expenseRows().where("e.id", "=", id))
  if (row === undefined) throw notFound()
  return expenseView(row)
}

/** Expenses of every category; a fuel expense is a refuel (`api/src/fuel`) seen as money. */
export const registerExpenseRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.expenses.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "e.spent_on", direction: "desc" })
    const page = await db.withOrg(p.orgId, (c) => expensePage(c, f, sort, p.orgId))
    return {
      body: {
        items: page.items.map(expenseView),
        total: page.count,
        page: page.page,
        pageSize: page.pageSize,
        totals: {
          orgCurrency: page.currency,
          orgAmount: page.orgAmount,
          count: page.count,
          unconverted: page.unconverted,
        },
      },
    }
  })

  serve(app, deps, endpoints.expenses.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => load(c, params.id)),
  }))

  serve(app, deps, endpoints.expenses.create, async ({ principal: p, body: b, request }) => {
    const { view, written, warnings } = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      const written = await insertExpense(c, p.orgId, p.userId, books, {
        vehicleId: b.vehicleId,
        driverId: b.driverId ?? null,
        category: b.category,
        amount: b.amount ?? null,
        currency: b.currency ?? null,
        date: b.date,
        description: b.description ?? null,
        vendor: b.vendor ?? null,
        receiptDocumentId: b.receiptDocumentId ?? null,
        litres: b.litres ?? null,
        odometerKm: b.odometerKm ?? null,
        fuelCardId: b.fuelCardId ?? null,
      })
      const view = await load(c, written.id)
      const warnings =
        view.fuel?.fuelCardId == null
          ? []
          : await exceededCardLimits(c, view.fuel.fuelCardId, written.spentAt, books.timezone)
      await audit(c, p, request, {
        action: "expense.create",
        entity: "expense",
        entityId: view.id,
        newValues: view,
      })
      return { view, written, warnings }
    })
    if (view.fuel !== null) {
      await raiseRefuelAlerts(
        deps,
        p.orgId,
        view.vehicleId,
        written.spentAt,
        { id: view.id, litres: view.fuel.litres },
        written.check,
        warnings,
      )
    }
    return { body: { ...view, warnings } }
  })

  serve(app, deps, endpoints.expenses.update, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = await load(c, params.id)
      const stored = await firstRow(c, expenseRows().where("e.id", "=", params.id))
      if (stored === undefined) throw notFound()
      const books = await orgBooks(c, p.orgId)
      const pick = <K extends keyof typeof b, V>(key: K, fallback: V) =>
        (key in b ? b[key] : fallback) as Exclude<(typeof b)[K], undefined> | V
      const next: ExpenseInput = {
        vehicleId: pick("vehicleId", before.vehicleId),
        driverId: pick("driverId", before.driverId) ?? null,
        category: before.category,
        amount: pick("amount", before.amount) ?? null,
        currency: pick("currency", before.currency),
        date: pick("date", before.time ?? before.date),
        description: pick("description", before.description) ?? null,
        vendor: pick("vendor", before.vendor) ?? null,
        receiptDocumentId: pick("receiptDocumentId", before.receiptDocumentId) ?? null,
        litres: pick("litres", before.fuel?.litres ?? null),
        odometerKm: pick("odometerKm", before.fuel?.odometerKm ?? null) ?? null,
        fuelCardId: pick("fuelCardId", before.fuel?.fuelCardId ?? null) ?? null,
      }
      await updateExpense(
        c,
        params.id,
        { vehicleId: before.vehicleId, spentAt: stored.spent_at },
        books,
        next,
        "date" in b,
      )
      const after = await load(c, params.id)
      await audit(c, p, request, {
        action: "expense.update",
        entity: "expense",
        entityId: params.id,
        oldValues: before,
        newValues: after,
      })
      return after
    })
    return { body: view }
  })

  serve(app, deps, endpoints.expenses.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await load(c, params.id)
      const stored = await firstRow(c, expenseRows().where("e.id", "=", params.id))
      const next =
        before.fuel === null || stored === undefined
          ? null
          : await nextRefuelId(c, before.vehicleId, stored.spent_at, params.id)
      await c.query("DELETE FROM expenses WHERE id = $1", [params.id])
      if (next !== null) await storeRefuelCheck(c, next, false)
      await audit(c, p, request, {
        action: "expense.delete",
        entity: "expense",
        entityId: params.id,
        oldValues: before,
      })
    })
    return {}
  })
}
