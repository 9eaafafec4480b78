import { endpoints, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw, type SqlBool } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { countRows, listPage, pageItems, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { expenseOrder } from "../expenses/expenseList.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { registerFuelReportRoutes } from "./FuelReportRoutes.js"
import { cardsOf, entries, entryView, fuelCards, fuelCardView } from "./fuelViews.js"
import { recordRefuel } from "./recordRefuel.js"
import { registerFuelCardUpdate } from "./registerFuelCardUpdate.js"
import { settleConsumptionAlert } from "./settleConsumptionAlert.js"

// Qualified: the stored columns, not the answer's text/float casts of the same name.
const ENTRY_SORTS = {
  time: "e.spent_on",
  litres: "f.litres",
  amount: "e.amount",
} as const

/** Refuels with the consumption check, fuel cards with spending limits (warn, never block). */
export const registerFuelRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.fuel.createEntry, async ({ principal: p, params, body, request }) => {
    const recorded = await recordRefuel(deps, p, request, params.id, { ...body, receiptDocumentId: null })
    return { body: recorded }
  })

  serve(app, deps, endpoints.fuel.listEntries, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, ENTRY_SORTS, { column: "e.spent_on", direction: "desc" })
    const anomaly =
      f.anomaly === "any"
        ? raw<SqlBool>`f.anomaly`
        : f.anomaly
          ? raw<SqlBool>`f.anomaly_status = ${f.anomaly}`
          : raw<SqlBool>`true`
    let query = entries().where(visibleVehicles(p, "e.vehicle_id")).where(anomaly)
    if (f.vehicleId) query = query.where("e.vehicle_id", "=", f.vehicleId)
    if (f.q) query = query.where("e.description", "ilike", contains(f.q))
    // Each refuel has exactly one expense (fuel_entries.id references expenses.id), so without a
    // filter on the expense the refuels alone are counted (4 ms instead of 33 on the demo fleet).
    const countExpenses = f.vehicleId || f.q || isConfinedToAssignedVehicles(p.role)
    const page = await db.withOrg(p.orgId, async (c) => ({
      ...(await pageItems(c, query.orderBy(expenseOrder(sort)), f)),
      total: await countRows(c, countExpenses ? query : sql.selectFrom("fuel_entries as f").where(anomaly)),
    }))
    return { body: { ...page, items: page.items.map(entryView) } }
  })

  serve(app, deps, endpoints.fuel.checkEntry, async ({ principal: p, params, body, request }) => {
    const id = params.id
    const row = await db.withOrg(p.orgId, async (c) => {
      const updated = await firstRow(
        c,
        sql
          .updateTable("fuel_entries")
          .set({ anomaly_status: "checked", checked_by: p.userId, checked_at: raw<Date>`now()` })
          .where("id", "=", id)
          .where("anomaly_status", "=", "unchecked")
          .returning("id"),
      )
      if (updated === undefined) {
        const exists = await firstRow(c, sql.selectFrom("fuel_entries").select("id").where("id", "=", id))
        if (exists === undefined) throw new HttpError(404, "FLEET_FUEL_ENTRY_NOT_FOUND", "no such fuel entry")
        throw new HttpError(
          409,
          "FLEET_FUEL_ENTRY_NOT_UNCHECKED",
          "only an unchecked anomaly can be marked checked",
        )
      }
      await audit(c, p, request, {
        action: "fuel-entry.check",
        entity: "fuel_entry",
        entityId: id,
        oldValues: { anomalyStatus: "unchecked", checkedBy: null },
        newValues: { anomalyStatus: "checked", checkedBy: p.userId },
        details: { note: body.note ?? null },
      })
      // The anomaly is settled, so is the alert it raised: same transaction, its own audit entry.
      const resolvedAlertId = await settleConsumptionAlert(c, p, request, id, body.note ?? null)
      return { entry: await firstRow(c, entries().where("e.id", "=", id)), resolvedAlertId }
    })
    if (row.entry === undefined) throw new Error("the fuel entry just checked was not found")
    return { body: { ...entryView(row.entry), resolvedAlertId: row.resolvedAlertId } }
  })

  serve(app, deps, endpoints.fuel.createCard, async ({ principal: p, body: b, request }) => {
    const card = await db.withOrg(p.orgId, async (c) => {
      if (b.vehicleId) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      if (b.driverId) await requireReference(c, "anyDriver", b.driverId, "driverId")
      const inserted = await firstRow(
        c,
        sql
          .insertInto("fuel_cards")
          .values({
            org_id: p.orgId,
            name: b.name,
            number_last4: b.numberLast4 ?? null,
            vehicle_id: b.vehicleId ?? null,
            driver_id: b.driverId ?? null,
            currency: b.currency,
            daily_limit: b.dailyLimit ?? null,
            weekly_limit: b.weeklyLimit ?? null,
            monthly_limit: b.monthlyLimit ?? null,
          })
          .returning("id"),
      )
      const id = inserted?.id as string
      await audit(c, p, request, {
        action: "fuel-card.create",
        entity: "fuel_card",
        entityId: id,
        newValues: b,
      })
      return firstRow(c, fuelCards().where("id", "=", id))
    })
    if (card === undefined) throw new Error("the fuel card was not stored")
    return { body: fuelCardView(card) }
  })

  serve(app, deps, endpoints.fuel.listCards, async ({ principal: p, query: f }) => {
    let query = fuelCards()
      .where(cardsOf(p))
      .orderBy("name", f.sort === "-name" ? "desc" : "asc")
      .orderBy("id")
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.driverId) query = query.where("driver_id", "=", f.driverId)
    if (f.active) query = query.where("active", "=", f.active === "true")
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("name", "ilike", like), eb("number_last4", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(fuelCardView) } }
  })

  registerFuelCardUpdate(app, deps)
  registerFuelReportRoutes(app, deps)
}
