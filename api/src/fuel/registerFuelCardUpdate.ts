import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { fuelCards, fuelCardView } from "./fuelViews.js"

const notFound = () => new HttpError(404, "FLEET_FUEL_CARD_NOT_FOUND", "no such fuel card")

/** API field → column of the card's editable fields. */
const COLUMNS = {
  name: "name",
  vehicleId: "vehicle_id",
  driverId: "driver_id",
  dailyLimit: "daily_limit",
  weeklyLimit: "weekly_limit",
  monthlyLimit: "monthly_limit",
  active: "active",
} as const
type Field = keyof typeof COLUMNS

/** Editing a fuel card: binding it to a driver (seed 003 step 3.2) or a vehicle, its limits, blocking it. */
export const registerFuelCardUpdate = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.fuel.updateCard, async ({ principal: p, params, body: b, request }) => {
    const card = await db.withOrg(p.orgId, async (c) => {
      const found = await firstRow(c, fuelCards().where("id", "=", params.id))
      if (found === undefined) throw notFound()
      const before = fuelCardView(found)
      if (b.vehicleId) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      if (b.driverId) await requireReference(c, "anyDriver", b.driverId, "driverId")
      const changed = (Object.keys(COLUMNS) as Field[]).filter(
        (k) => b[k] !== undefined && b[k] !== before[k],
      )
      if (changed.length === 0) return before
      await rows(
        c,
        sql
          .updateTable("fuel_cards")
          .set(Object.fromEntries(changed.map((k) => [COLUMNS[k], b[k]])))
          .where("id", "=", params.id),
      )
      await audit(c, p, request, {
        action: "fuel-card.update",
        entity: "fuel_card",
        entityId: params.id,
        oldValues: Object.fromEntries(changed.map((k) => [k, before[k]])),
        newValues: Object.fromEntries(changed.map((k) => [k, b[k]])),
      })
      const after = await firstRow(c, fuelCards().where("id", "=", params.id))
      if (after === undefined) throw notFound()
      return fuelCardView(after)
    })
    return { body: card }
  })
}
