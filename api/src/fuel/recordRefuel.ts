import { type endpoints, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { orgBooks } from "../expenses/orgBooks.js"
import { insertExpense } from "../expenses/writeExpense.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireVisibleVehicle } from "../vehicles/visibleVehicle.js"
import { exceededCardLimits } from "./fuelCardLimits.js"
import { cardsOf, entries, entryView } from "./fuelViews.js"
import { raiseRefuelAlerts } from "./raiseRefuelAlerts.js"

export type RefuelInput = typeof endpoints.fuel.createEntry.body.Type & {
  /** The receipt's photo, a document of the organisation (the Telegram bot's photos). */
  readonly receiptDocumentId: string | null
}

/**
 * Refuses a card of the organisation a driver may not pay with (one issued to someone else, or to
 * a vehicle not assigned to them); an unknown card is left to the reference check (422).
 */
const requireOwnCard = async (c: pg.ClientBase, p: Principal, cardId: string): Promise<void> => {
  if (!isConfinedToAssignedVehicles(p.role)) return
  const card = await firstRow(
    c,
    sql.selectFrom("fuel_cards").select(cardsOf(p).as("own")).where("id", "=", cardId),
  )
  if (card !== undefined && !card.own) {
    throw new HttpError(
      403,
      "FLEET_FUEL_CARD_NOT_YOURS",
      "a driver pays only with a fuel card issued to them or to a vehicle assigned to them",
      "fuelCardId",
    )
  }
}

/**
 * Records a refuel of `vehicleId` for `p` (a driver: on a vehicle assigned to them, as theirs): a fuel
 * expense, checked against the rated consumption, audited, with its card-limit warnings; the
 * consumption and limit alerts are raised once it is stored. The one way a refuel is entered.
 */
export const recordRefuel = async (
  deps: Pick<RouteDeps, "db" | "ch">,
  p: Principal,
  request: Request,
  vehicleId: string,
  body: RefuelInput,
) => {
  const result = await deps.db.withOrg(p.orgId, async (c) => {
    await requireVisibleVehicle(c, p, vehicleId)
    if (body.fuelCardId) await requireOwnCard(c, p, body.fuelCardId)
    const books = await orgBooks(c, p.orgId)
    // A driver's refuel is theirs: their driver record, when their login has one.
    const driver =
      p.role === "driver"
        ? (await c.query<{ id: string }>("SELECT id FROM drivers WHERE user_id = $1", [p.userId])).rows[0]
        : undefined
    // The refuel is a fuel expense: one record, written by the one expense path.
    const written = await insertExpense(
      c,
      p.orgId,
      p.userId,
      books,
      {
        vehicleId,
        driverId: driver?.id ?? null,
        category: "fuel",
        amount: body.amount ?? null,
        currency: body.currency ?? null,
        date: body.time,
        description: body.note ?? null,
        vendor: null,
        receiptDocumentId: body.receiptDocumentId,
        litres: body.litres,
        odometerKm: body.odometerKm ?? null,
        fuelCardId: body.fuelCardId ?? null,
      },
      { code: "FLEET_FUEL_ENTRY_INVALID", dateField: "time" },
    )
    const entry = await firstRow(c, entries().where("e.id", "=", written.id))
    if (entry === undefined) throw new Error("the fuel entry was not stored")
    const warnings = body.fuelCardId
      ? await exceededCardLimits(c, body.fuelCardId, written.spentAt, books.timezone)
      : []
    const view = entryView(entry)
    await audit(c, p, request, {
      action: "fuel-entry.create",
      entity: "fuel_entry",
      entityId: entry.id,
      newValues: view,
    })
    return { view, warnings, written }
  })
  await raiseRefuelAlerts(
    deps,
    p.orgId,
    vehicleId,
    result.written.spentAt,
    { id: result.view.id, litres: result.view.litres },
    result.written.check,
    result.warnings,
  )
  return {
    ...result.view,
    baseline: result.view.checkSkipped === "first_refuel",
    warnings: result.warnings,
  }
}
