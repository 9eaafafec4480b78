import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { CountryCode, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** 'read': the vehicle's card only; 'service': also visits and change proposals. */
export const ACCESS_SCOPES = ["read", "service"] as const
export type AccessScope = (typeof ACCESS_SCOPES)[number]
const Scope = Schema.Literals(ACCESS_SCOPES)

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "refused", "withdrawn"] as const

/** Searches a centre user may make per hour; the next one is a 429 with Retry-After. */
export const SEARCHES_PER_HOUR = 30

/** What a centre learns of a vehicle it found: never the owner, a phone, the plate or history. */
export const MaskedVehicle = Schema.Struct({
  make: Schema.NullOr(Schema.String),
  model: Schema.NullOr(Schema.String),
  year: Schema.NullOr(Schema.Int),
}).annotate({ identifier: "MaskedVehicle" })

/** What a centre sees of a vehicle it has access to. */
export const GrantedVehicle = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  plate: Schema.NullOr(Schema.String),
  vin: Schema.NullOr(Schema.String),
  make: Schema.NullOr(Schema.String),
  model: Schema.NullOr(Schema.String),
  year: Schema.NullOr(Schema.Int),
}).annotate({ identifier: "GrantedVehicle" })

export const AccessGrant = Schema.Struct({
  id: Uuid,
  /** The vehicle's organisation. */
  orgId: Uuid,
  orgName: Schema.String,
  centreId: Uuid,
  centreName: Schema.String,
  vehicle: GrantedVehicle,
  scope: Scope,
  validFrom: IsoDateTime,
  validUntil: Schema.NullOr(IsoDateTime),
  revokedAt: Schema.NullOr(IsoDateTime),
  /** Not revoked, and now within its validity. */
  active: Schema.Boolean,
  source: Schema.Literals(["invite_code", "request"]),
  createdAt: IsoDateTime,
}).annotate({ identifier: "AccessGrant" })

/** An invite code's state: open until it is redeemed, revoked, or past its expiry. */
export const INVITE_STATUSES = ["open", "redeemed", "expired", "revoked"] as const

export const AccessInvite = Schema.Struct({
  id: Uuid,
  vehicleIds: Schema.Array(Uuid),
  scope: Scope,
  grantValidUntil: Schema.NullOr(IsoDateTime),
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
  redeemedAt: Schema.NullOr(IsoDateTime),
  redeemedByCentreId: Schema.NullOr(Uuid),
  revokedAt: Schema.NullOr(IsoDateTime),
  status: Schema.Literals(INVITE_STATUSES),
}).annotate({ identifier: "AccessInvite" })

export const AccessRequest = Schema.Struct({
  id: Uuid,
  centreId: Uuid,
  centreName: Schema.String,
  /** The fleet sees its vehicle; the centre sees the masked card until it is granted. */
  vehicleId: Schema.NullOr(Uuid),
  /** The vehicle's name and plate, to the fleet (which must know which of its vehicles is asked for); null to the centre. */
  vehicleName: Schema.NullOr(Schema.String),
  vehicle: MaskedVehicle,
  scope: Scope,
  message: Schema.NullOr(Schema.String),
  status: Schema.Literals(ACCESS_REQUEST_STATUSES),
  reason: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
  decidedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "AccessRequest" })

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const INVALID = "FLEET_ACCESS_INVALID"
const NOT_APPROVED = {
  status: 409,
  code: "FLEET_CENTRE_NOT_APPROVED",
  description: "the caller's centre is not verified (or is suspended)",
} as const
const GRANT_NOT_FOUND = { status: 404, code: "FLEET_ACCESS_GRANT_NOT_FOUND" } as const
const REQUEST_NOT_FOUND = { status: 404, code: "FLEET_ACCESS_REQUEST_NOT_FOUND" } as const
const grantQuery = listQuery(["createdAt", "validUntil"], {
  active: Schema.optionalKey(Schema.Literals(["true", "false"])),
  vehicleId: Schema.optionalKey(Uuid),
})
const requestQuery = listQuery(["createdAt"], {
  status: Schema.optionalKey(Schema.Literals(ACCESS_REQUEST_STATUSES)),
})

