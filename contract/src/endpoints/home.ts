import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { HomeOperations } from "./dashboards.js"
import { DocumentEntityType } from "./documents.js"
import { VehicleStatus } from "./vehicles.js"

/** Days ahead a document or contract counts as "expiring" on the home page (seed 003: 30). */
export const HOME_EXPIRY_DAYS = 30
/** Rows in the home page's lists (attention, leaders, activity): the page is an overview. */
export const HOME_LIST_LIMIT = 10

/** Why a vehicle needs attention; each comes from a record the caller may read. */
export const ATTENTION_REASONS = [
  "maintenanceOverdue",
  "maintenanceDue",
  "contractExpiring",
  "documentExpiring",
  "criticalAlert",
] as const
export const AttentionReason = Schema.Literals(ATTENTION_REASONS)

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

const VehicleRef = Schema.Struct({
  vehicleId: Uuid,
  name: Schema.String,
  plate: Schema.NullOr(Schema.String),
})

export const HomeFleet = Schema.Struct({
  total: Count,
  byStatus: Schema.Array(Schema.Struct({ status: VehicleStatus, count: Count })),
}).annotate({ identifier: "HomeFleet" })

export const HomeAttention = Schema.Struct({
  /** Vehicles with at least one reason (not decommissioned). */
  vehicles: Count,
  /** Per reason: how many records (tasks, contracts, documents, alerts) ask for it. */
  counts: Schema.Struct({
    maintenanceOverdue: Count,
    maintenanceDue: Count,
    contractExpiring: Count,
    documentExpiring: Count,
    criticalAlert: Count,
  }),
  /** The first vehicles, most reasons first. */
  items: Schema.Array(Schema.Struct({ ...VehicleRef.fields, reasons: Schema.Array(AttentionReason) })),
}).annotate({ identifier: "HomeAttention" })

export const HomeDocuments = Schema.Struct({
  /** Expiry within `HOME_EXPIRY_DAYS`, expired ones included (the documents list's "expiring" view). */
  expiring: Count,
  expired: Count,
  items: Schema.Array(
    Schema.Struct({
      id: Uuid,
      filename: Schema.String,
      kind: Schema.String,
      entityType: DocumentEntityType,
      entityId: Uuid,
      /** The record it belongs to, named as the documents list names it; null when that is gone. */
      entityName: Schema.NullOr(Schema.String),
      expiresOn: IsoDate,
    }),
  ),
}).annotate({ identifier: "HomeDocuments" })

export const HomeContracts = Schema.Struct({
  expiring: Count,
  expired: Count,
}).annotate({ identifier: "HomeContracts" })

export const HomeExpenses = Schema.Struct({
  currency: Currency,
  /** The last 12 calendar months, oldest first, this month included; a month without expenses is "0.00". */
  months: Schema.Array(Schema.Struct({ month: Schema.String, amount: Money, expenses: Count })),
  /** Expenses in a currency with no rate to the organisation's (not in the amounts). */
  unconverted: Count,
}).annotate({ identifier: "HomeExpenses" })

export const HomeMileage = Schema.Struct({
  /** First day of this month in the organisation's time zone. */
  from: IsoDate,
  /** Fleet total and average per vehicle that moved this month. */
  totalKm: Schema.Finite,
  averageKm: Schema.Finite,
  leaders: Schema.Array(Schema.Struct({ ...VehicleRef.fields, km: Schema.Finite })),
}).annotate({ identifier: "HomeMileage" })

export const HomeActivity = Schema.Array(
  Schema.Struct({
    id: Schema.String,
    at: IsoDateTime,
    actorEmail: Schema.NullOr(Schema.String),
    action: Schema.String,
    entity: Schema.String,
    entityId: Schema.NullOr(Schema.String),
  }),
).annotate({ identifier: "HomeActivity" })

/** A driver's own view: their vehicles now, their flagged refuels, their unpaid fines. */
export const HomeDriver = Schema.Struct({
  /** The driver record linked to the login; null when the login has none. */
  driverId: Schema.NullOr(Uuid),
  vehicles: Schema.Array(
    Schema.Struct({
      ...VehicleRef.fields,
      assignedSince: IsoDateTime,
      odometerKm: Schema.NullOr(Schema.Finite),
      lastPositionAt: Schema.NullOr(IsoDateTime),
    }),
  ),
  /** Refuels of the caller's vehicles flagged as anomalies and not checked yet. */
  uncheckedAnomalies: Count,
  /** The caller's fines not paid yet. */
  unpaidPenalties: Count,
}).annotate({ identifier: "HomeDriver" })

export const HomeSummary = Schema.Struct({
  generatedAt: IsoDateTime,
  /** Each widget is null when the caller's role lacks the permission its data needs. */
  fleet: Schema.NullOr(HomeFleet),
  attention: Schema.NullOr(HomeAttention),
  /** Refuels flagged as consumption anomalies and not checked yet. */
  fuelAnomalies: Schema.NullOr(Schema.Struct({ unchecked: Count })),
  documents: Schema.NullOr(HomeDocuments),
  contracts: Schema.NullOr(HomeContracts),
  expenses: Schema.NullOr(HomeExpenses),
  mileage: Schema.NullOr(HomeMileage),
  activity: Schema.NullOr(HomeActivity),
  /** Live state, open tickets and tasks, onboarding (seed 001's fleet dashboard); parts need their permission. */
  operations: Schema.NullOr(HomeOperations),
  /** Only for a role confined to assigned vehicles (a driver); the organisation's widgets are then null. */
  driver: Schema.NullOr(HomeDriver),
}).annotate({ identifier: "HomeSummary" })

/** The home page in one round trip: every widget the caller may see, each a bounded query. */
export const home = {
  summary: endpoint({
    id: "home.summary",
    method: "get",
    path: "/api/v1/home",
    tag: "home",
    summary:
      "The home page's widgets: fleet by status, attention, anomalies, expiries, expenses, mileage, activity",
    description:
      "Each widget is present only when the caller's role holds the permission its records need (fleet and mileage: vehicles.read/telemetry.read; attention: vehicles.read, each reason its own; anomalies: fuel.read; documents, contracts, expenses: their read permission; activity: audit.read). A driver gets `driver` (their own vehicles, flagged refuels and unpaid fines) and no organisation widgets.",
    access: "signedIn",
    response: HomeSummary,
  }),
}
