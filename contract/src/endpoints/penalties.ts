import { Schema } from "effect"
import { endpoint, type Wire } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Money, PositiveMoney, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/**
 * open: to be paid. paid_by_driver: the driver reported paying it (with a receipt), awaiting a
 * manager's confirmation. paid: confirmed. disputed: contested. cancelled: withdrawn.
 */
export const PENALTY_STATUSES = ["open", "paid_by_driver", "paid", "disputed", "cancelled"] as const
export const PenaltyStatus = Schema.Literals(PENALTY_STATUSES)

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Note = Text(2000)

export const Penalty = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  vehicleName: Schema.String,
  vehiclePlate: Schema.NullOr(Schema.String),
  driverId: Schema.NullOr(Uuid),
  driverName: Schema.NullOr(Schema.String),
  amount: Money,
  currency: Currency,
  offenceAt: IsoDateTime,
  reason: Schema.String,
  /** The article of the code broken, and the number of the authority's resolution. */
  article: Schema.NullOr(Schema.String),
  resolutionNumber: Schema.NullOr(Schema.String),
  dueDate: Schema.NullOr(IsoDate),
  status: PenaltyStatus,
  paidOn: Schema.NullOr(IsoDate),
  receiptDocumentId: Schema.NullOr(Uuid),
  reportedBy: Schema.NullOr(Uuid),
  reportedAt: Schema.NullOr(IsoDateTime),
  confirmedBy: Schema.NullOr(Uuid),
  confirmedAt: Schema.NullOr(IsoDateTime),
  /** The note of the last transition that takes one (a rejection's reason, a dispute's note). */
  statusNote: Schema.NullOr(Schema.String),
  notes: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "Penalty" })

const notFound = { status: 404, code: "FLEET_PENALTY_NOT_FOUND" }
const transition = { status: 409, code: "FLEET_PENALTY_TRANSITION" }
const reference = { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }
const invalid = "FLEET_PENALTY_INVALID"

/** One step of the flow: a POST on the fine, answering the fine after it. */
const step = <B extends Wire>(
  id: string,
  path: string,
  summary: string,
  access: "penalties.pay" | "penalties.manage",
  body: B,
  optional: boolean,
  extra: ReadonlyArray<{ status: number; code: string }> = [],
) =>
  endpoint({
    id,
    method: "post",
    path,
    tag: "penalties",
    summary,
    access,
    params: IdParams,
    body,
    ...(optional ? { bodyOptional: true } : {}),
    invalidCode: invalid,
    response: Penalty,
    errors: [notFound, transition, ...extra],
  })

/** Fines of the vehicles and drivers, with the "driver pays, manager confirms" flow. */
export const penalties = {
  list: endpoint({
    id: "penalties.list",
    method: "get",
    path: "/api/v1/penalties",
    tag: "penalties",
    summary: "Fines, latest offence first (a driver: only their own)",
    description: "`q` searches the reason, the article and the resolution number.",
    access: "penalties.read",
    query: listQuery(["offenceAt", "amount", "dueDate", "status"], {
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      status: Schema.optionalKey(PenaltyStatus),
    }),
    response: listOf(Penalty),
  }),
  get: endpoint({
    id: "penalties.get",
    method: "get",
    path: "/api/v1/penalties/:id",
    tag: "penalties",
    summary: "One fine (a driver: only their own)",
    access: "penalties.read",
    params: IdParams,
    response: Penalty,
    errors: [notFound],
  }),
  create: endpoint({
    id: "penalties.create",
    method: "post",
    path: "/api/v1/penalties",
    tag: "penalties",
    summary: "Record a fine",
    description:
      "Without `driverId` the fine goes to the driver assigned to the vehicle at the offence, if any (`driverId: null` records it without a driver). `status: paid` records a fine already paid.",
    access: "penalties.manage",
    body: Schema.Struct({
      vehicleId: Uuid,
      driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
      amount: PositiveMoney,
      currency: Currency,
      offenceAt: IsoDateTime,
      reason: Text(500),
      article: Schema.optionalKey(Schema.NullOr(Text(100))),
      resolutionNumber: Schema.optionalKey(Schema.NullOr(Text(100))),
      dueDate: Schema.optionalKey(Schema.NullOr(IsoDate)),
      status: Schema.optionalKey(Schema.Literals(["open", "paid"])),
      paidOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
      notes: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(4000)))),
    }),
    invalidCode: invalid,
    response: Penalty,
    status: 201,
    errors: [reference],
  }),
  update: endpoint({
    id: "penalties.update",
    method: "patch",
    path: "/api/v1/penalties/:id",
    tag: "penalties",
    summary: "Edit a fine's details (its status changes only through the flow's steps)",
    access: "penalties.manage",
    params: IdParams,
    body: Schema.Struct({
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
      amount: Schema.optionalKey(PositiveMoney),
      currency: Schema.optionalKey(Currency),
      offenceAt: Schema.optionalKey(IsoDateTime),
      reason: Schema.optionalKey(Text(500)),
      article: Schema.optionalKey(Schema.NullOr(Text(100))),
      resolutionNumber: Schema.optionalKey(Schema.NullOr(Text(100))),
      dueDate: Schema.optionalKey(Schema.NullOr(IsoDate)),
      notes: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(4000)))),
    }),
    invalidCode: invalid,
    response: Penalty,
    errors: [notFound, reference],
  }),
  delete: endpoint({
    id: "penalties.delete",
    method: "delete",
    path: "/api/v1/penalties/:id",
    tag: "penalties",
    summary: "Delete a fine recorded by mistake",
    access: "penalties.manage",
    params: IdParams,
    errors: [notFound],
  }),
  pay: step(
    "penalties.pay",
    "/api/v1/penalties/:id/pay",
    "Report an open fine paid, with the receipt (a document attached to the fine): open → paid_by_driver",
    "penalties.pay",
    Schema.Struct({ receiptDocumentId: Uuid, paidOn: IsoDate }),
    false,
    [reference],
  ),
  confirm: step(
    "penalties.confirm",
    "/api/v1/penalties/:id/confirm",
    "Confirm a reported payment, or record an open fine as paid: paid_by_driver | open → paid",
    "penalties.manage",
    Schema.Struct({ paidOn: Schema.optionalKey(IsoDate), note: Schema.optionalKey(Note) }),
    true,
  ),
  reject: step(
    "penalties.reject",
    "/api/v1/penalties/:id/reject",
    "Reject a reported payment, with the reason: paid_by_driver → open",
    "penalties.manage",
    Schema.Struct({ reason: Note }),
    false,
  ),
  dispute: step(
    "penalties.dispute",
    "/api/v1/penalties/:id/dispute",
    "Contest an open fine, with a note: open → disputed",
    "penalties.pay",
    Schema.Struct({ note: Note }),
    false,
  ),
  cancel: step(
    "penalties.cancel",
    "/api/v1/penalties/:id/cancel",
    "Withdraw a fine (a dispute won, a mistake): open | disputed → cancelled",
    "penalties.manage",
    Schema.Struct({ note: Schema.optionalKey(Note) }),
    true,
  ),
  reopen: step(
    "penalties.reopen",
    "/api/v1/penalties/:id/reopen",
    "Reopen a disputed or cancelled fine: disputed | cancelled → open",
    "penalties.manage",
    Schema.Struct({ note: Schema.optionalKey(Note) }),
    true,
  ),
} as const