/** A service centre's side: search a vehicle, ask for access, redeem a code, its grants. */
export const centreAccess = {
  search: endpoint({
    id: "centreAccess.search",
    method: "post",
    path: "/api/v1/centre/vehicle-search",
    tag: "vehicleAccess",
    summary: "Find a vehicle by plate (per country) or VIN: a masked card, never who owns it",
    description: `Exactly one of \`plate\` (read by \`country\`'s rules, the centre's country by default) or \`vin\`. Every search is logged; at most ${SEARCHES_PER_HOUR} per user per hour (then 429 with Retry-After). \`searchId\` names the search in an access request.`,
    access: "centres.search",
    body: Schema.Struct({
      plate: Schema.optionalKey(Text(40)),
      country: Schema.optionalKey(CountryCode),
      vin: Schema.optionalKey(Text(40)),
    }),
    invalidCode: INVALID,
    response: Schema.Struct({
      searchId: Uuid,
      found: Schema.Boolean,
      vehicle: Schema.NullOr(MaskedVehicle),
    }),
    errors: [NOT_APPROVED, { status: 429, code: "FLEET_VEHICLE_SEARCH_RATE_LIMITED" }],
  }),
  request: endpoint({
    id: "centreAccess.request",
    method: "post",
    path: "/api/v1/centre/access-requests",
    tag: "vehicleAccess",
    summary: "Ask the owner of a vehicle found by a search for access (the owner decides)",
    access: "centres.access",
    body: Schema.Struct({ searchId: Uuid, scope: Scope, message: Schema.optionalKey(Text(1000)) }),
    invalidCode: INVALID,
    response: AccessRequest,
    status: 201,
    errors: [
      NOT_APPROVED,
      {
        status: 404,
        code: "FLEET_VEHICLE_SEARCH_NOT_FOUND",
        description: "no search of the centre found a vehicle",
      },
      {
        status: 409,
        code: "FLEET_ACCESS_REQUEST_PENDING",
        description: "a request for this vehicle waits already",
      },
    ],
  }),
  requests: endpoint({
    id: "centreAccess.requests",
    method: "get",
    path: "/api/v1/centre/access-requests",
    tag: "vehicleAccess",
    summary: "The centre's access requests, newest first",
    description: "`q` searches the centre's name and the vehicle's make and model.",
    access: "centres.access",
    query: requestQuery,
    response: listOf(AccessRequest),
  }),
  redeem: endpoint({
    id: "centreAccess.redeem",
    method: "post",
    path: "/api/v1/centre/redeem",
    tag: "vehicleAccess",
    summary: "Redeem a fleet's invite code: access to the vehicles it names",
    access: "centres.access",
    body: Schema.Struct({ code: Text(64) }),
    invalidCode: INVALID,
    response: Schema.Array(AccessGrant),
    status: 201,
    errors: [
      NOT_APPROVED,
      {
        status: 422,
        code: "FLEET_ACCESS_CODE_INVALID",
        description: "unknown, expired, revoked or already used",
      },
    ],
  }),
  grants: endpoint({
    id: "centreAccess.grants",
    method: "get",
    path: "/api/v1/centre/grants",
    tag: "vehicleAccess",
    summary: "The vehicles the centre has been given access to",
    description:
      "`q` searches both organisations' names and the vehicle's make and model; `active=true` keeps the grants in force now.",
    access: "visits.read",
    query: grantQuery,
    response: listOf(AccessGrant),
  }),
  relinquish: endpoint({
    id: "centreAccess.relinquish",
    method: "post",
    path: "/api/v1/centre/grants/:id/revoke",
    tag: "vehicleAccess",
    summary: "Give a grant up (the fleet is told)",
    access: "centres.access",
    params: IdParams,
    response: AccessGrant,
    errors: [GRANT_NOT_FOUND],
  }),
}

