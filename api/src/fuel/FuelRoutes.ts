import { endpoints } from "@fleetcore/contract"
import { checkRefuel, crossCheckRefuels, raiseAlerts } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { readableDrivers } from "../drivers/driverQueries.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { requireVisibleVehicle, visibleVehicles } from "../vehicles/visibleVehicle.js"
import { exceededCardLimits } from "./fuelCardLimits.js"
import { entries, entryView, fuelCards, fuelCardView } from "./fuelViews.js"
import { registerFuelCardUpdate } from "./registerFuelCardUpdate.js"

// Qualified: the stored columns, not the answer's text/float casts of the same name.
const ENTRY_SORTS = {
  time: "fuel_entries.time",
  litres: "fuel_entries.litres",
  amount: "fuel_entries.amount",
} as const

/** Refuels with the consumption check, fuel cards with spending limits (warn, never block). */
export const registerFuelRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.fuel.createEntry, async ({ principal: p, params, body, request }) => {
    const vehicleId = params.id
    const at = new Date(body.time)
    if (at.getTime() > Date.now() + 5 * 60_000) {
      throw new HttpError(400, "FLEET_FUEL_ENTRY_INVALID", "time must not be in the future", "time")
    }
    const result = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, vehicleId)
      const vehicle = await firstRow(
        c,
        sql
          .selectFrom("vehicles as v")
          .innerJoin("organisations as o", "o.id", "v.org_id")
          .leftJoin("vehicle_types as t", "t.id", "v.vehicle_type_id")
          .select((eb) => [
            eb.cast<number | null>("t.rated_consumption_l_100km", "float8").as("rated"),
            "o.settings",
          ])
          .where("v.id", "=", vehicleId),
      )
      if (vehicle === undefined) throw new Error("a visible vehicle has no organisation")
      const previous = await firstRow(
        c,
        sql
          .selectFrom("fuel_entries")
          .select((eb) => eb.cast<number>("odometer_km", "float8").as("odometer_km"))
          .where("vehicle_id", "=", vehicleId)
          .where("time", "<", at)
          .orderBy("time", "desc")
          .limit(1),
      )
      const threshold = Number(vehicle.settings.fuelAnomalyThresholdPct ?? 15)
      const check = checkRefuel(
        previous === undefined ? null : { odometerKm: previous.odometer_km },
        { odometerKm: body.odometerKm, litres: body.litres },
        vehicle.rated,
        threshold,
      )
      if (check.kind === "invalid")
        throw new HttpError(400, "FLEET_FUEL_ODOMETER_NOT_INCREASING", check.reason, "odometerKm")
      if (body.fuelCardId) await requireReference(c, "activeFuelCard", body.fuelCardId, "fuelCardId")
      const checked = check.kind === "checked" ? check : null
      const inserted = await firstRow(
        c,
        sql
          .insertInto("fuel_entries")
          .values({
            org_id: p.orgId,
            vehicle_id: vehicleId,
            time: at,
            litres: body.litres,
            amount: body.amount,
            currency: body.currency,
            odometer_km: body.odometerKm,
            fuel_card_id: body.fuelCardId ?? null,
            note: body.note ?? null,
            entered_by: p.userId,
            distance_km: checked?.distanceKm ?? null,
            expected_l: checked?.expectedL ?? null,
            difference_l: checked?.differenceL ?? null,
            difference_pct: checked?.differencePct ?? null,
            anomaly: checked?.anomaly ?? false,
            anomaly_status: checked?.anomaly ? "unchecked" : "none",
          })
          .returning("id"),
      )
      const entry = await firstRow(c, entries().where("id", "=", inserted?.id as string))
      if (entry === undefined) throw new Error("the fuel entry was not stored")
      const timezone =
        typeof vehicle.settings.timezone === "string" ? vehicle.settings.timezone : "Asia/Almaty"
      const warnings = body.fuelCardId ? await exceededCardLimits(c, body.fuelCardId, at, timezone) : []
      await audit(c, p, request, {
        action: "fuel-entry.create",
        entity: "fuel_entry",
        entityId: entry.id,
        newValues: entry,
      })
      return { entry, warnings, baseline: check.kind === "baseline" }
    })
    const alerts = [
      ...(result.entry.anomaly
        ? [
            {
              type: "fuel_consumption",
              key: result.entry.id,
              severity: "warning" as const,
              details: {
                expectedL: result.entry.expected_l,
                actualL: result.entry.litres,
                differencePct: result.entry.difference_pct,
              },
            },
          ]
        : []),
      ...result.warnings.map((w) => ({
        type: "fuel_card_limit",
        key: `${w.cardId}:${w.period}`,
        severity: "warning" as const,
        details: { period: w.period, spent: w.spent, limit: w.limit, currency: w.currency, cardId: w.cardId },
      })),
    ]
    // The sensor's fill may already be stored: check this entry against it now (the engine
    // checks again when it detects a fill, whichever comes second).
    const mismatches = await crossCheckRefuels(db.system, ch, p.orgId, vehicleId, at.getTime())
    const raised = [
      ...alerts.map((a) => ({
        ...a,
        orgId: p.orgId as OrgId,
        vehicleId: vehicleId as VehicleId,
        timeMs: at.getTime(),
        lat: null,
        lon: null,
      })),
      ...mismatches,
    ]
    if (raised.length > 0) await raiseAlerts(db.system, raised)
    return { body: { ...entryView(result.entry), baseline: result.baseline, warnings: result.warnings } }
  })

  serve(app, deps, endpoints.fuel.listEntries, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, ENTRY_SORTS, { column: "time", direction: "desc" })
    let query = entries()
      .where(visibleVehicles(p, "vehicle_id"))
      .orderBy(raw.ref(sort.column), sort.direction)
      .orderBy("id")
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.anomaly === "any") query = query.where("anomaly", "=", true)
    else if (f.anomaly) query = query.where("anomaly_status", "=", f.anomaly)
    if (f.q) query = query.where("note", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
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
      return firstRow(c, entries().where("id", "=", id))
    })
    if (row === undefined) throw new Error("the fuel entry just checked was not found")
    return { body: entryView(row) }
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
      .where((eb) => eb.or([visibleVehicles(p, "vehicle_id"), readableDrivers(p, "driver_id")]))
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
}
