import type { OrgId, VehicleId } from "./Ids.js"

export type AlertSeverity = "info" | "warning" | "critical"
export type AlertStatus = "open" | "acknowledged" | "resolved"

/** What a rule raises: one occurrence of a condition on a vehicle. */
export interface RaisedAlert {
  readonly orgId: OrgId
  readonly vehicleId: VehicleId
  /** The driver assigned to the vehicle at `timeMs`, when known. */
  readonly driverId?: string | null
  /** e.g. "odometer_rollback", "overspeed", "geofence_enter", "fuel_drop" */
  readonly type: string
  /** Distinguishes alerts of one type on one vehicle (geofence id, DTC code); "" when none. */
  readonly key: string
  readonly severity: AlertSeverity
  readonly timeMs: number
  readonly lat: number | null
  readonly lon: number | null
  readonly details: Readonly<Record<string, unknown>>
}

/** An alert as the API and the live WebSocket show it. */
export interface AlertView {
  readonly id: string
  readonly vehicleId: string | null
  readonly driverId: string | null
  readonly type: string
  readonly key: string
  readonly severity: AlertSeverity
  readonly status: AlertStatus
  readonly openedAt: string
  readonly lastSeenAt: string
  readonly occurrences: number
  readonly lat: number | null
  readonly lon: number | null
  readonly details: Readonly<Record<string, unknown>>
  readonly acknowledgedAt: string | null
  readonly acknowledgedBy: string | null
  readonly resolvedAt: string | null
  readonly resolvedBy: string | null
  readonly resolutionNote: string | null
}
