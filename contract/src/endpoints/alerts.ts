import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const

export const Alert = Schema.Struct({
  id: Uuid,
  vehicleId: Schema.NullOr(Uuid),
  driverId: Schema.NullOr(Uuid),
  type: Schema.String,
  key: Schema.String,
  severity: Schema.Literals(ALERT_SEVERITIES),
  status: Schema.Literals(ALERT_STATUSES),
  openedAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  occurrences: Schema.Int,
  lat: Schema.NullOr(Schema.Finite),
  lon: Schema.NullOr(Schema.Finite),
  details: Schema.Record(Schema.String, Schema.Unknown),
  acknowledgedAt: Schema.NullOr(IsoDateTime),
  acknowledgedBy: Schema.NullOr(Uuid),
  resolvedAt: Schema.NullOr(IsoDateTime),
  resolvedBy: Schema.NullOr(Uuid),
  resolutionNote: Schema.NullOr(Schema.String),
}).annotate({ identifier: "Alert" })

const Note = Schema.Struct({ note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))) })

const transition = (action: "acknowledge" | "resolve", summary: string) =>
  endpoint({
    id: `alerts.${action}`,
    method: "post",
    path: `/api/v1/alerts/:id/${action}`,
    tag: "alerts",
    summary,
    access: "alerts.manage",
    params: IdParams,
    body: Note,
    bodyOptional: true,
    invalidCode: "FLEET_ALERT_INVALID",
    response: Alert,
    errors: [
      { status: 404, code: "FLEET_ALERT_NOT_FOUND" },
      { status: 409, code: "FLEET_ALERT_TRANSITION" },
    ],
  })

/** The alerts inbox: open → acknowledged → resolved, every step audited. */
export const alerts = {
  list: endpoint({
    id: "alerts.list",
    method: "get",
    path: "/api/v1/alerts",
    tag: "alerts",
    summary: "Alerts, newest first; `to` is exclusive",
    description: "`q` searches the type and the key.",
    access: "alerts.read",
    query: listQuery(["openedAt", "lastSeenAt", "type", "occurrences"], {
      status: Schema.optionalKey(Schema.Literals(ALERT_STATUSES)),
      type: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z_]{2,64}$/u))),
      vehicleId: Schema.optionalKey(Uuid),
      severity: Schema.optionalKey(Schema.Literals(ALERT_SEVERITIES)),
      from: Schema.optionalKey(IsoDateTime),
      to: Schema.optionalKey(IsoDateTime),
    }),
    response: listOf(Alert),
  }),
  acknowledge: transition("acknowledge", "Acknowledge an open alert"),
  resolve: transition("resolve", "Resolve an open or acknowledged alert, with an optional note"),
} as const
