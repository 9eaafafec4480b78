import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { CountryCode, IsoDateTime, Uuid } from "../schemas.js"
import { Email, IdParams, Phone } from "./common.js"
import { Document } from "./documents.js"

/**
 * Where a centre's verification stands: draft → submitted → approved | rejected (a rejected centre
 * edits and submits again); approved ↔ suspended.
 */
export const CENTRE_STATUSES = ["draft", "submitted", "approved", "rejected", "suspended"] as const
export type CentreStatus = (typeof CENTRE_STATUSES)[number]

export const MODERATION_DECISIONS = ["approve", "reject", "suspend", "reinstate"] as const
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number]

/** Each decision, the statuses it applies to, and the status it leads to. */
export const MODERATION_MOVES: Readonly<
  Record<ModerationDecision, { readonly from: ReadonlyArray<CentreStatus>; readonly to: CentreStatus }>
> = {
  approve: { from: ["submitted"], to: "approved" },
  reject: { from: ["submitted"], to: "rejected" },
  suspend: { from: ["approved"], to: "suspended" },
  reinstate: { from: ["suspended"], to: "approved" },
}

/** The details a centre may edit while it is not under review or approved. */
export const CENTRE_EDITABLE_STATUSES: ReadonlyArray<CentreStatus> = ["draft", "rejected"]

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))

export const ModerationEntry = Schema.Struct({
  id: Uuid,
  decision: Schema.Literals(MODERATION_DECISIONS),
  fromStatus: Schema.Literals(CENTRE_STATUSES),
  toStatus: Schema.Literals(CENTRE_STATUSES),
  reason: Schema.NullOr(Schema.String),
  moderatorId: Schema.NullOr(Uuid),
  decidedAt: IsoDateTime,
}).annotate({ identifier: "ModerationEntry" })

