import type { RaisedAlert } from "@fleetcore/proto"
import type { IncidentEvent } from "./IncidentSink.js"
import { isIncidentAlert } from "./IncidentSink.js"

/**
 * Condition alerts the rules derive from a vehicle's points (VehicleRules.ts): a re-run over the
 * same period confirms or withdraws them. Incident alerts (thefts, odometer faults) follow their
 * incident. Other alerts (device offline, maintenance, refuel checks, expiries) do not come from
 * the points and a re-run never touches them.
 */
export const REDERIVED_ALERT_TYPES: ReadonlyArray<string> = [
  "overspeed",
  "low_battery",
  "dtc",
  "geofence_enter",
  "geofence_exit",
]

/** The history note of an alert the system withdrew (status resolved, no person). */
export const WITHDRAWN_NOTE =
  "Withdrawn by the system: not supported by late data (the rules re-ran over points that arrived late and no longer find it)."
/** The history note of an alert someone acted on, which stays although late data no longer support it. */
export const UNSUPPORTED_NOTE =
  "Not supported by late data (the rules re-ran over points that arrived late and no longer find it); kept because someone already acted on it."

/** An alert or incident an earlier run stored from the period a re-run covered. */
export interface StoredOutcome {
  /** The alert (a condition's, or an incident's); null for an incident without one (a fill). */
  readonly alertId: string | null
  readonly incidentId: string | null
  /** The alert's type, or the incident's kind. */
  readonly type: string
  /** The alert's key ("" for an incident). */
  readonly key: string
  /** The alert's opened_at, or the incident's start: with type and key, its identity. */
  readonly atMs: number
  readonly status: "open" | "acknowledged" | "resolved" | null
  /** Nobody acted on it: not acknowledged, assigned or resolved by a person, no history. */
  readonly untouched: boolean
}

export interface ReconcilePlan {
  /** Alerts the corrected data no longer support and nobody acted on: resolved by the system. */
  readonly withdraw: string[]
  /** Alerts the corrected data no longer support that someone acted on: kept, with a note. */
  readonly note: string[]
  /** Incidents that no longer follow from the points (a fill, or one whose alert is withdrawn). */
  readonly deleteIncidents: string[]
}

/**
 * Decides, after a re-run from a checkpoint, what becomes of the alerts and incidents earlier runs
 * stored from the period it covered. An incident is supported when the re-run derives the same one
 * (vehicle, kind, start); an open condition alert when the re-run raises its type and key again
 * (it is bumped, not duplicated); a condition alert the rules already resolved only when the re-run
 * raises the same occurrence (same opening time).
 */
export const planReconcile = (
  stored: ReadonlyArray<StoredOutcome>,
  rederived: {
    readonly alerts: ReadonlyArray<RaisedAlert>
    readonly incidents: ReadonlyArray<IncidentEvent>
  },
): ReconcilePlan => {
  const incidents = new Set(rederived.incidents.map((i) => `${i.kind}|${i.startMs}`))
  const conditions = rederived.alerts.filter((a) => !isIncidentAlert(a))
  const keys = new Set(conditions.map((a) => `${a.type}|${a.key}`))
  const occurrences = new Set(conditions.map((a) => `${a.type}|${a.key}|${a.timeMs}`))
  const plan: ReconcilePlan = { withdraw: [], note: [], deleteIncidents: [] }
  for (const s of stored) {
    const supported =
      s.incidentId !== null
        ? incidents.has(`${s.type}|${s.atMs}`)
        : s.status === "resolved"
          ? occurrences.has(`${s.type}|${s.key}|${s.atMs}`)
          : keys.has(`${s.type}|${s.key}`)
    if (supported) continue
    if (s.alertId === null) {
      if (s.incidentId !== null) plan.deleteIncidents.push(s.incidentId)
    } else if (s.untouched) {
      plan.withdraw.push(s.alertId)
      if (s.incidentId !== null) plan.deleteIncidents.push(s.incidentId)
    } else plan.note.push(s.alertId)
  }
  return plan
}
