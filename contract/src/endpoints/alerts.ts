import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams, RoleName } from "./common.js"

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const
/** What a person can do to an alert; each is kept in the alert's history and audited. */
export const ALERT_ACTIONS = ["acknowledge", "assign", "unassign", "resolve"] as const
/** What the system adds to an alert's history when late data no longer support it (docs/rules.md). */
export const ALERT_SYSTEM_ACTIONS = ["withdraw", "note"] as const
/** The actions one bulk request can apply to many alerts. */
export const ALERT_BULK_ACTIONS = ["acknowledge", "assign", "resolve"] as const
/** The most alerts one bulk request may name. */
export const ALERT_BULK_MAX = 200

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
  acknowledgementNote: Schema.NullOr(Schema.String),
  resolvedAt: Schema.NullOr(IsoDateTime),
  resolvedBy: Schema.NullOr(Uuid),
  resolutionNote: Schema.NullOr(Schema.String),
  assigneeId: Schema.NullOr(Uuid),
  assignedAt: Schema.NullOr(IsoDateTime),
  /** Display names of what the ids point at (null when there is none). */
  vehicleName: Schema.NullOr(Schema.String),
  vehiclePlate: Schema.NullOr(Schema.String),
  driverName: Schema.NullOr(Schema.String),
  assigneeName: Schema.NullOr(Schema.String),
  /**
   * The name of the record the alert is about besides its vehicle: the geofence entered or left, the
   * fuel card over its limit, the device gone offline; null for other types or when it was deleted.
   */
  subjectName: Schema.NullOr(Schema.String),
  /** The incident (theft, fill, odometer fault) this alert was raised for; null for conditions. */
  incidentId: Schema.NullOr(Uuid),
}).annotate({ identifier: "Alert" })

/** One step of an alert's history: who did what, when, with which note. */
export const AlertAction = Schema.Struct({
  id: Uuid,
  action: Schema.Literals([...ALERT_ACTIONS, ...ALERT_SYSTEM_ACTIONS]),
  actorId: Schema.NullOr(Uuid),
  actorName: Schema.NullOr(Schema.String),
  assigneeId: Schema.NullOr(Uuid),
  assigneeName: Schema.NullOr(Schema.String),
  note: Schema.NullOr(Schema.String),
  at: IsoDateTime,
}).annotate({ identifier: "AlertAction" })

/** A person an alert can be assigned to: an active user of the organisation who can read alerts. */
export const AlertAssignee = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  email: Schema.String,
  role: RoleName,
}).annotate({ identifier: "AlertAssignee" })

const NoteText = Schema.String.check(Schema.isMaxLength(2000))
const Note = Schema.Struct({ note: Schema.optionalKey(NoteText) })

const NOT_FOUND = { status: 404, code: "FLEET_ALERT_NOT_FOUND" } as const
const TRANSITION = { status: 409, code: "FLEET_ALERT_TRANSITION" } as const
const ASSIGNEE_NOT_FOUND = { status: 404, code: "FLEET_ALERT_ASSIGNEE_NOT_FOUND" } as const

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
    errors: [NOT_FOUND, TRANSITION],
  })

/** The outcome of a bulk action for one id: done, unknown (or another organisation's), or refused. */
export const AlertBulkResult = Schema.Struct({
  id: Uuid,
  outcome: Schema.Literals(["done", "not_found", "conflict"]),
  alert: Schema.NullOr(Alert),
})