export const Centre = Schema.Struct({
  /** The centre's organisation. */
  id: Uuid,
  name: Schema.String,
  country: Schema.String,
  address: Schema.String,
  phone: Schema.String,
  taxId: Schema.String,
  legalName: Schema.NullOr(Schema.String),
  registrationNumber: Schema.NullOr(Schema.String),
  website: Schema.NullOr(Schema.String),
  description: Schema.NullOr(Schema.String),
  status: Schema.Literals(CENTRE_STATUSES),
  /** The moderator's reason for the last rejection or suspension. */
  statusReason: Schema.NullOr(Schema.String),
  submittedAt: Schema.NullOr(IsoDateTime),
  approvedAt: Schema.NullOr(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "Centre" })

/** A centre with its verification documents and its moderation history (oldest first). */
export const CentreDetail = Schema.Struct({
  ...Centre.fields,
  documents: Schema.Array(Document),
  decisions: Schema.Array(ModerationEntry),
}).annotate({ identifier: "CentreDetail" })

const details = {
  country: Schema.optionalKey(CountryCode),
  address: Schema.optionalKey(Text(500)),
  phone: Schema.optionalKey(Phone),
  taxId: Schema.optionalKey(Text(40)),
  legalName: Schema.optionalKey(Schema.NullOr(Text(200))),
  registrationNumber: Schema.optionalKey(Schema.NullOr(Text(60))),
  website: Schema.optionalKey(Schema.NullOr(Text(300))),
  description: Schema.optionalKey(Schema.NullOr(Text(4000))),
}

const INVALID = "FLEET_CENTRE_INVALID"
const NOT_FOUND = { status: 404, code: "FLEET_CENTRE_NOT_FOUND" } as const
const STATUS = {
  status: 409,
  code: "FLEET_CENTRE_STATUS",
  description: "the centre's verification status does not allow this",
} as const

/** A service centre's own profile and verification (its owner). */
export const centres = {
  register: endpoint({
    id: "centres.register",
    method: "post",
    path: "/api/v1/centres/register",
    tag: "centres",
    summary: "Register a service centre and its owner's account",
    description:
      "Public, throttled per address like sign-in. Makes the centre's organisation (a draft: it fills its details, uploads documents of `entityType` `service_centre` and submits them for verification) and its owner (role `centre_owner`), who then signs in.",
    access: "public",
    body: Schema.Struct({
      name: Text(200),
      country: CountryCode,
      address: Text(500),
      phone: Phone,
      taxId: Text(40),
      ownerName: Text(200),
      email: Email,
      password: Schema.String.check(Schema.isMaxLength(1024)),
      locale: Schema.optionalKey(Schema.Literals(["en", "ru", "kk", "tr"])),
    }),
    invalidCode: INVALID,
    response: Schema.Struct({ centre: Centre, userId: Uuid }),
    status: 201,
    errors: [
      { status: 409, code: "FLEET_ORGANISATION_EXISTS" },
      { status: 409, code: "FLEET_USER_EXISTS" },
      { status: 422, code: "FLEET_PASSWORD_WEAK" },
      { status: 429, code: "FLEET_CENTRE_REGISTRATION_THROTTLED" },
    ],
  }),
  get: endpoint({
    id: "centres.get",
    method: "get",
    path: "/api/v1/centre",
    tag: "centres",
    summary: "The caller's service centre: details, status, documents, moderation history",
    access: "centres.manage",
    response: CentreDetail,
    errors: [NOT_FOUND],
  }),
  update: endpoint({
    id: "centres.update",
    method: "patch",
    path: "/api/v1/centre",
    tag: "centres",
    summary: "Edit the centre's verification details (while a draft or rejected)",
    access: "centres.manage",
    body: Schema.Struct(details),
    invalidCode: INVALID,
    response: CentreDetail,
    errors: [NOT_FOUND, STATUS],
  }),
  submit: endpoint({
    id: "centres.submit",
    method: "post",
    path: "/api/v1/centre/submit",
    tag: "centres",
    summary: "Submit the details and documents for verification (the moderators are told)",
    access: "centres.manage",
    response: CentreDetail,
    errors: [
      NOT_FOUND,
      STATUS,
      {
        status: 409,
        code: "FLEET_CENTRE_DOCUMENTS_MISSING",
        description: "no verification document is uploaded",
      },
    ],
  }),
}

/** The installation's moderators: the verification queue and their decisions. */
export const moderation = {
  centres: endpoint({
    id: "moderation.centres",
    method: "get",
    path: "/api/v1/moderation/centres",
    tag: "moderation",
    summary: "Service centres by verification status (the queue: `status=submitted`, oldest first)",
    description: "`q` searches the name, tax id and address.",
    access: "centres.moderate",
    query: listQuery(["name", "submittedAt", "createdAt"], {
      status: Schema.optionalKey(Schema.Literals(CENTRE_STATUSES)),
      country: Schema.optionalKey(CountryCode),
    }),
    response: listOf(Centre),
  }),
  centre: endpoint({
    id: "moderation.centre",
    method: "get",
    path: "/api/v1/moderation/centres/:id",
    tag: "moderation",
    summary: "One centre with its documents and moderation history",
    access: "centres.moderate",
    params: IdParams,
    response: CentreDetail,
    errors: [NOT_FOUND],
  }),
  document: endpoint({
    id: "moderation.document",
    method: "get",
    path: "/api/v1/moderation/centres/:id/documents/:documentId",
    tag: "moderation",
    summary: "A verification document of a centre, as the moderators read it",
    description:
      "Only a document the centre attached to itself (`entityType` `service_centre`). With S3 storage a 302 to a presigned URL valid for 5 minutes; `inline=true` to show it in the browser.",
    access: "centres.moderate",
    params: Schema.Struct({ id: Uuid, documentId: Uuid }),
    query: Schema.Struct({ inline: Schema.optionalKey(Schema.Literals(["true", "false"])) }),
    contentType: "application/octet-stream",
    errors: [NOT_FOUND, { status: 404, code: "FLEET_DOCUMENT_NOT_FOUND" }],
  }),
  decide: endpoint({
    id: "moderation.decide",
    method: "post",
    path: "/api/v1/moderation/centres/:id/decision",
    tag: "moderation",
    summary: "Approve, reject, suspend or reinstate a centre (a reason to reject or suspend)",
    description:
      "approve and reject a submitted centre; suspend an approved one (its grants stay, but it can use none of them); reinstate a suspended one. Audited in the centre's log; the centre's owners are notified.",
    access: "centres.moderate",
    params: IdParams,
    body: Schema.Struct({
      decision: Schema.Literals(MODERATION_DECISIONS),
      reason: Schema.optionalKey(Text(2000)),
    }),
    invalidCode: INVALID,
    response: CentreDetail,
    errors: [NOT_FOUND, STATUS],
  }),
  searches: endpoint({
    id: "moderation.searches",
    method: "get",
    path: "/api/v1/moderation/suspicious-searches",
    tag: "moderation",
    summary: "Users whose plate/VIN searches look like fishing: many misses or many distinct vehicles",
    description:
      "Over the last `hours` (24 by default): each centre user with at least `minMisses` searches that found nothing (5) or `minDistinct` distinct plates/VINs (10), most suspicious first.",
    access: "centres.moderate",
    query: Schema.Struct({
      hours: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^\d{1,4}$/u, explained("hours", { max: 9999 }))),
      ),
      minMisses: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^\d{1,4}$/u, explained("count", { max: 9999 }))),
      ),
      minDistinct: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^\d{1,4}$/u, explained("count", { max: 9999 }))),
      ),
    }),
    response: Schema.Array(
      Schema.Struct({
        centreId: Uuid,
        centreName: Schema.String,
        userId: Schema.NullOr(Uuid),
        userName: Schema.NullOr(Schema.String),
        searches: Schema.Int,
        misses: Schema.Int,
        distinctQueries: Schema.Int,
        firstAt: IsoDateTime,
        lastAt: IsoDateTime,
      }).annotate({ identifier: "SuspiciousSearcher" }),
    ),
  }),
}
