import { reason } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { type AuditActor, audit } from "../audit/audit.js"
import { rows, sql } from "../db/sql.js"
import { orgBooks } from "../expenses/orgBooks.js"
import { insertExpense } from "../expenses/writeExpense.js"
import { refuse } from "../http/refuse.js"

export interface ServiceInput {
  readonly odometerKm: number
  readonly completedOn: string
  readonly cost?: string
  readonly currency?: string
  readonly vendor?: string
  readonly parts?: ReadonlyArray<{
    readonly name: string
    readonly quantity: number
    readonly cost: string | null
  }>
  readonly notes?: string | undefined
}

/** The task a service is recorded on. */
export interface ServicedTask {
  readonly id: string
  readonly vehicleId: string
  readonly templateId: string | null
  readonly name: string
}

const cents = (money: string): bigint => {
  const [whole = "0", fraction = ""] = money.split(".")
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"))
}
const money = (c: bigint): string => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`

/**
 * What a service cost: the total given, else the sum of its parts' costs (so it is entered once),
 * else nothing; in the currency given, else the organisation's.
 */
export const serviceCost = (
  s: ServiceInput,
  orgCurrency: string,
): { cost: string | null; currency: string } => {
  const currency = s.currency ?? orgCurrency
  if (s.cost !== undefined) return { cost: s.cost, currency }
  const priced = (s.parts ?? []).filter((p) => p.cost !== null)
  if (priced.length === 0) return { cost: null, currency }
  return { cost: money(priced.reduce((sum, p) => sum + cents(p.cost as string), 0n)), currency }
}

/**
 * The highest odometer FleetCore holds for the vehicle on or before `day` ("YYYY-MM-DD", whole day in
 * UTC): its commissioning odometer (when commissioned by then), its manual readings not flagged, and
 * its services completed by then; null when there is none. A service cannot have been done at less:
 * a digit dropped from the reading (11,862 for 118,620) would count the next service from there and
 * make it overdue at once.
 */
const odometerFloorKm = async (c: pg.PoolClient, vehicleId: string, day: string): Promise<number | null> => {
  const { rows: found } = await c.query<{ km: number | null }>(
    `SELECT GREATEST(
       (SELECT commissioned_odometer_km::float8 FROM vehicles
        WHERE id = $1 AND (commissioned_on IS NULL OR commissioned_on <= $2::date)),
       (SELECT max(value_km)::float8 FROM odometer_readings
        WHERE vehicle_id = $1 AND NOT flagged AND at < $2::date + 1),
       (SELECT max(completed_odometer_km)::float8 FROM maintenance_tasks
        WHERE vehicle_id = $1 AND status = 'completed' AND completed_on <= $2::date)) AS km`,
    [vehicleId, day],
  )
  return found[0]?.km ?? null
}

/**
 * Refuses a service entered at an odometer below the vehicle's floor for its day (`odometerFloorKm`),
 * as `code` naming `field`. The maintenance routes call it before `recordService`; a service centre's
 * confirmed visit carries the centre's reading, answered by its owner, and is not refused here.
 */
export const refuseOdometerBelowFloor = async (
  c: pg.PoolClient,
  vehicleId: string,
  s: Pick<ServiceInput, "odometerKm" | "completedOn">,
  code: string,
  field: string,
): Promise<void> => {
  const floorKm = await odometerFloorKm(c, vehicleId, s.completedOn)
  if (floorKm !== null && s.odometerKm < floorKm)
    throw refuse(400, code, field, reason("serviceOdometerBelow", { floorKm }))
}

/**
 * Records a service on a task inside the caller's `withOrg` transaction: the task becomes completed
 * with its odometer, vendor, parts and notes; a cost becomes the task's `service` expense through
 * the expense write path (converted like any expense); the plan counts the next service from this
 * one, and the task's due/overdue alerts are resolved.
 */
export const recordService = async (
  c: pg.PoolClient,
  actor: AuditActor & { readonly userId: string },
  request: Request,
  task: ServicedTask,
  s: ServiceInput,
): Promise<void> => {
  const books = await orgBooks(c, actor.orgId)
  const { cost, currency } = serviceCost(s, books.currency)
  let expenseId: string | null = null
  if (cost !== null) {
    const written = await insertExpense(
      c,
      actor.orgId,
      actor.userId,
      books,
      {
        vehicleId: task.vehicleId,
        driverId: null,
        category: "service",
        amount: cost,
        currency,
        date: s.completedOn,
        description: task.name,
        vendor: s.vendor ?? null,
        receiptDocumentId: null,
        litres: null,
        odometerKm: null,
        fuelCardId: null,
      },
      { code: "FLEET_MAINTENANCE_COMPLETION_INVALID", dateField: "completedOn" },
    )
    expenseId = written.id
    await audit(c, actor, request, {
      action: "expense.create",
      entity: "expense",
      entityId: written.id,
      newValues: {
        category: "service",
        amount: cost,
        currency,
        date: s.completedOn,
        maintenanceTaskId: task.id,
      },
    })
  }
  const updated = await rows(
    c,
    sql
      .updateTable("maintenance_tasks")
      .set({
        status: "completed",
        completed_on: s.completedOn,
        completed_odometer_km: s.odometerKm,
        cost,
        currency: cost === null && s.currency === undefined ? null : currency,
        vendor: s.vendor ?? null,
        parts: JSON.stringify(s.parts ?? []),
        notes: s.notes ?? null,
        expense_id: expenseId,
        completed_by: actor.userId,
      })
      .where("id", "=", task.id)
      .returning("id"),
  )
  if (updated.length === 0) throw new HttpError(404, "FLEET_MAINTENANCE_TASK_NOT_FOUND", "no such task")
  if (task.templateId !== null) {
    // The next service is counted from this one.
    await rows(
      c,
      sql
        .updateTable("maintenance_plans")
        .set({ base_odometer_km: s.odometerKm, base_date: s.completedOn })
        .where("vehicle_id", "=", task.vehicleId)
        .where("template_id", "=", task.templateId),
    )
  }
  await rows(
    c,
    sql
      .updateTable("alerts")
      .set({
        status: "resolved",
        resolved_at: raw<Date>`now()`,
        resolved_by: actor.userId,
        resolution_note: "service completed",
      })
      .where("key", "=", task.id)
      .where("type", "in", ["maintenance_due", "maintenance_overdue"])
      .where("status", "<>", "resolved"),
  )
}
