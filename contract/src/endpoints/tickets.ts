import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { Document } from "./documents.js"

/** What a driver can report (seed 001). */
export const TICKET_TYPES = ["breakdown", "accident", "damage", "fuel_card", "document", "other"] as const
export type TicketType = (typeof TICKET_TYPES)[number]

export const TICKET_STATUSES = ["open", "in_progress", "resolved", "rejected"] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** The statuses a ticket may move to from each status; anything else is a 409. */
export const TICKET_MOVES: Readonly<Record<TicketStatus, ReadonlyArray<TicketStatus>>> = {
  open: ["in_progress", "rejected"],
  in_progress: ["resolved", "rejected", "open"],
  resolved: ["open"],
  rejected: ["open"],
}

/** Still waiting for the office: the SLA runs. */
export const OPEN_TICKET_STATUSES: ReadonlyArray<TicketStatus> = ["open", "in_progress"]

/** Hours from raising to resolving, per type, when the organisation has not set its own. */
export const DEFAULT_TICKET_SLA_HOURS: Readonly<Record<TicketType, number>> = {
  accident: 2,
  breakdown: 4,
  damage: 24,
  fuel_card: 24,
  document: 72,
  other: 72,
}

export const TICKET_EVENT_KINDS = [
  "created",
  "status",
  "comment",
  "assignment",
  "photo",
  "repair",
  "task",
] as const

const SlaHours = Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 720 }))

/** Hours to resolve each type of ticket (organisation settings; absent types keep the default). */
export const TicketSla = Schema.Struct({
  breakdown: SlaHours,
  accident: SlaHours,
  damage: SlaHours,
  fuel_card: SlaHours,
  document: SlaHours,
  other: SlaHours,
}).annotate({ identifier: "TicketSla" })

const Title = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))
const Text = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(4000))
const Lat = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -90, maximum: 90 }))
const Lon = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -180, maximum: 180 }))

export const Ticket = Schema.Struct({
  id: Uuid,
  /** Counted per organisation: "#12". */
  number: Schema.Int,
  type: Schema.Literals(TICKET_TYPES),
  title: Schema.String,
  description: Schema.NullOr(Schema.String),
  status: Schema.Literals(TICKET_STATUSES),
  vehicleId: Uuid,
  vehicleName: Schema.NullOr(Schema.String),
  vehiclePlate: Schema.NullOr(Schema.String),
  /** The raiser's driver record (raised by the office: the vehicle's driver then). */
  driverId: Schema.NullOr(Uuid),
  driverName: Schema.NullOr(Schema.String),
  raisedBy: Schema.NullOr(Uuid),
  raisedByName: Schema.NullOr(Schema.String),
  assigneeId: Schema.NullOr(Uuid),
  assigneeName: Schema.NullOr(Schema.String),
  lat: Schema.NullOr(Schema.Finite),
  lon: Schema.NullOr(Schema.Finite),
  /** When the position was: given by the raiser, or the vehicle's last report. */
  locatedAt: Schema.NullOr(IsoDateTime),
  locationSource: Schema.NullOr(Schema.Literals(["given", "vehicle"])),
  /** Raised + the type's SLA hours. */
  slaDueAt: IsoDateTime,
  /** Still open or in progress past its SLA. */
  overdue: Schema.Boolean,
  /** The repair made of the ticket (a maintenance task). */
  maintenanceTaskId: Schema.NullOr(Uuid),
  /** The task made of the ticket (`tasks`), which links back to it. */
  taskId: Schema.NullOr(Uuid),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  resolvedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "Ticket" })

export const TicketEvent = Schema.Struct({
  id: Uuid,
  kind: Schema.Literals(TICKET_EVENT_KINDS),
  actorId: Schema.NullOr(Uuid),
  actorName: Schema.NullOr(Schema.String),
  fromStatus: Schema.NullOr(Schema.Literals(TICKET_STATUSES)),
  toStatus: Schema.NullOr(Schema.Literals(TICKET_STATUSES)),
  comment: Schema.NullOr(Schema.String),
  assigneeId: Schema.NullOr(Uuid),
  assigneeName: Schema.NullOr(Schema.String),
  documentId: Schema.NullOr(Uuid),
  maintenanceTaskId: Schema.NullOr(Uuid),
  taskId: Schema.NullOr(Uuid),
  at: IsoDateTime,
}).annotate({ identifier: "TicketEvent" })

/** A ticket with its history (oldest first) and its photos. */
export const TicketDetail = Schema.Struct({
  ...Ticket.fields,
  events: Schema.Array(TicketEvent),
  photos: Schema.Array(Document),
}).annotate({ identifier: "TicketDetail" })

const NOT_FOUND = { status: 404, code: "FLEET_TICKET_NOT_FOUND" } as const
const INVALID = "FLEET_TICKET_INVALID"

