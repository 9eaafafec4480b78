import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"

const Name = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_.-]{0,99}$/u))

export const AuditEntry = Schema.Struct({
  id: Schema.String,
  seq: Schema.String,
  at: IsoDateTime,
  actorUserId: Schema.NullOr(Uuid),
  actorEmail: Schema.NullOr(Schema.String),
  action: Schema.String,
  entity: Schema.String,
  entityId: Schema.NullOr(Schema.String),
  ip: Schema.NullOr(Schema.String),
  userAgent: Schema.NullOr(Schema.String),
  oldValues: Schema.Unknown,
  newValues: Schema.Unknown,
  details: Schema.Unknown,
}).annotate({ identifier: "AuditEntry" })

const BrokenLink = Schema.Struct({
  code: Schema.Literal("FLEET_AUDIT_CHAIN_BROKEN"),
  orgId: Uuid,
  seq: Schema.String,
  id: Schema.String,
  problem: Schema.Literals(["seq-gap", "prev-hash-mismatch", "hash-mismatch"]),
  message: Schema.String,
})

export const audit = {
  list: endpoint({
    id: "audit.list",
    method: "get",
    path: "/api/v1/audit",
    tag: "audit",
    summary: "The audit log, newest first; `to` is exclusive",
    access: "audit.read",
    query: listQuery(["at"], {
      user: Schema.optionalKey(Uuid),
      action: Schema.optionalKey(Name),
      entity: Schema.optionalKey(Name),
      entityId: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(100))),
      from: Schema.optionalKey(IsoDateTime),
      to: Schema.optionalKey(IsoDateTime),
    }),
    response: listOf(AuditEntry),
  }),
  verify: endpoint({
    id: "audit.verify",
    method: "get",
    path: "/api/v1/audit/verify",
    tag: "audit",
    summary: "Check the hash chain: the first broken link, if any (the owner checks every organisation)",
    access: "audit.read",
    response: Schema.Struct({
      intact: Schema.Boolean,
      organisations: Schema.Int,
      entries: Schema.Int,
      broken: Schema.NullOr(BrokenLink),
    }),
  }),
}
