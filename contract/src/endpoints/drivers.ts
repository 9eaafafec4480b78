import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { Email, IdParams, Phone } from "./common.js"

/** Driving licence categories of Kazakhstan and the CIS (the 2011 Vienna-convention set). */
export const LICENCE_CATEGORIES = [
  "A",
  "A1",
  "B",
  "B1",
  "BE",
  "C",
  "C1",
  "CE",
  "C1E",
  "D",
  "D1",
  "DE",
  "D1E",
  "Tb",
  "Tm",
] as const
export const LicenceCategory = Schema.Literals(LICENCE_CATEGORIES)

/** active: drives; on_leave: temporarily not; terminated: left the company (kept for history). */
export const DRIVER_STATUSES = ["active", "on_leave", "terminated"] as const
export const DriverStatus = Schema.Literals(DRIVER_STATUSES)

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))

export const Driver = Schema.Struct({
  id: Uuid,
  fullName: Schema.String,
  employeeId: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  email: Schema.NullOr(Schema.String),
  licenceNumber: Schema.NullOr(Schema.String),
  licenceCategories: Schema.Array(LicenceCategory),
  licenceExpiresOn: Schema.NullOr(IsoDate),
  medicalExpiresOn: Schema.NullOr(IsoDate),
  hiredOn: Schema.NullOr(IsoDate),
  department: Schema.NullOr(Schema.String),
  status: DriverStatus,
  team: Schema.NullOr(Schema.Struct({ id: Uuid, name: Schema.String })),
  notes: Schema.NullOr(Schema.String),
  /** The driver's login (a user with the driver role), if they have one. */
  login: Schema.NullOr(Schema.Struct({ userId: Uuid, email: Schema.String })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "Driver" })

/** A vehicle the driver is assigned to by an assignment covering now. */
export const DriverVehicle = Schema.Struct({
  assignmentId: Uuid,
  vehicleId: Uuid,
  name: Schema.String,
  plate: Schema.NullOr(Schema.String),
  startsAt: IsoDateTime,
  endsAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "DriverVehicle" })

export const DriverDetail = Schema.Struct({
  ...Driver.fields,
  currentVehicles: Schema.Array(DriverVehicle),
}).annotate({ identifier: "DriverDetail" })

/** The editable fields; dates are checked further by the server (hired not in the future). */
const DriverFields = {
  employeeId: Schema.optionalKey(Schema.NullOr(Text(64))),
  phone: Schema.optionalKey(Schema.NullOr(Phone)),
  email: Schema.optionalKey(Schema.NullOr(Email)),
  licenceNumber: Schema.optionalKey(
    Schema.NullOr(
      Schema.String.check(Schema.isPattern(/^[\p{L}\p{N} -]{1,64}$/u, explained("licenceNumber"))),
    ),
  ),
  licenceCategories: Schema.optionalKey(
    Schema.Array(LicenceCategory).check(
      Schema.isMaxLength(LICENCE_CATEGORIES.length),
      Schema.makeFilter<ReadonlyArray<string>>(
        (a) => new Set(a).size === a.length,
        explained("licenceCategoriesOnce"),
      ),
    ),
  ),
  licenceExpiresOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  medicalExpiresOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  hiredOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  department: Schema.optionalKey(Schema.NullOr(Text(200))),
  teamId: Schema.optionalKey(Schema.NullOr(Uuid)),
  notes: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(4000)))),
}

const notFound = { status: 404, code: "FLEET_DRIVER_NOT_FOUND" }
const invalidCode = "FLEET_DRIVER_INVALID"

/** Driver records (seed 000 §6): a login is optional; a driver-role caller sees only their own. */
export const drivers = {
  list: endpoint({
    id: "drivers.list",
    method: "get",
    path: "/api/v1/drivers",
    tag: "drivers",
    summary: "The organisation's drivers (a driver: only their own record)",
    description:
      "`q` searches the name, employee id, licence number and phone. `licenceExpiringWithinDays` keeps drivers whose licence expires within that many days from the organisation's today (or has expired).",
    access: "drivers.read",
    query: listQuery(
      ["fullName", "employeeId", "licenceExpiresOn", "medicalExpiresOn", "hiredOn", "createdAt"],
      {
        status: Schema.optionalKey(DriverStatus),
        teamId: Schema.optionalKey(Uuid),
        department: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
        licenceExpiringWithinDays: Schema.optionalKey(
          Schema.String.check(Schema.isPattern(/^(0|[1-9]\d{0,3})$/u, explained("days", { max: 9999 }))),
        ),
      },
    ),
    response: listOf(Driver),
  }),
  get: endpoint({
    id: "drivers.get",
    method: "get",
    path: "/api/v1/drivers/:id",
    tag: "drivers",
    summary: "One driver with the vehicles assigned to them now and their login",
    access: "drivers.read",
    params: IdParams,
    response: DriverDetail,
    errors: [notFound],
  }),
  create: endpoint({
    id: "drivers.create",
    method: "post",
    path: "/api/v1/drivers",
    tag: "drivers",
    summary: "Add a driver (no login; give them one with users.create and driverId)",
    access: "drivers.manage",
    body: Schema.Struct({ fullName: Text(200), ...DriverFields, status: Schema.optionalKey(DriverStatus) }),
    invalidCode,
    response: DriverDetail,
    status: 201,
    errors: [
      { status: 409, code: "FLEET_DRIVER_EXISTS" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  update: endpoint({
    id: "drivers.update",
    method: "patch",
    path: "/api/v1/drivers/:id",
    tag: "drivers",
    summary: "Edit a driver",
    access: "drivers.manage",
    params: IdParams,
    body: Schema.Struct({ fullName: Schema.optionalKey(Text(200)), ...DriverFields }),
    invalidCode,
    response: DriverDetail,
    errors: [
      notFound,
      { status: 409, code: "FLEET_DRIVER_EXISTS" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  setStatus: endpoint({
    id: "drivers.setStatus",
    method: "post",
    path: "/api/v1/drivers/:id/status",
    tag: "drivers",
    summary: "Change a driver's status (terminating one ends their open assignments now)",
    description: "Terminating a driver also deactivates their login.",
    access: "drivers.manage",
    params: IdParams,
    body: Schema.Struct({ status: DriverStatus }),
    invalidCode,
    response: DriverDetail,
    errors: [notFound],
  }),
  delete: endpoint({
    id: "drivers.delete",
    method: "delete",
    path: "/api/v1/drivers/:id",
    tag: "drivers",
    summary: "Delete a driver who has no history (assignments, penalties, expenses): else terminate them",
    access: "drivers.manage",
    params: IdParams,
    errors: [notFound, { status: 409, code: "FLEET_DRIVER_IN_USE" }],
  }),
} as const