/** The alerts inbox: open → acknowledged → resolved, assignment to a person; every step audited. */
export const alerts = {
  list: endpoint({
    id: "alerts.list",
    method: "get",
    path: "/api/v1/alerts",
    tag: "alerts",
    summary: "Alerts, newest first; `to` is exclusive",
    description:
      "`q` searches the type, the key and the vehicle's name and plate. `teamId` keeps the alerts of the team's vehicles; `assigneeId` those assigned to a person.",
    access: "alerts.read",
    query: listQuery(["openedAt", "lastSeenAt", "type", "occurrences", "severity", "status"], {
      status: Schema.optionalKey(Schema.Literals(ALERT_STATUSES)),
      type: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z_]{2,64}$/u))),
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      teamId: Schema.optionalKey(Uuid),
      assigneeId: Schema.optionalKey(Uuid),
      severity: Schema.optionalKey(Schema.Literals(ALERT_SEVERITIES)),
      from: Schema.optionalKey(IsoDateTime),
      to: Schema.optionalKey(IsoDateTime),
    }),
    response: listOf(Alert),
  }),
  get: endpoint({
    id: "alerts.get",
    method: "get",
    path: "/api/v1/alerts/:id",
    tag: "alerts",
    summary: "One alert",
    access: "alerts.read",
    params: IdParams,
    response: Alert,
    errors: [NOT_FOUND],
  }),
  history: endpoint({
    id: "alerts.history",
    method: "get",
    path: "/api/v1/alerts/:id/history",
    tag: "alerts",
    summary: "What people did to an alert, oldest first",
    access: "alerts.read",
    params: IdParams,
    response: Schema.Struct({ items: Schema.Array(AlertAction) }),
    errors: [NOT_FOUND],
  }),
  acknowledge: transition("acknowledge", "Acknowledge an open alert, with an optional note"),
  resolve: transition("resolve", "Resolve an open or acknowledged alert, with an optional note"),
  assign: endpoint({
    id: "alerts.assign",
    method: "post",
    path: "/api/v1/alerts/:id/assign",
    tag: "alerts",
    summary: "Assign an unresolved alert to a person of the organisation",
    access: "alerts.manage",
    params: IdParams,
    body: Schema.Struct({ userId: Uuid, note: Schema.optionalKey(NoteText) }),
    invalidCode: "FLEET_ALERT_INVALID",
    response: Alert,
    errors: [NOT_FOUND, ASSIGNEE_NOT_FOUND, TRANSITION],
  }),
  unassign: endpoint({
    id: "alerts.unassign",
    method: "post",
    path: "/api/v1/alerts/:id/unassign",
    tag: "alerts",
    summary: "Take an alert's assignment away (an alert assigned to nobody stays as it is)",
    access: "alerts.manage",
    params: IdParams,
    body: Note,
    bodyOptional: true,
    invalidCode: "FLEET_ALERT_INVALID",
    response: Alert,
    errors: [NOT_FOUND],
  }),
  bulk: endpoint({
    id: "alerts.bulk",
    method: "post",
    path: "/api/v1/alerts/bulk",
    tag: "alerts",
    summary: `Acknowledge, assign or resolve up to ${ALERT_BULK_MAX} alerts at once`,
    description:
      "Each id is looked up in the caller's organisation and answered on its own: `done`, `not_found` (unknown or not visible) or `conflict` (its status does not allow the action). `userId` is required for `assign`.",
    access: "alerts.manage",
    body: Schema.Struct({
      action: Schema.Literals(ALERT_BULK_ACTIONS),
      ids: Schema.Array(Uuid).check(Schema.isMinLength(1), Schema.isMaxLength(ALERT_BULK_MAX)),
      userId: Schema.optionalKey(Uuid),
      note: Schema.optionalKey(NoteText),
    }),
    invalidCode: "FLEET_ALERT_INVALID",
    response: Schema.Struct({ results: Schema.Array(AlertBulkResult) }),
    errors: [ASSIGNEE_NOT_FOUND],
  }),
  assignees: endpoint({
    id: "alerts.assignees",
    method: "get",
    path: "/api/v1/alert-assignees",
    tag: "alerts",
    summary: "The people alerts can be assigned to: active users of the organisation who read alerts",
    access: "alerts.manage",
    response: Schema.Struct({ items: Schema.Array(AlertAssignee) }),
  }),
} as const
