import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { DisplayName, Email, IdParams, Locale, Phone, RoleName } from "./common.js"

export const USER_STATUSES = ["active", "invited", "disabled"] as const

export const User = Schema.Struct({
  id: Uuid,
  email: Schema.String,
  name: Schema.String,
  phone: Schema.NullOr(Schema.String),
  role: RoleName,
  locale: Locale,
  /** invited: the set-password link was not used yet. */
  status: Schema.Literals(USER_STATUSES),
  totpEnabled: Schema.Boolean,
  lastLoginAt: Schema.NullOr(IsoDateTime),
  createdAt: IsoDateTime,
}).annotate({ identifier: "User" })

/** A one-time link for a user to choose their password; shown to the admin once. */
export const PasswordLink = Schema.Struct({
  url: Schema.String,
  expiresAt: IsoDateTime,
}).annotate({ identifier: "PasswordLink" })

const notFound = [{ status: 404, code: "FLEET_USER_NOT_FOUND" }]

export const users = {
  list: endpoint({
    id: "users.list",
    method: "get",
    path: "/api/v1/users",
    tag: "users",
    summary: "The organisation's users",
    access: "users.read",
    query: listQuery(["name", "email", "role", "createdAt", "lastLoginAt"], {
      role: Schema.optionalKey(RoleName),
      status: Schema.optionalKey(Schema.Literals(USER_STATUSES)),
    }),
    response: listOf(User),
  }),
  create: endpoint({
    id: "users.create",
    method: "post",
    path: "/api/v1/users",
    tag: "users",
    summary: "Add a user; the answer holds their one-time set-password link",
    access: "users.manage",
    body: Schema.Struct({
      email: Email,
      name: DisplayName,
      role: RoleName,
      phone: Schema.optionalKey(Schema.NullOr(Phone)),
      locale: Schema.optionalKey(Locale),
      /** Role driver only: the driver record this login belongs to (else a new record is made). */
      driverId: Schema.optionalKey(Uuid),
    }),
    response: Schema.Struct({ user: User, passwordLink: PasswordLink }),
    status: 201,
    errors: [
      { status: 409, code: "FLEET_USER_EXISTS" },
      { status: 403, code: "FLEET_ROLE_NOT_GRANTABLE" },
      { status: 409, code: "FLEET_DRIVER_HAS_LOGIN" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
      { status: 409, code: "FLEET_CENTRE_NOT_APPROVED" },
    ],
  }),
  get: endpoint({
    id: "users.get",
    method: "get",
    path: "/api/v1/users/:id",
    tag: "users",
    summary: "One user",
    access: "users.read",
    params: IdParams,
    response: User,
    errors: notFound,
  }),
  update: endpoint({
    id: "users.update",
    method: "patch",
    path: "/api/v1/users/:id",
    tag: "users",
    summary: "Edit a user, change their role, deactivate or reactivate them",
    description: "Deactivating a user ends their sessions at once.",
    access: "users.manage",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(DisplayName),
      role: Schema.optionalKey(RoleName),
      phone: Schema.optionalKey(Schema.NullOr(Phone)),
      locale: Schema.optionalKey(Locale),
      disabled: Schema.optionalKey(Schema.Boolean),
    }),
    response: User,
    errors: [
      ...notFound,
      { status: 403, code: "FLEET_ROLE_NOT_GRANTABLE" },
      { status: 409, code: "FLEET_USER_SELF" },
    ],
  }),
  passwordLink: endpoint({
    id: "users.passwordLink",
    method: "post",
    path: "/api/v1/users/:id/password-link",
    tag: "users",
    summary: "A new one-time set-password link for a user (earlier links stop working)",
    access: "users.manage",
    params: IdParams,
    response: PasswordLink,
    status: 201,
    errors: [...notFound, { status: 403, code: "FLEET_ROLE_NOT_GRANTABLE" }],
  }),
} as const
