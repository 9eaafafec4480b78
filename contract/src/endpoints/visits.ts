import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDateTime, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_FILES } from "./documents.js"

/**
 * open → completed → confirmed | disputed; open or completed → cancelled (by the centre, with a
 * reason). A disputed visit is settled by the moderators (upheld or rejected); the owner may still
 * confirm one whose dispute was rejected.
 */
export const VISIT_STATUSES = ["open", "completed", "confirmed", "disputed", "cancelled"] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]

export const WORK_ITEM_KINDS = ["part", "labour", "other"] as const
export const DISPUTE_OUTCOMES = ["upheld", "rejected"] as const

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Km = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 }))
const Quantity = Schema.Number.check(
  Schema.isFinite(),
  Schema.isGreaterThan(0),
  Schema.isLessThanOrEqualTo(100_000),
)

export const WorkItem = Schema.Struct({
  id: Uuid,
  kind: Schema.Literals(WORK_ITEM_KINDS),
  description: Schema.String,
  partNumber: Schema.NullOr(Schema.String),
  quantity: Schema.Finite,
  /** Decimal strings: money is never a float. */
  unitCost: Schema.String,
  lineTotal: Schema.String,
  currency: Schema.String,
  recommendations: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
}).annotate({ identifier: "WorkItem" })

export const ServiceVisit = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  /** Name and plate: the vehicle's organisation sees them now; a centre, as its grant showed them when it opened the visit. */
  vehicleName: Schema.NullOr(Schema.String),
  centreOrgId: Uuid,
  centreName: Schema.String,
  status: Schema.Literals(VISIT_STATUSES),
  odometerKm: Schema.NullOr(Schema.Finite),
  complaint: Schema.NullOr(Schema.String),
  currency: Schema.String,
  /** The items' sum, as a decimal string. */
  total: Schema.String,
  openedAt: IsoDateTime,
  completedAt: Schema.NullOr(IsoDateTime),
  confirmedAt: Schema.NullOr(IsoDateTime),
  disputedAt: Schema.NullOr(IsoDateTime),
  disputeReason: Schema.NullOr(Schema.String),
  disputeOutcome: Schema.NullOr(Schema.Literals(DISPUTE_OUTCOMES)),
  disputeNote: Schema.NullOr(Schema.String),
  settledAt: Schema.NullOr(IsoDateTime),
  cancelledAt: Schema.NullOr(IsoDateTime),
  cancelReason: Schema.NullOr(Schema.String),
  /** The service book's entry and the expense a confirmation made (the vehicle's organisation only). */
  maintenanceTaskId: Schema.NullOr(Uuid),
  expenseId: Schema.NullOr(Uuid),
}).annotate({ identifier: "ServiceVisit" })

/** The most photos one visit keeps. */
export const MAX_VISIT_PHOTOS = 30

/** A photo the centre took on a visit: both sides see it. */
export const VisitPhoto = Schema.Struct({
  id: Uuid,
  filename: Schema.String,
  mimeType: Schema.String,
  sizeBytes: Schema.Int,
  uploadedAt: IsoDateTime,
  contentUrl: Schema.String,
  /** A 320 px WebP preview; null when none could be made (HEIC). */
  thumbnailUrl: Schema.NullOr(Schema.String),
}).annotate({ identifier: "VisitPhoto" })

export const ServiceVisitDetail = Schema.Struct({
  ...ServiceVisit.fields,
  items: Schema.Array(WorkItem),
  photos: Schema.Array(VisitPhoto),
}).annotate({ identifier: "ServiceVisitDetail" })

