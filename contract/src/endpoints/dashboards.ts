import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { DriverStatus } from "./drivers.js"
import { DriverOnboardingStatus, VehicleOnboardingStatus } from "./onboarding.js"
import { LiveStatus, VehicleStatus } from "./vehicles.js"

/** Below this distance in a period the drivers report (and a driver's dashboard) gives no score. */
export const MIN_SCORED_KM = 100

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** Open work items and how many of them are late (a ticket past its SLA, a task past its due time). */
export const OpenWork = Schema.Struct({ open: Count, overdue: Count }).annotate({ identifier: "OpenWork" })

/** Documents attached to the record that expire within 30 days (`expiring`, expired ones included) or have expired. */
export const ExpiringDocuments = Schema.Struct({ expiring: Count, expired: Count }).annotate({
  identifier: "ExpiringDocuments",
})

/**
 * Seed 001's vehicle dashboard: what the vehicle is doing now and what it needs, from FleetCore's own
 * records and telemetry (no camera or other source FleetCore does not have). Each part is null when
 * the caller's role lacks the permission its records need; tickets and tasks are null for a driver.
 */
export const VehicleDashboard = Schema.Struct({
  vehicleId: Uuid,
  generatedAt: IsoDateTime,
  status: VehicleStatus,
  onboardingStatus: VehicleOnboardingStatus,
  /** Now, by its last position and the organisation's offline threshold (the live map's rule). */
  live: Schema.Struct({
    status: LiveStatus,
    at: Schema.NullOr(IsoDateTime),
    speedKmh: Schema.NullOr(Schema.Finite),
    ignition: Schema.NullOr(Schema.Boolean),
    fuelLevelPct: Schema.NullOr(Schema.Finite),
  }),
  odometerKm: Schema.NullOr(Schema.Finite),
  /** The driver whose assignment covers now. */
  driver: Schema.NullOr(Schema.Struct({ id: Uuid, name: Schema.String, since: IsoDateTime })),
  /** Distance of today and of this month (the organisation's days, the engine's daily totals). */
  distance: Schema.NullOr(Schema.Struct({ todayKm: Schema.Finite, monthKm: Schema.Finite })),
  /** This month's refuels. */
  fuel: Schema.NullOr(Schema.Struct({ refuels: Count, litres: Schema.Finite })),
  /** This month's expenses of the vehicle in the organisation's currency (those without a rate left out and counted). */
  costs: Schema.NullOr(
    Schema.Struct({ currency: Currency, amount: Money, expenses: Count, unconverted: Count }),
  ),
  maintenance: Schema.NullOr(
    Schema.Struct({
      overdue: Count,
      /** The next service task not done yet: overdue first, then by due day. */
      next: Schema.NullOr(
        Schema.Struct({
          id: Uuid,
          name: Schema.String,
          status: Schema.String,
          dueDate: Schema.NullOr(IsoDate),
          dueOdometerKm: Schema.NullOr(Schema.Finite),
        }),
      ),
    }),
  ),
  alerts: Schema.NullOr(Schema.Struct({ open: Count, critical: Count })),
  tickets: Schema.NullOr(OpenWork),
  tasks: Schema.NullOr(OpenWork),
  documents: Schema.NullOr(ExpiringDocuments),
}).annotate({ identifier: "VehicleDashboard" })

/**
 * Seed 001's driver dashboard: the driver's vehicle now, this month's driving with the drivers
 * report's score (same formula), and what waits on them. Parts are null without their permission.
 */
export const DriverDashboard = Schema.Struct({
  driverId: Uuid,
  generatedAt: IsoDateTime,
  status: DriverStatus,
  onboardingStatus: DriverOnboardingStatus,
  licenceExpiresOn: Schema.NullOr(IsoDate),
  /** The vehicle of the assignment covering now. */
  vehicle: Schema.NullOr(
    Schema.Struct({ id: Uuid, name: Schema.String, plate: Schema.NullOr(Schema.String), since: IsoDateTime }),
  ),
  /** This month so far, in the organisation's days (as the drivers report). */
  month: Schema.Struct({ from: IsoDate, to: IsoDate }),
  driving: Schema.NullOr(
    Schema.Struct({
      km: Schema.Finite,
      hours: Schema.Finite,
      speeding: Count,
      alerts: Count,
      penalties: Count,
      fuelAnomalies: Count,
      /** 0–100, null under the report's minimum distance. */
      score: Schema.NullOr(Schema.Int),
    }),
  ),
  /** Fines not paid yet (open or disputed), in any month. */
  penalties: Schema.NullOr(Schema.Struct({ unpaid: Count })),
  tickets: Schema.NullOr(OpenWork),
  tasks: Schema.NullOr(OpenWork),
  documents: Schema.NullOr(ExpiringDocuments),
}).annotate({ identifier: "DriverDashboard" })

/** Seed 001's fleet dashboard's operational part (the home page's other widgets are the rest). */
export const HomeOperations = Schema.Struct({
  /** Vehicles (not decommissioned) by what they are doing now; null without telemetry.read. */
  live: Schema.NullOr(
    Schema.Struct({ moving: Count, idle: Count, stopped: Count, stale: Count, unknown: Count }),
  ),
  tickets: Schema.NullOr(OpenWork),
  tasks: Schema.NullOr(OpenWork),
  /** Records still in onboarding (not approved, not rejected); null without the approver's permission. */
  onboarding: Schema.NullOr(Schema.Struct({ vehicles: Count, drivers: Count })),
}).annotate({ identifier: "HomeOperations" })

const DASHBOARD_PARTS =
  "Parts the caller's role may not read are null (distance and live: telemetry.read; fuel: fuel.read; costs: expenses.read; maintenance: maintenance.read; alerts: alerts.read; tickets: tickets.read; tasks: tasks.read; documents: documents.read; a driver's fines: penalties.read)."

export const dashboards = {
  vehicle: endpoint({
    id: "dashboards.vehicle",
    method: "get",
    path: "/api/v1/vehicles/:id/dashboard",
    tag: "dashboards",
    summary:
      "A vehicle's dashboard: live status, driver, distance, fuel, costs, service, alerts, tickets, tasks",
    description: DASHBOARD_PARTS,
    access: "vehicles.read",
    params: IdParams,
    response: VehicleDashboard,
    errors: [{ status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }],
  }),
  driver: endpoint({
    id: "dashboards.driver",
    method: "get",
    path: "/api/v1/drivers/:id/dashboard",
    tag: "dashboards",
    summary: "A driver's dashboard: vehicle now, this month's driving and score, fines, tickets, tasks",
    description: DASHBOARD_PARTS,
    access: "drivers.read",
    params: IdParams,
    response: DriverDashboard,
    errors: [{ status: 404, code: "FLEET_DRIVER_NOT_FOUND" }],
  }),
}
