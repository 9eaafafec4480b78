import { endpoints } from "@fleetcore/contract"
import type { Request } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import { checkDates, columnsOf, employeeIdTaken } from "../drivers/DriverRoutes.js"
import { decodeOr400 } from "../http/decode.js"
import type { RowDone } from "./runImport.js"

const INVALID = "FLEET_DRIVER_INVALID"

const taken = (error: unknown): never => {
  if (isUniqueViolation(error, "drivers_org_id_employee_id_key")) throw employeeIdTaken()
  throw error
}

/**
 * One CSV row of drivers: an employee id of the caller's organisation updates that driver (the
 * update endpoint's schema; `status` is for new drivers only), anything else creates one (the
 * create endpoint's schema).
 */
export const importDriverRow = async (
  c: pg.PoolClient,
  p: Principal,
  request: Request,
  record: Record<string, unknown>,
): Promise<RowDone> => {
  const old =
    typeof record.employeeId === "string"
      ? await firstRow(
          c,
          sql.selectFrom("drivers").select("id").where("employee_id", "=", record.employeeId.trim()),
        )
      : undefined
  if (old !== undefined) {
    const { status: _status, ...fields } = record
    const body = decodeOr400(endpoints.drivers.update.body, fields, INVALID)
    checkDates(body)
    const values = columnsOf(body)
    if (Object.keys(values).length > 0)
      await rows(
        c,
        sql
          .updateTable("drivers")
          .set({ ...values, updated_at: raw<Date>`now()` })
          .where("id", "=", old.id),
      ).catch(taken)
    await audit(c, p, request, {
      action: "driver.update",
      entity: "driver",
      entityId: old.id,
      newValues: body,
      details: { import: true },
    })
    return { status: "updated", id: old.id }
  }
  const body = decodeOr400(endpoints.drivers.create.body, record, INVALID)
  checkDates(body)
  const inserted = await firstRow(
    c,
    sql
      .insertInto("drivers")
      .values({
        org_id: p.orgId,
        full_name: body.fullName,
        ...columnsOf(body),
        status: body.status ?? "active",
      })
      .returning("id"),
  ).catch(taken)
  if (inserted === undefined) throw new Error("the driver was not stored")
  await audit(c, p, request, {
    action: "driver.create",
    entity: "driver",
    entityId: inserted.id,
    newValues: body,
    details: { import: true },
  })
  return { status: "created", id: inserted.id }
}