const NOT_FOUND = { status: 404, code: "FLEET_VISIT_NOT_FOUND" } as const
const STATUS = {
  status: 409,
  code: "FLEET_VISIT_STATUS",
  description: "the visit's status does not allow the step (the message says which it is in)",
} as const
const UNVERIFIED = {
  status: 403,
  code: "FLEET_VISIT_CENTRE_UNVERIFIED",
  description: "the caller's service centre is not approved, or is suspended",
} as const
const NO_ACCESS = {
  status: 403,
  code: "FLEET_VEHICLE_ACCESS_REQUIRED",
  description:
    "no access grant of scope service in force for this vehicle (never granted, expired or revoked)",
} as const
const INVALID = "FLEET_VISIT_INVALID"
const Reason = Schema.Struct({ reason: Text(2000) })

/** Service visits: recorded by a centre with access, confirmed or disputed by the vehicle's owner. */
export const visits = {
  list: endpoint({
    id: "visits.list",
    method: "get",
    path: "/api/v1/service-visits",
    tag: "service-visits",
    summary: "Service visits: a centre's own, or those of the organisation's vehicles",
    access: "visits.read",
    query: listQuery(["openedAt"], {
      status: Schema.optionalKey(Schema.Literals(VISIT_STATUSES)),
      vehicleId: Schema.optionalKey(Uuid),
    }),
    response: listOf(ServiceVisit),
  }),
  get: endpoint({
    id: "visits.get",
    method: "get",
    path: "/api/v1/service-visits/:id",
    tag: "service-visits",
    summary: "One service visit with its work items",
    access: "visits.read",
    params: IdParams,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND],
  }),
  open: endpoint({
    id: "visits.open",
    method: "post",
    path: "/api/v1/service-visits",
    tag: "service-visits",
    summary: "Open a visit on a vehicle the centre has service access to (the owner is told)",
    access: "visits.record",
    body: Schema.Struct({
      vehicleId: Uuid,
      /** The odometer as the centre reads it on arrival; the service book records it. */
      odometerKm: Km,
      complaint: Schema.optionalKey(Text(4000)),
      currency: Currency,
    }),
    invalidCode: INVALID,
    response: ServiceVisitDetail,
    status: 201,
    errors: [NO_ACCESS, UNVERIFIED],
  }),
  addItem: endpoint({
    id: "visits.addItem",
    method: "post",
    path: "/api/v1/service-visits/:id/items",
    tag: "service-visits",
    summary: "Add a work item (part, labour, other) to an open visit",
    access: "visits.record",
    params: IdParams,
    body: Schema.Struct({
      kind: Schema.Literals(WORK_ITEM_KINDS),
      description: Text(500),
      partNumber: Schema.optionalKey(Text(100)),
      quantity: Quantity,
      unitCost: Money,
      currency: Currency,
      recommendations: Schema.optionalKey(Text(2000)),
    }),
    invalidCode: INVALID,
    response: ServiceVisitDetail,
    status: 201,
    errors: [NOT_FOUND, STATUS, NO_ACCESS, { status: 422, code: "FLEET_VISIT_CURRENCY_MISMATCH" }],
  }),
  addPhotos: endpoint({
    id: "visits.addPhotos",
    method: "post",
    path: "/api/v1/service-visits/:id/photos",
    tag: "service-visits",
    summary: "Add photos to an open visit (the work, the parts, the odometer)",
    description: `A multipart/form-data form with 1 to ${MAX_DOCUMENT_FILES} parts named files, each at most 10 MB, recognised by content as JPEG, PNG, WebP or HEIC; a visit keeps at most ${MAX_VISIT_PHOTOS}. All or nothing. Photos are never deleted; both sides see them on the visit.`,
    access: "visits.record",
    params: IdParams,
    multipart: {
      fields: Schema.Struct({}),
      filesField: "files",
      maxFiles: MAX_DOCUMENT_FILES,
      maxFileBytes: MAX_DOCUMENT_BYTES,
    },
    bodyLimit: MAX_DOCUMENT_FILES * MAX_DOCUMENT_BYTES + 1024 * 1024,
    response: ServiceVisitDetail,
    status: 201,
    errors: [
      NOT_FOUND,
      STATUS,
      NO_ACCESS,
      { status: 400, code: "FLEET_VISIT_PHOTOS_INVALID", description: "not a form, no file, or too many" },
      {
        status: 400,
        code: "FLEET_DOCUMENT_FILENAME_INVALID",
        description: "a file name with a path or control characters",
      },
      { status: 413, code: "FLEET_DOCUMENT_TOO_LARGE", description: "a file is larger than 10 MB" },
      {
        status: 415,
        code: "FLEET_DOCUMENT_TYPE_REFUSED",
        description: "a file's content is not an allowed type",
      },
      {
        status: 415,
        code: "FLEET_VISIT_PHOTO_TYPE",
        description: "a file is a PDF, not a JPEG, PNG, WebP or HEIC image",
      },
    ],
  }),
  photo: endpoint({
    id: "visits.photo",
    method: "get",
    path: "/api/v1/service-visits/:id/photos/:photoId",
    tag: "service-visits",
    summary: "A visit photo's bytes (`thumbnail=true`: its 320 px WebP preview)",
    description: "With S3 storage a 302 to a presigned URL valid for 5 minutes.",
    access: "visits.read",
    params: Schema.Struct({ id: Uuid, photoId: Uuid }),
    query: Schema.Struct({ thumbnail: Schema.optionalKey(Schema.Literals(["true", "false"])) }),
    contentType: "application/octet-stream",
    errors: [NOT_FOUND, { status: 404, code: "FLEET_VISIT_PHOTO_NOT_FOUND" }],
  }),
  complete: endpoint({
    id: "visits.complete",
    method: "post",
    path: "/api/v1/service-visits/:id/complete",
    tag: "service-visits",
    summary: "Complete a visit: it goes to the vehicle's owner to confirm or dispute",
    access: "visits.complete",
    params: IdParams,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND, STATUS, UNVERIFIED, NO_ACCESS, { status: 409, code: "FLEET_VISIT_EMPTY" }],
  }),
  cancel: endpoint({
    id: "visits.cancel",
    method: "post",
    path: "/api/v1/service-visits/:id/cancel",
    tag: "service-visits",
    summary: "Cancel an open or completed visit with a reason (visits are never deleted)",
    access: "visits.record",
    params: IdParams,
    body: Reason,
    invalidCode: INVALID,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND, STATUS],
  }),
  confirm: endpoint({
    id: "visits.confirm",
    method: "post",
    path: "/api/v1/service-visits/:id/confirm",
    tag: "service-visits",
    summary: "Confirm a completed visit: it enters the service book and its cost the expenses, once",
    access: "visits.confirm",
    params: IdParams,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND, STATUS],
  }),
  dispute: endpoint({
    id: "visits.dispute",
    method: "post",
    path: "/api/v1/service-visits/:id/dispute",
    tag: "service-visits",
    summary: "Dispute a completed visit with a reason: it goes to the moderators",
    access: "visits.confirm",
    params: IdParams,
    body: Reason,
    invalidCode: INVALID,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND, STATUS],
  }),
  disputes: endpoint({
    id: "visits.disputes",
    method: "get",
    path: "/api/v1/service-visit-disputes",
    tag: "service-visits",
    summary: "The moderators' queue of disputed visits, oldest first (settled ones with settled=true)",
    access: "centres.moderate",
    query: listQuery(["disputedAt"], { settled: Schema.optionalKey(Schema.Literals(["true", "false"])) }),
    response: listOf(ServiceVisit),
  }),
  settle: endpoint({
    id: "visits.settle",
    method: "post",
    path: "/api/v1/service-visit-disputes/:id/settle",
    tag: "service-visits",
    summary: "Settle a dispute: upheld (the owner was right) or rejected, with a note; both sides are told",
    access: "centres.moderate",
    params: IdParams,
    body: Schema.Struct({ outcome: Schema.Literals(DISPUTE_OUTCOMES), note: Text(2000) }),
    invalidCode: INVALID,
    response: ServiceVisitDetail,
    errors: [NOT_FOUND, STATUS],
  }),
} as const
