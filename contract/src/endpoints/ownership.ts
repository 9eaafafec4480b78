import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** Who held a vehicle (seed 003 step 2.4). */
export const OWNER_TYPES = ["company", "leasing", "individual", "rental_company", "other"] as const

/** One period of a vehicle's ownership; periods of a vehicle never overlap. */
export const OwnershipRecord = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  ownerType: Schema.Literals(OWNER_TYPES),
  ownerName: Schema.String,
  from: IsoDate,
  /** null: the current owner. */
  to: Schema.NullOr(IsoDate),
  purchasePrice: Schema.NullOr(Money),
  salePrice: Schema.NullOr(Money),
  currency: Schema.NullOr(Currency),
  notes: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "OwnershipRecord" })

const fields = {
  ownerType: Schema.Literals(OWNER_TYPES),
  ownerName: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  from: IsoDate,
  to: Schema.optionalKey(Schema.NullOr(IsoDate)),
  purchasePrice: Schema.optionalKey(Schema.NullOr(Money)),
  salePrice: Schema.optionalKey(Schema.NullOr(Money)),
  /** Required with a price. */
  currency: Schema.optionalKey(Schema.NullOr(Currency)),
  notes: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(2000)))),
}

const vehicleNotFound = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }
const recordNotFound = { status: 404, code: "FLEET_OWNERSHIP_NOT_FOUND" }
const overlap = {
  status: 409,
  code: "FLEET_OWNERSHIP_OVERLAP",
  description: "the period overlaps another owner's period of the vehicle",
}

export const ownership = {
  list: endpoint({
    id: "ownership.list",
    method: "get",
    path: "/api/v1/vehicles/:id/ownership-records",
    tag: "ownership",
    summary: "A vehicle's ownership history, oldest first",
    description: "`q` searches the owner's name.",
    access: "vehicles.read",
    params: IdParams,
    query: listQuery(["from"]),
    response: listOf(OwnershipRecord),
    errors: [vehicleNotFound],
  }),
  create: endpoint({
    id: "ownership.create",
    method: "post",
    path: "/api/v1/vehicles/:id/ownership-records",
    tag: "ownership",
    summary: "Add a period to a vehicle's ownership history",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct(fields),
    response: OwnershipRecord,
    status: 201,
    invalidCode: "FLEET_OWNERSHIP_INVALID",
    errors: [vehicleNotFound, overlap],
  }),
  update: endpoint({
    id: "ownership.update",
    method: "patch",
    path: "/api/v1/ownership-records/:id",
    tag: "ownership",
    summary: "Change a period of a vehicle's ownership history",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct({
      ...fields,
      ownerType: Schema.optionalKey(fields.ownerType),
      ownerName: Schema.optionalKey(fields.ownerName),
      from: Schema.optionalKey(IsoDate),
    }),
    response: OwnershipRecord,
    invalidCode: "FLEET_OWNERSHIP_INVALID",
    errors: [recordNotFound, overlap],
  }),
  delete: endpoint({
    id: "ownership.delete",
    method: "delete",
    path: "/api/v1/ownership-records/:id",
    tag: "ownership",
    summary: "Remove a period from a vehicle's ownership history",
    access: "vehicles.manage",
    params: IdParams,
    errors: [recordNotFound],
  }),
} as const
