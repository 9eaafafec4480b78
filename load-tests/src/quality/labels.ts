import type { TelemetryRecord } from "@fleetcore/proto"
import type { Category } from "./categories.js"

/** What was injected into a trace, the ground truth the scorer matches the rules' outputs against. */
export type TruthKind =
  | "theft_parked_drain"
  | "theft_slow_siphon"
  | "theft_idle_drain"
  | "theft_after_fill"
  | "fill"
  | "odometer_rollback"
  | "odometer_tamper"
  | "odometer_frozen"
  | "odometer_jump"

export const isTheft = (kind: TruthKind): boolean => kind.startsWith("theft_")
export const isOdometerFault = (kind: TruthKind): boolean => kind.startsWith("odometer_")

export interface TruthEvent {
  readonly kind: TruthKind
  /** True (UTC) time the incident began and ended, ms. A rollback or jump starts and ends at once. */
  readonly startMs: number
  readonly endMs: number
  /** Litres moved (fuel events): positive for fills and drains alike. */
  readonly litres?: number
  /** Odometer faults: true distance driven (m, since the trace began) when the fault began. */
  readonly startDistanceM?: number
  /** Odometer faults: true time the vehicle had driven 10 km since the fault began (or the trace ended). */
  readonly within10KmMs?: number
  /** Odometer faults: true time 50 km after the fault ENDED (alerts until then are not false alarms). */
  readonly relatedUntilMs?: number
  /** Tampering: how much slower than the truth the odometer ran, percent. */
  readonly percent?: number
}

/** A trip as driven: from the first movement to the stop that ended it. */
export interface TruthTrip {
  readonly startMs: number
  readonly endMs: number
  readonly distanceM: number
}

export interface VehicleDayTruth {
  readonly day: string
  readonly distanceM: number
  readonly trips: number
  readonly tripDistanceM: number
}

/** How the vehicle's tracker is fitted and reports. */
export interface TrackerSpec {
  readonly reportsOdometer: boolean
  readonly tankCapacityL: number
  /** Reporting interval while the ignition is on, s (1 = 1 Hz). */
  readonly drivingIntervalS: number
  /** Reporting interval while parked (ignition off), s. */
  readonly parkedIntervalS: number
  readonly route: "urban" | "highway"
}

/** One vehicle's labelled trace: the records in DELIVERY order (receivedAtMs ascending) and the truth. */
export interface LabelledTrace {
  readonly vehicleId: string
  readonly category: Category
  readonly tracker: TrackerSpec
  readonly records: ReadonlyArray<TelemetryRecord>
  readonly days: ReadonlyArray<VehicleDayTruth>
  readonly trips: ReadonlyArray<TruthTrip>
  readonly events: ReadonlyArray<TruthEvent>
}
