import { type DriverDetail, endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { callerOrgToday } from "../contracts/orgToday.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { revokeSessions } from "../users/passwordLinks.js"
import { driverSelect, driverView, findDriver, readableDrivers } from "./driverQueries.js"

/** The editable fields of a driver: API name → column. */
const COLUMNS = {
  fullName: "full_name",
  employeeId: "employee_id",
  phone: "phone",
  email: "email",
  licenceNumber: "licence_number",
  licenceCategories: "licence_categories",
  licenceExpiresOn: "licence_expires_on",
  medicalExpiresOn: "medical_expires_on",
  hiredOn: "hired_on",
  department: "department",
  teamId: "team_id",
  notes: "notes",
} as const
type Field = keyof typeof COLUMNS
type Body = { readonly [K in Field]?: unknown }

export const employeeIdTaken = () =>
  new HttpError(409, "FLEET_DRIVER_EXISTS", "another driver has this employee id", "employeeId")

/** Dates the schema cannot judge alone: nobody is hired in the future. */
export const checkDates = (b: Body): void => {
  const today = new Date().toISOString().slice(0, 10)
  if (typeof b.hiredOn === "string" && b.hiredOn > today)
    throw refuse(400, "FLEET_DRIVER_INVALID", "hiredOn", reason("notInFuture"))
}

/** The columns to write for the fields present in `b` (e-mails stored lower-case). */
export const columnsOf = (b: Body): Record<string, unknown> =>
  Object.fromEntries(
    (Object.keys(COLUMNS) as Field[])
      .filter((k) => b[k] !== undefined)
      .map((k) => [COLUMNS[k], k === "email" && typeof b[k] === "string" ? b[k].toLowerCase() : b[k]]),
  )

/** The fields of a driver an audit entry compares. */
const audited = (d: typeof DriverDetail.Encoded): Record<Field | "status", unknown> => ({
  fullName: d.fullName,
  employeeId: d.employeeId,
  phone: d.phone,
  email: d.email,
  licenceNumber: d.licenceNumber,
  licenceCategories: d.licenceCategories,
  licenceExpiresOn: d.licenceExpiresOn,
  medicalExpiresOn: d.medicalExpiresOn,
  hiredOn: d.hiredOn,
  department: d.department,
  teamId: d.team?.id ?? null,
  notes: d.notes,
  status: d.status,
})

const changes = (before: Record<string, unknown>, after: Record<string, unknown>) => {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  return {
    oldValues: Object.fromEntries(keys.map((k) => [k, before[k]])),
    newValues: Object.fromEntries(keys.map((k) => [k, after[k]])),
  }
}

/**
 * Terminating a driver ends what they still drive now, drops assignments that had not started,
 * and deactivates their login (its sessions end at once).
 */
const terminate = async (c: pg.ClientBase, driverId: string, userId: string | null): Promise<void> => {
  await c.query("DELETE FROM driver_assignments WHERE driver_id = $1 AND starts_at > now()", [driverId])
  await c.query(
    "UPDATE driver_assignments SET ends_at = now() WHERE driver_id = $1 AND (ends_at IS NULL OR ends_at > now())",
    [driverId],
  )
  if (userId !== null) {
    await c.query("UPDATE users SET disabled = true WHERE id = $1", [userId])
    await revokeSessions(c, userId)
  }
}

/** Driver records: listed and read with `drivers.read` (a driver: their own), kept with `drivers.manage`. */
export const registerDriverRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps
  const mayRead = (p: Principal) => readableDrivers(p, "d.id")

  serve(app, deps, endpoints.drivers.list, async ({ principal: p, query: q }) => {
    const order = sortOf(
      q.sort,
      {
        fullName: "d.full_name",
        employeeId: "d.employee_id",
        licenceExpiresOn: "d.licence_expires_on",
        medicalExpiresOn: "d.medical_expires_on",
        hiredOn: "d.hired_on",
        createdAt: "d.created_at",
      } as const,
      { column: "d.full_name", direction: "asc" },
    )
    let query = driverSelect()
      .where(mayRead(p))
      .orderBy(order.column, (ob) =>
        order.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast(),
      )
      .orderBy("d.id")
    if (q.status) query = query.where("d.status", "=", q.status)
    if (q.teamId) query = query.where("d.team_id", "=", q.teamId)
    if (q.department) query = query.where(raw<boolean>`lower(d.department) = lower(${q.department})`)
    if (q.licenceExpiringWithinDays !== undefined)
      query = query.where(
        raw<boolean>`d.licence_expires_on <= ${callerOrgToday()} + ${Number(q.licenceExpiringWithinDays)}::int`,
      )
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) =>
        eb.or([
          eb("d.full_name", "ilike", like),
          eb("d.employee_id", "ilike", like),
          eb("d.licence_number", "ilike", like),
          eb("d.phone", "ilike", like),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map(driverView) } }
  })

  serve(app, deps, endpoints.drivers.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => findDriver(c, p, params.id)),
  }))

  serve(app, deps, endpoints.drivers.create, async ({ principal: p, body: b, request }) => {
    checkDates(b)
    const created = await db.withOrg(p.orgId, async (c) => {
      if (b.teamId) await requireReference(c, "team", b.teamId, "teamId")
      const inserted = await firstRow(
        c,
        sql
          .insertInto("drivers")
          .values({ org_id: p.orgId, full_name: b.fullName, ...columnsOf(b), status: b.status ?? "active" })
          .returning("id"),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "drivers_org_id_employee_id_key")) throw employeeIdTaken()
        throw error
      })
      if (inserted === undefined) throw new Error("the driver was not stored")
      const driver = await findDriver(c, p, inserted.id)
      await audit(c, p, request, {
        action: "driver.create",
        entity: "driver",
        entityId: inserted.id,
        newValues: audited(driver),
      })
      return driver
    })
    return { body: created }
  })

  serve(app, deps, endpoints.drivers.update, async ({ principal: p, params, body: b, request }) => {
    checkDates(b)
    const updated = await db.withOrg(p.orgId, async (c) => {
      const before = await findDriver(c, p, params.id)
      if (b.teamId) await requireReference(c, "team", b.teamId, "teamId")
      const values = columnsOf(b)
      if (Object.keys(values).length === 0) return before
      await rows(
        c,
        sql
          .updateTable("drivers")
          .set({ ...values, updated_at: raw<Date>`now()` })
          .where("id", "=", params.id),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "drivers_org_id_employee_id_key")) throw employeeIdTaken()
        throw error
      })
      const after = await findDriver(c, p, params.id)
      const diff = changes(audited(before), audited(after))
      if (Object.keys(diff.newValues).length > 0)
        await audit(c, p, request, {
          action: "driver.update",
          entity: "driver",
          entityId: params.id,
          ...diff,
        })
      return after
    })
    return { body: updated }
  })

  serve(app, deps, endpoints.drivers.setStatus, async ({ principal: p, params, body: b, request }) => {
    const updated = await db.withOrg(p.orgId, async (c) => {
      const before = await findDriver(c, p, params.id)
      if (before.status === b.status) return before
      await c.query("UPDATE drivers SET status = $2, updated_at = now() WHERE id = $1", [params.id, b.status])
      if (b.status === "terminated") await terminate(c, params.id, before.login?.userId ?? null)
      await audit(c, p, request, {
        action: b.status === "terminated" ? "driver.terminate" : "driver.status",
        entity: "driver",
        entityId: params.id,
        oldValues: { status: before.status },
        newValues: { status: b.status },
      })
      return findDriver(c, p, params.id)
    })
    return { body: updated }
  })

  serve(app, deps, endpoints.drivers.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await findDriver(c, p, params.id)
      const inUse = () =>
        new HttpError(
          409,
          "FLEET_DRIVER_IN_USE",
          "the driver has assignments, penalties or expenses: terminate them instead",
        )
      const assigned = await firstRow(
        c,
        sql.selectFrom("driver_assignments").select("id").where("driver_id", "=", params.id),
      )
      if (assigned !== undefined) throw inUse()
      // Penalties, expenses and other records refer to drivers with foreign keys that refuse the
      // delete (SQLSTATE 23503): the same answer, whichever record holds the driver.
      await c.query("DELETE FROM drivers WHERE id = $1", [params.id]).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === "23503") throw inUse()
        throw error
      })
      await audit(c, p, request, {
        action: "driver.delete",
        entity: "driver",
        entityId: params.id,
        oldValues: audited(before),
      })
    })
    return {}
  })
}
