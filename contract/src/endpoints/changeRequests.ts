import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { vehicleSpecFields } from "./vehicleSpecs.js"
import { vehicles } from "./vehicles.js"

export const CHANGE_REQUEST_STATUSES = ["pending", "approved", "rejected"] as const
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number]

const record = vehicles.update.body.fields

/**
 * The critical fields (seed 002): a driver or a service centre may only propose a change to them;
 * it applies once the vehicle's organisation approves. Each field is written by the code its edit
 * uses: VIN, plate and engine volume by the vehicle record's, the odometer as a reading, the rest
 * by the technical card's.
 */
export const ProposedChanges = Schema.Struct({
  vin: record.vin,
  plate: record.plate,
  /** The country whose rules read the plate, proposed with it or alone. */
  plateCountry: record.plateCountry,
  engineVolumeL: record.engineVolumeL,
  /** A new odometer reading (km), entered as a reading when approved. */
  odometerKm: Schema.optionalKey(
    Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  ),
  ...vehicleSpecFields,
}).annotate({ identifier: "ProposedChanges" })
export type ProposedChangesType = typeof ProposedChanges.Type

export const CHANGE_FIELDS = Object.keys(ProposedChanges.fields) as ReadonlyArray<keyof ProposedChangesType>

const Reason = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(2000))

const Values = Schema.Record(Schema.String, Schema.Unknown)

export const ChangeRequest = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  /** The vehicle's name and plate: only to its own organisation (a centre sees null). */
  vehicleName: Schema.NullOr(Schema.String),
  status: Schema.Literals(CHANGE_REQUEST_STATUSES),
  /** The proposed values, by field. */
  changes: Values,
  /** What the fields held when the change was proposed (to its organisation; a centre sees {}). */
  oldValues: Values,
  comment: Schema.NullOr(Schema.String),
  /** "driver": by a driver of the organisation; "centre": by a service centre with access. */
  proposerKind: Schema.Literals(["driver", "centre"]),
  proposedBy: Schema.NullOr(Uuid),
  /** The proposer's name, on the proposer's own side (a centre's people are not the fleet's to read). */
  proposedByName: Schema.NullOr(Schema.String),
  /** The proposing service centre's name, to both sides; null for a driver's proposal. */
  centreName: Schema.NullOr(Schema.String),
  decidedBy: Schema.NullOr(Uuid),
  decidedAt: Schema.NullOr(IsoDateTime),
  reason: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
}).annotate({ identifier: "ChangeRequest" })

const NOT_FOUND = { status: 404, code: "FLEET_CHANGE_REQUEST_NOT_FOUND" } as const
const DECIDED = {
  status: 409,
  code: "FLEET_CHANGE_REQUEST_DECIDED",
  description: "the request was already approved or rejected",
} as const
const INVALID = "FLEET_CHANGE_REQUEST_INVALID"

/** Proposals to change a vehicle's critical fields, and the owner's decision on them. */
export const changeRequests = {
  list: endpoint({
    id: "changeRequests.list",
    method: "get",
    path: "/api/v1/vehicle-change-requests",
    tag: "vehicles",
    summary: "Change requests: the organisation's vehicles' (a driver: their own; a centre: its own)",
    description: "`status=pending` is the queue awaiting a decision, oldest first with `sort=createdAt`.",
    access: "vehicleChanges.read",
    query: listQuery(["createdAt"], {
      status: Schema.optionalKey(Schema.Literals(CHANGE_REQUEST_STATUSES)),
      vehicleId: Schema.optionalKey(Uuid),
    }),
    response: listOf(ChangeRequest),
  }),
  get: endpoint({
    id: "changeRequests.get",
    method: "get",
    path: "/api/v1/vehicle-change-requests/:id",
    tag: "vehicles",
    summary: "One change request",
    access: "vehicleChanges.read",
    params: IdParams,
    response: ChangeRequest,
    errors: [NOT_FOUND],
  }),
  create: endpoint({
    id: "changeRequests.create",
    method: "post",
    path: "/api/v1/vehicles/:id/change-requests",
    tag: "vehicles",
    summary: "Propose a change to a vehicle's critical fields (changes nothing until approved)",
    description:
      "A driver: for a vehicle assigned to them. A service centre: for a vehicle it has an active access grant to. The vehicle's managers are notified.",
    access: "vehicleChanges.propose",
    params: IdParams,
    body: Schema.Struct({ changes: ProposedChanges, comment: Schema.optionalKey(Reason) }),
    invalidCode: INVALID,
    response: ChangeRequest,
    status: 201,
    errors: [
      { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" },
      { status: 403, code: "FLEET_VEHICLE_ACCESS_REQUIRED" },
      { status: 400, code: INVALID, description: "the body fails validation, or proposes no field" },
      { status: 400, code: "FLEET_VEHICLE_INVALID", description: "a proposed VIN fails its check digit" },
    ],
  }),
  approve: endpoint({
    id: "changeRequests.approve",
    method: "post",
    path: "/api/v1/vehicle-change-requests/:id/approve",
    tag: "vehicles",
    summary: "Approve a change request: the change is applied as an edit would apply it, and audited",
    description:
      "A change the edit would refuse (a VIN registered elsewhere, an odometer reading below the last one) is refused with the edit's error and the request stays pending.",
    access: "vehicles.manage",
    params: IdParams,
    response: ChangeRequest,
    errors: [
      NOT_FOUND,
      DECIDED,
      { status: 409, code: "FLEET_VEHICLE_VIN_REGISTERED" },
      { status: 409, code: "FLEET_VEHICLE_EXISTS" },
      { status: 422, code: "FLEET_ODOMETER_READING_DECREASES" },
    ],
  }),
  reject: endpoint({
    id: "changeRequests.reject",
    method: "post",
    path: "/api/v1/vehicle-change-requests/:id/reject",
    tag: "vehicles",
    summary: "Reject a change request with a reason (nothing changes)",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct({ reason: Reason }),
    invalidCode: INVALID,
    response: ChangeRequest,
    errors: [NOT_FOUND, DECIDED],
  }),
} as const
