import { type Driver, type DriverDetail, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { type Expression, sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"

export const driverNotFound = (): HttpError => new HttpError(404, "FLEET_DRIVER_NOT_FOUND", "no such driver")

/** A date column as "YYYY-MM-DD" text (pg would parse a date into a local-time Date). */
const day = (column: string) => raw<string | null>`to_char(${raw.ref(column)}, 'YYYY-MM-DD')`

/** Drivers as the API shows them, with their team and login; callers add the filters. */
export const driverSelect = () =>
  sql
    .selectFrom("drivers as d")
    .leftJoin("teams as t", "t.id", "d.team_id")
    .leftJoin("users as u", "u.id", "d.user_id")
    .select([
      "d.id",
      "d.full_name",
      "d.employee_id",
      "d.phone",
      "d.email",
      "d.licence_number",
      "d.licence_categories",
      day("d.licence_expires_on").as("licence_expires_on"),
      day("d.medical_expires_on").as("medical_expires_on"),
      day("d.hired_on").as("hired_on"),
      "d.department",
      "d.status",
      "d.team_id",
      "t.name as team_name",
      "d.notes",
      "d.user_id",
      "u.email as user_email",
      "d.created_at",
      "d.updated_at",
    ])

type DriverRow = NonNullable<Awaited<ReturnType<ReturnType<typeof driverSelect>["executeTakeFirst"]>>>

export const driverView = (r: DriverRow): typeof Driver.Encoded => ({
  id: r.id,
  fullName: r.full_name,
  employeeId: r.employee_id,
  phone: r.phone,
  email: r.email,
  licenceNumber: r.licence_number,
  licenceCategories: r.licence_categories as (typeof Driver.Encoded)["licenceCategories"],
  licenceExpiresOn: r.licence_expires_on,
  medicalExpiresOn: r.medical_expires_on,
  hiredOn: r.hired_on,
  department: r.department,
  status: r.status,
  team: r.team_id === null || r.team_name === null ? null : { id: r.team_id, name: r.team_name },
  notes: r.notes,
  login: r.user_id === null || r.user_email === null ? null : { userId: r.user_id, email: r.user_email },
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

/**
 * The rows of drivers `p` may read: everyone with `drivers.read` reads the organisation's (row-level
 * security), a driver-role caller only the record their login belongs to.
 */
export const readableDrivers = (p: Principal, column: string): Expression<SqlBool> =>
  isConfinedToAssignedVehicles(p.role)
    ? raw<SqlBool>`${raw.ref(column)} IN (SELECT id FROM drivers WHERE user_id = ${p.userId})`
    : raw<SqlBool>`true`

/** One driver `p` may read, with the vehicles assigned to them now; 404 otherwise. */
export const findDriver = async (
  c: pg.ClientBase,
  p: Principal,
  id: string,
): Promise<typeof DriverDetail.Encoded> => {
  const row = await firstRow(c, driverSelect().where("d.id", "=", id).where(readableDrivers(p, "d.id")))
  if (row === undefined) throw driverNotFound()
  const vehicles = await rows(
    c,
    sql
      .selectFrom("driver_assignments as a")
      .innerJoin("vehicles as v", "v.id", "a.vehicle_id")
      .select(["a.id", "a.vehicle_id", "v.name", "v.plate", "a.starts_at", "a.ends_at"])
      .where("a.driver_id", "=", id)
      .where("a.starts_at", "<=", raw<Date>`now()`)
      .where((eb) => eb.or([eb("a.ends_at", "is", null), eb("a.ends_at", ">", raw<Date>`now()`)]))
      .orderBy("a.starts_at", "desc"),
  )
  return {
    ...driverView(row),
    currentVehicles: vehicles.map((v) => ({
      assignmentId: v.id,
      vehicleId: v.vehicle_id,
      name: v.name,
      plate: v.plate,
      startsAt: v.starts_at.toISOString(),
      endsAt: v.ends_at?.toISOString() ?? null,
    })),
  }
}

/** The driver record of a login, if it has one. */
export const driverOfUser = async (c: pg.ClientBase, userId: string): Promise<string | undefined> =>
  (await firstRow(c, sql.selectFrom("drivers").select("id").where("user_id", "=", userId)))?.id