/** A fleet's side: invite codes, centres' requests, the grants of its vehicles. */
export const vehicleAccess = {
  createInvite: endpoint({
    id: "vehicleAccess.createInvite",
    method: "post",
    path: "/api/v1/vehicle-access/invites",
    tag: "vehicleAccess",
    summary: "Make a single-use invite code for chosen vehicles, to hand to a service centre",
    description:
      "The code is answered once and never stored (only its hash). It expires after `expiresInHours` (72 by default); the grants it makes last until `grantValidUntil` (none: until revoked).",
    access: "vehicleAccess.manage",
    body: Schema.Struct({
      vehicleIds: Schema.Array(Uuid).check(Schema.isMinLength(1), Schema.isMaxLength(50)),
      scope: Scope,
      grantValidUntil: Schema.optionalKey(IsoDateTime),
      expiresInHours: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 720 }))),
    }),
    invalidCode: INVALID,
    response: Schema.Struct({ invite: AccessInvite, code: Schema.String }),
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  invites: endpoint({
    id: "vehicleAccess.invites",
    method: "get",
    path: "/api/v1/vehicle-access/invites",
    tag: "vehicleAccess",
    summary: "The organisation's invite codes, newest first",
    description:
      "`q` searches the plates and names of the invite's vehicles and the name of the centre that redeemed it; `status` keeps one state (`open`: neither redeemed, revoked nor expired); `vehicleId` keeps the invites for that vehicle.",
    access: "vehicleAccess.manage",
    query: listQuery(["createdAt"], {
      status: Schema.optionalKey(Schema.Literals(INVITE_STATUSES)),
      vehicleId: Schema.optionalKey(Uuid),
    }),
    response: listOf(AccessInvite),
  }),
  revokeInvite: endpoint({
    id: "vehicleAccess.revokeInvite",
    method: "post",
    path: "/api/v1/vehicle-access/invites/:id/revoke",
    tag: "vehicleAccess",
    summary: "Withdraw an unused invite code",
    access: "vehicleAccess.manage",
    params: IdParams,
    response: AccessInvite,
    errors: [{ status: 404, code: "FLEET_ACCESS_INVITE_NOT_FOUND" }],
  }),
  requests: endpoint({
    id: "vehicleAccess.requests",
    method: "get",
    path: "/api/v1/vehicle-access/requests",
    tag: "vehicleAccess",
    summary: "Centres' requests for access to the organisation's vehicles, newest first",
    description: "`q` searches the centre's name and the vehicle's make and model.",
    access: "vehicleAccess.manage",
    query: requestQuery,
    response: listOf(AccessRequest),
  }),
  decide: endpoint({
    id: "vehicleAccess.decide",
    method: "post",
    path: "/api/v1/vehicle-access/requests/:id/decision",
    tag: "vehicleAccess",
    summary: "Approve a centre's request (a grant until `validUntil`) or refuse it (a reason)",
    access: "vehicleAccess.manage",
    params: IdParams,
    body: Schema.Struct({
      approve: Schema.Boolean,
      validUntil: Schema.optionalKey(IsoDateTime),
      reason: Schema.optionalKey(Text(1000)),
    }),
    invalidCode: INVALID,
    response: AccessRequest,
    errors: [
      REQUEST_NOT_FOUND,
      { status: 409, code: "FLEET_ACCESS_REQUEST_DECIDED", description: "the request is no longer pending" },
    ],
  }),
  grants: endpoint({
    id: "vehicleAccess.grants",
    method: "get",
    path: "/api/v1/vehicle-access/grants",
    tag: "vehicleAccess",
    summary: "The access the organisation has given centres to its vehicles",
    description:
      "`q` searches both organisations' names and the vehicle's make and model; `active=true` keeps the grants in force now.",
    access: "vehicleAccess.manage",
    query: grantQuery,
    response: listOf(AccessGrant),
  }),
  revoke: endpoint({
    id: "vehicleAccess.revoke",
    method: "post",
    path: "/api/v1/vehicle-access/grants/:id/revoke",
    tag: "vehicleAccess",
    summary: "Revoke a centre's access now",
    access: "vehicleAccess.manage",
    params: IdParams,
    response: AccessGrant,
    errors: [GRANT_NOT_FOUND],
  }),
}
