import {
  type Driver,
  type DriverDetail,
  DriverStatus,
  Email,
  IsoDate,
  LicenceCategory,
  Phone,
  Uuid,
} from "@fleetcore/contract"
import { Schema } from "effect"

export type DriverView = (typeof Driver)["Encoded"]
export type DriverDetailView = (typeof DriverDetail)["Encoded"]

const Empty = Schema.Literal("")
const Text = (max: number) => Schema.String.check(Schema.isTrimmed(), Schema.isMaxLength(max))

/** A driver's fields as the form holds them (strings; "" is none): the contract's own schemas. */
export const DriverForm = Schema.Struct({
  fullName: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  employeeId: Text(64),
  phone: Schema.Union([Empty, Phone]),
  email: Schema.Union([Empty, Email]),
  licenceNumber: Schema.Union([Empty, Schema.String.check(Schema.isPattern(/^[\p{L}\p{N} -]{1,64}$/u))]),
  licenceCategories: Schema.Array(LicenceCategory),
  licenceExpiresOn: Schema.Union([Empty, IsoDate]),
  medicalExpiresOn: Schema.Union([Empty, IsoDate]),
  hiredOn: Schema.Union([Empty, IsoDate]),
  department: Text(200),
  teamId: Schema.Union([Empty, Uuid]),
  status: DriverStatus,
  notes: Schema.String.check(Schema.isMaxLength(4000)),
})
export type DriverValues = (typeof DriverForm)["Encoded"]

export const NEW_DRIVER: DriverValues = {
  fullName: "",
  employeeId: "",
  phone: "",
  email: "",
  licenceNumber: "",
  licenceCategories: [],
  licenceExpiresOn: "",
  medicalExpiresOn: "",
  hiredOn: "",
  department: "",
  teamId: "",
  status: "active",
  notes: "",
}

export const driverValues = (d: DriverView): DriverValues => ({
  fullName: d.fullName,
  employeeId: d.employeeId ?? "",
  phone: d.phone ?? "",
  email: d.email ?? "",
  licenceNumber: d.licenceNumber ?? "",
  licenceCategories: [...d.licenceCategories],
  licenceExpiresOn: d.licenceExpiresOn ?? "",
  medicalExpiresOn: d.medicalExpiresOn ?? "",
  hiredOn: d.hiredOn ?? "",
  department: d.department ?? "",
  teamId: d.team?.id ?? "",
  status: d.status,
  notes: d.notes ?? "",
})

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** The body of drivers.update (every field; "" is null). Status changes go through drivers.setStatus. */
export const driverBody = (v: DriverValues) => ({
  fullName: v.fullName,
  employeeId: orNull(v.employeeId),
  phone: orNull(v.phone),
  email: orNull(v.email),
  licenceNumber: orNull(v.licenceNumber),
  licenceCategories: [...v.licenceCategories],
  licenceExpiresOn: orNull(v.licenceExpiresOn),
  medicalExpiresOn: orNull(v.medicalExpiresOn),
  hiredOn: orNull(v.hiredOn),
  department: orNull(v.department),
  teamId: orNull(v.teamId),
  notes: v.notes === "" ? null : v.notes,
})

/** The body of drivers.create. */
export const newDriverBody = (v: DriverValues) => ({ ...driverBody(v), status: v.status })
