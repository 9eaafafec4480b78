import type { EXPENSE_CATEGORIES } from "@fleetcore/contract"
import { reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"
import type { RefuelCheck } from "../fuel/refuelCheck.js"
import { nextRefuelId, storeRefuelCheck } from "../fuel/storeRefuelCheck.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { expenseWhen, type OrgBooks } from "./orgBooks.js"
import { repriceExpense } from "./reprice.js"

/** An expense as it is written (create, or the stored one with a patch applied). */
export interface ExpenseInput {
  readonly vehicleId: string
  readonly driverId: string | null
  readonly category: (typeof EXPENSE_CATEGORIES)[number]
  readonly amount: string | null
  /** Null when not given: a fuel card's currency when paid with one, else the organisation's. */
  readonly currency: string | null
  /** A day or an instant (see `expenseWhen`). */
  readonly date: string
  readonly description: string | null
  readonly vendor: string | null
  readonly receiptDocumentId: string | null
  /** The refuel's, only for fuel. */
  readonly litres: number | null
  readonly odometerKm: number | null
  readonly fuelCardId: string | null
}

/** What the schema cannot say: fuel needs litres, other categories need an amount and no refuel. */
const validate = (e: ExpenseInput, code = "FLEET_EXPENSE_INVALID"): void => {
  const invalid = (field: string, key: "fuelNeedsLitres" | "amountRequired" | "fuelOnly") => {
    throw refuse(400, code, field, reason(key))
  }
  if (e.category === "fuel") {
    if (e.litres === null) invalid("litres", "fuelNeedsLitres")
    return
  }
  if (e.amount === null) invalid("amount", "amountRequired")
  if (e.litres !== null) invalid("litres", "fuelOnly")
  if (e.odometerKm !== null) invalid("odometerKm", "fuelOnly")
  if (e.fuelCardId !== null) invalid("fuelCardId", "fuelOnly")
}

const requireReferences = async (c: pg.PoolClient, e: ExpenseInput): Promise<void> => {
  await requireReference(c, "vehicle", e.vehicleId, "vehicleId")
  if (e.driverId !== null) await requireReference(c, "driverRecord", e.driverId, "driverId")
  if (e.receiptDocumentId !== null)
    await requireReference(c, "document", e.receiptDocumentId, "receiptDocumentId")
  if (e.fuelCardId !== null) await requireReference(c, "activeFuelCard", e.fuelCardId, "fuelCardId")
}

/**
 * The currency the expense is kept in. A fuel card bills in its currency, so an expense paid with
 * one is in it: the card's when none is given, and another one is refused. Runs after the card
 * reference was checked.
 */
const billedCurrency = async (c: pg.PoolClient, e: ExpenseInput, books: OrgBooks): Promise<string> => {
  if (e.fuelCardId === null) return e.currency ?? books.currency
  const { rows } = await c.query<{ name: string; currency: string }>(
    "SELECT name, currency FROM fuel_cards WHERE id = $1",
    [e.fuelCardId],
  )
  const card = rows[0]
  if (card === undefined) throw new Error("a checked fuel card reference was not found")
  if (e.currency !== null && e.currency !== card.currency) {
    throw new HttpError(
      400,
      "FLEET_FUEL_CARD_CURRENCY_MISMATCH",
      `the fuel card "${card.name}" is billed in ${card.currency}: a refuel paid with it is in ${card.currency}, not ${e.currency}`,
      "currency",
    )
  }
  return card.currency
}

/** A refuel may not be dated in the future (5 minutes of clock skew allowed). */
const refuseFutureRefuel = (e: ExpenseInput, at: Date, field: string, code: string): void => {
  if (e.category === "fuel" && at.getTime() > Date.now() + 5 * 60_000) {
    throw refuse(400, code, field, reason("notInFuture"))
  }
}

export interface Written {
  readonly id: string
  readonly spentAt: Date
  /** The consumption check of a refuel; null for other categories. */
  readonly check: RefuelCheck | null
}

/**
 * Stores a new expense inside the caller's `withOrg` transaction: the expense row, converted to the
 * organisation's currency, and for fuel its refuel, checked against the rated consumption (and the
 * refuel after it checked again, since this one is now its baseline).
 */
export const insertExpense = async (
  c: pg.PoolClient,
  orgId: string,
  userId: string | null,
  books: OrgBooks,
  e: ExpenseInput,
  fields: { readonly code: string; readonly dateField: string } = {
    code: "FLEET_EXPENSE_INVALID",
    dateField: "date",
  },
): Promise<Written> => {
  validate(e, fields.code)
  const when = await expenseWhen(c, e.date, books.timezone)
  refuseFutureRefuel(e, when.spentAt, fields.dateField, fields.code)
  await requireReferences(c, e)
  const currency = await billedCurrency(c, e, books)
  const inserted = await firstRow(
    c,
    sql
      .insertInto("expenses")
      .values({
        org_id: orgId,
        vehicle_id: e.vehicleId,
        driver_id: e.driverId,
        category: e.category,
        amount: e.amount,
        currency,
        spent_at: when.spentAt,
        spent_on: when.spentOn,
        time_given: when.timeGiven,
        description: e.description,
        vendor: e.vendor,
        receipt_document_id: e.receiptDocumentId,
        created_by: userId,
        org_currency: books.currency,
      })
      .returning("id"),
  )
  if (inserted === undefined) throw new Error("the expense was not stored")
  await repriceExpense(c, inserted.id)
  if (e.category !== "fuel" || e.litres === null)
    return { id: inserted.id, spentAt: when.spentAt, check: null }
  await c.query(
    "INSERT INTO fuel_entries (id, org_id, litres, odometer_km, fuel_card_id) VALUES ($1, $2, $3, $4, $5)",
    [inserted.id, orgId, e.litres, e.odometerKm, e.fuelCardId],
  )
  const check = await storeRefuelCheck(c, inserted.id, true)
  const next = await nextRefuelId(c, e.vehicleId, when.spentAt, inserted.id)
  if (next !== null) await storeRefuelCheck(c, next, false)
  return { id: inserted.id, spentAt: when.spentAt, check }
}

/**
 * Applies a changed expense: converted again, and for a refuel its check and those of the refuels
 * after its old and its new place run again.
 */
export const updateExpense = async (
  c: pg.PoolClient,
  id: string,
  before: { readonly vehicleId: string; readonly spentAt: Date },
  books: OrgBooks,
  e: ExpenseInput,
  dateChanged: boolean,
): Promise<void> => {
  validate(e)
  const when = dateChanged ? await expenseWhen(c, e.date, books.timezone) : null
  if (when !== null) refuseFutureRefuel(e, when.spentAt, "date", "FLEET_EXPENSE_INVALID")
  await requireReferences(c, e)
  const currency = await billedCurrency(c, e, books)
  await c.query(
    `UPDATE expenses SET vehicle_id = $2, driver_id = $3, amount = $4, currency = $5, description = $6,
       vendor = $7, receipt_document_id = $8, updated_at = now(),
       spent_at = coalesce($9, spent_at), spent_on = coalesce($10::date, spent_on),
       time_given = coalesce($11, time_given)
     WHERE id = $1`,
    [
      id,
      e.vehicleId,
      e.driverId,
      e.amount,
      currency,
      e.description,
      e.vendor,
      e.receiptDocumentId,
      when?.spentAt ?? null,
      when?.spentOn ?? null,
      when?.timeGiven ?? null,
    ],
  )
  await repriceExpense(c, id)
  if (e.category !== "fuel") return
  await c.query("UPDATE fuel_entries SET litres = $2, odometer_km = $3, fuel_card_id = $4 WHERE id = $1", [
    id,
    e.litres,
    e.odometerKm,
    e.fuelCardId,
  ])
  const oldNext = await nextRefuelId(c, before.vehicleId, before.spentAt, id)
  await storeRefuelCheck(c, id, true)
  const newNext = await nextRefuelId(c, e.vehicleId, when?.spentAt ?? before.spentAt, id)
  for (const next of new Set([oldNext, newNext])) if (next !== null) await storeRefuelCheck(c, next, false)
}
