import type { RaisedAlert, TelemetryRecord } from "@fleetcore/proto"
import {
  defaultFuelLevelConfig,
  type FuelLevelEvent,
  type FuelLevelState,
  initialFuelLevelState,
  stepFuelLevel,
} from "./rules/fuel/FuelLevelRule.js"
import { initialMileageState, type MileageState, stepMileage } from "./rules/mileage/MileageRule.js"
import {
  initialOdometerIntegrityState,
  type OdometerIntegrityState,
  stepOdometerIntegrity,
} from "./rules/odometer/OdometerIntegrityRule.js"
import {
  flushTrips,
  initialTripState,
  stepTrips,
  type TripEvent,
  type TripState,
} from "./rules/trips/TripRule.js"

/** Every rule's state for one vehicle: plain data, snapshotted to Postgres as JSON. */
export interface VehicleRulesState {
  readonly version: 1
  readonly mileage: MileageState
  readonly trips: TripState
  readonly odometer: OdometerIntegrityState
  readonly fuel: FuelLevelState
  /** Metres per UTC day ("YYYY-MM-DD"), the running totals written to `daily_mileage`. */
  readonly days: Readonly<Record<string, number>>
  /** Device time of the newest point the state reflects. */
  readonly lastTimeMs: number | null
}

export const initialVehicleRules: VehicleRulesState = {
  version: 1,
  mileage: initialMileageState,
  trips: initialTripState,
  odometer: initialOdometerIntegrityState,
  fuel: initialFuelLevelState,
  days: {},
  lastTimeMs: null,
}

export interface DayTotal {
  readonly day: string
  readonly metres: number
}

/** What the rules need to know about a vehicle besides its telemetry. */
export interface VehicleProfile {
  /** Litres, for the fuel-level sensor; null when the vehicle type does not say. */
  readonly tankCapacityL: number | null
}

export const unknownProfile: VehicleProfile = { tankCapacityL: null }

export interface RulesOutput {
  readonly trips: TripEvent[]
  readonly fuelEvents: FuelLevelEvent[]
  readonly alerts: RaisedAlert[]
  /** Days whose running total changed, with the new totals. */
  readonly days: Map<string, number>
}

export const emptyOutput = (): RulesOutput => ({ trips: [], fuelEvents: [], alerts: [], days: new Map() })

/** Day totals older than this many days before the newest are dropped from the state. */
const KEEP_DAYS = 7
const DAY_MS = 86_400_000

const pruneDays = (days: Record<string, number>, newestMs: number): Record<string, number> => {
  const oldest = new Date(newestMs - KEEP_DAYS * DAY_MS).toISOString().slice(0, 10)
  return Object.fromEntries(Object.entries(days).filter(([day]) => day >= oldest))
}

/**
 * Runs every rule on one point of one vehicle, in order, and adds what they derived to `out`.
 * Pure apart from appending to `out`; points not newer than the state's newest are ignored by
 * each rule (duplicates and late points change nothing).
 */
export const stepVehicleRules = (
  state: VehicleRulesState,
  r: TelemetryRecord,
  out: RulesOutput,
  profile: VehicleProfile = unknownProfile,
): VehicleRulesState => {
  const mileage = stepMileage(state.mileage, r)
  let days = state.days
  if (mileage.events.length > 0) {
    const next: Record<string, number> = { ...days }
    for (const e of mileage.events) {
      next[e.dayUtc] = (next[e.dayUtc] ?? 0) + e.metres
      out.days.set(e.dayUtc, next[e.dayUtc] as number)
    }
    days = pruneDays(next, r.timeMs)
  }
  const trips = stepTrips(state.trips, r)
  out.trips.push(...trips.events)
  const odometer = stepOdometerIntegrity(state.odometer, r)
  for (const a of odometer.events) {
    out.alerts.push({
      orgId: a.orgId,
      vehicleId: a.vehicleId,
      type: a.kind,
      key: "",
      severity: a.kind === "odometer_mismatch" ? "warning" : "critical",
      timeMs: a.timeMs,
      lat: a.lat,
      lon: a.lon,
      details: a.details,
    })
  }
  // Without a tank capacity a level in % cannot become litres: the sensor rule waits for one.
  let fuel = state.fuel ?? initialFuelLevelState
  if (profile.tankCapacityL !== null) {
    const step = stepFuelLevel(fuel, r, { ...defaultFuelLevelConfig, tankCapacityL: profile.tankCapacityL })
    fuel = step.state
    for (const e of step.events) {
      out.fuelEvents.push(e)
      if (e.kind === "fuel_drop") {
        out.alerts.push({
          orgId: r.orgId,
          vehicleId: r.vehicleId,
          type: "fuel_theft",
          key: "",
          severity: "critical",
          timeMs: e.timeMs,
          lat: e.lat,
          lon: e.lon,
          details: { fromL: e.fromL, toL: e.toL, litres: e.litres },
        })
      }
    }
  }
  return {
    version: 1,
    mileage: mileage.state,
    trips: trips.state,
    odometer: odometer.state,
    fuel,
    days,
    lastTimeMs: Math.max(state.lastTimeMs ?? r.timeMs, r.timeMs),
  }
}

/** Closes the open trip of a vehicle that has been silent too long (server clock). */
export const flushVehicleRules = (
  state: VehicleRulesState,
  nowMs: number,
  out: RulesOutput,
): VehicleRulesState => {
  const trips = flushTrips(state.trips, nowMs)
  if (trips.events.length === 0) return state
  out.trips.push(...trips.events)
  return { ...state, trips: trips.state }
}