/** Driver tickets: raised from the driver portal, worked by the office through a queue. */
export const tickets = {
  list: endpoint({
    id: "tickets.list",
    method: "get",
    path: "/api/v1/tickets",
    tag: "tickets",
    summary: "Tickets, oldest SLA first (a driver: their own)",
    description:
      "`q` searches the title, the number and the vehicle's name and plate. `overdue=true` keeps open and in-progress tickets past their SLA; `olderThanHours` those raised longer ago; `status=active` the open and in-progress ones.",
    access: "tickets.read",
    query: listQuery(["number", "createdAt", "slaDueAt", "updatedAt"], {
      status: Schema.optionalKey(Schema.Literals([...TICKET_STATUSES, "active"])),
      type: Schema.optionalKey(Schema.Literals(TICKET_TYPES)),
      vehicleId: Schema.optionalKey(Uuid),
      assigneeId: Schema.optionalKey(Uuid),
      overdue: Schema.optionalKey(Schema.Literals(["true", "false"])),
      olderThanHours: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^\d{1,5}$/u, explained("hours", { max: 99999 }))),
      ),
    }),
    response: listOf(Ticket),
  }),
  get: endpoint({
    id: "tickets.get",
    method: "get",
    path: "/api/v1/tickets/:id",
    tag: "tickets",
    summary: "One ticket with its history and photos",
    access: "tickets.read",
    params: IdParams,
    response: TicketDetail,
    errors: [NOT_FOUND],
  }),
  create: endpoint({
    id: "tickets.create",
    method: "post",
    path: "/api/v1/tickets",
    tag: "tickets",
    summary: "Raise a ticket (a driver: about a vehicle assigned to them)",
    description:
      "Without `lat`/`lon` the location is the vehicle's last reported position. Photos are documents of `entityType` `ticket` (`POST /api/v1/documents`). The managers are notified.",
    access: "tickets.raise",
    body: Schema.Struct({
      type: Schema.Literals(TICKET_TYPES),
      title: Title,
      description: Schema.optionalKey(Text),
      vehicleId: Uuid,
      lat: Schema.optionalKey(Lat),
      lon: Schema.optionalKey(Lon),
    }),
    invalidCode: INVALID,
    response: TicketDetail,
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  comment: endpoint({
    id: "tickets.comment",
    method: "post",
    path: "/api/v1/tickets/:id/comments",
    tag: "tickets",
    summary: "Comment on a ticket (the raising driver is told)",
    access: "tickets.raise",
    params: IdParams,
    body: Schema.Struct({ comment: Text }),
    invalidCode: INVALID,
    response: TicketDetail,
    errors: [NOT_FOUND],
  }),
  assign: endpoint({
    id: "tickets.assign",
    method: "post",
    path: "/api/v1/tickets/:id/assign",
    tag: "tickets",
    summary: "Give a ticket to a user of the organisation (null: nobody)",
    access: "tickets.manage",
    params: IdParams,
    body: Schema.Struct({ assigneeId: Schema.NullOr(Uuid) }),
    invalidCode: INVALID,
    response: TicketDetail,
    errors: [NOT_FOUND, { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  transition: endpoint({
    id: "tickets.transition",
    method: "post",
    path: "/api/v1/tickets/:id/status",
    tag: "tickets",
    summary: "Move a ticket: open → in progress → resolved / rejected (reopen: back to open)",
    access: "tickets.manage",
    params: IdParams,
    body: Schema.Struct({ status: Schema.Literals(TICKET_STATUSES), comment: Schema.optionalKey(Text) }),
    invalidCode: INVALID,
    response: TicketDetail,
    errors: [NOT_FOUND, { status: 409, code: "FLEET_TICKET_TRANSITION_ILLEGAL" }],
  }),
  makeRepair: endpoint({
    id: "tickets.makeRepair",
    method: "post",
    path: "/api/v1/tickets/:id/repair",
    tag: "tickets",
    summary: "Turn a ticket into a repair in the vehicle's service book; the ticket moves to in progress",
    access: "tickets.manage",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(Title),
      dueDate: Schema.optionalKey(IsoDate),
    }),
    bodyOptional: true,
    invalidCode: INVALID,
    response: TicketDetail,
    status: 201,
    errors: [
      NOT_FOUND,
      { status: 409, code: "FLEET_TICKET_REPAIR_EXISTS" },
      { status: 409, code: "FLEET_TICKET_CLOSED" },
    ],
  }),
  makeTask: endpoint({
    id: "tickets.makeTask",
    method: "post",
    path: "/api/v1/tickets/:id/task",
    tag: "tickets",
    summary:
      "Turn a ticket into a task (from a template or ad hoc) linked both ways; the ticket moves to in progress",
    access: "tickets.manage",
    params: IdParams,
    body: Schema.Struct({
      templateId: Schema.optionalKey(Uuid),
      title: Schema.optionalKey(Title),
      assigneeUserId: Schema.optionalKey(Uuid),
      teamId: Schema.optionalKey(Uuid),
      dueAt: Schema.optionalKey(IsoDateTime),
    }),
    bodyOptional: true,
    invalidCode: INVALID,
    response: TicketDetail,
    status: 201,
    errors: [
      NOT_FOUND,
      { status: 409, code: "FLEET_TICKET_TASK_EXISTS" },
      { status: 409, code: "FLEET_TICKET_CLOSED" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  getSla: endpoint({
    id: "tickets.getSla",
    method: "get",
    path: "/api/v1/tickets-sla",
    tag: "tickets",
    summary: "Hours to resolve each type of ticket (the organisation's, else the defaults)",
    access: "tickets.read",
    response: TicketSla,
  }),
  updateSla: endpoint({
    id: "tickets.updateSla",
    method: "put",
    path: "/api/v1/tickets-sla",
    tag: "tickets",
    summary: "Change the hours to resolve each type; applies to tickets raised from now on",
    access: "organisation.settings",
    body: TicketSla,
    invalidCode: INVALID,
    response: TicketSla,
  }),
} as const
