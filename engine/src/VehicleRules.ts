import type { RaisedAlert, TelemetryRecord } from "@fleetcore/proto"
import type { Types } from "effect"
import { type DayTotals, LEGACY_DAY_ZONE, moveToDay, pruneDays } from "./dayTotals.js"
import { estimateOdometer } from "./odometerEstimate.js"
import { type ConditionState, initialCondition, stepCondition } from "./rules/alerts/ConditionRule.js"
import { deviceAlarmOfPoint, deviceAlarmSeverity } from "./rules/alerts/DeviceAlarmRule.js"
import { type DtcState, initialDtcState, stepDtc } from "./rules/alerts/DtcRule.js"
import {
  type Geofence,
  type GeofenceState,
  initialGeofenceState,
  stepGeofences,
} from "./rules/alerts/GeofenceRule.js"
import {
  defaultFuelLevelConfig,
  type FuelEvent,
  type FuelLevelConfig,
  type FuelLevelState,
  initialFuelLevelState,
  stepFuelLevel,
} from "./rules/fuel/FuelLevelRule.js"
import { localDayKey } from "./rules/localDay.js"
import {
  defaultMileageConfig,
  initialMileageState,
  type MileageConfig,
  type MileageState,
  stepMileage,
} from "./rules/mileage/MileageRule.js"
import {
  defaultOdometerIntegrityConfig,
  initialOdometerIntegrityState,
  type OdometerIntegrityConfig,
  type OdometerIntegrityState,
  stepOdometerIntegrity,
} from "./rules/odometer/OdometerIntegrityRule.js"
import {
  defaultTripConfig,
  flushTrips,
  initialTripState,
  stepTrips,
  type TripConfig,
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
  readonly overspeed: ConditionState
  readonly battery: ConditionState
  readonly dtc: DtcState
  readonly geofences: GeofenceState
  /**
   * Metres per day ("YYYY-MM-DD") in `dayZone`, the running totals written to `daily_mileage`
   * (dayTotals.ts).
   */
  readonly days: DayTotals
  /**
   * Of `days`, the metres counted from GPS because the odometer was flagged (frozen, tampered,
   * rolled back or jumped: mileage source `gps_odometer_flagged`), written beside them.
   */
  readonly flaggedDays?: DayTotals
  /** Metres per "day|driverId", the running totals written to `daily_mileage_driver`. */
  readonly driverDays?: DayTotals
  /**
   * The time zone (IANA) of the days above: the organisation's, set at the first distance counted
   * under it (moveToDay, dayTotals.ts). Absent: UTC (snapshots from before local days, and states
   * of vehicles whose profile says UTC).
   */
  readonly dayZone?: string
  /** Device time of the newest point the state reflects. */
  readonly lastTimeMs: number | null
  /**
   * The vehicle's current odometer, metres: the device's reading plus `odometerOffsetM` when it
   * reports one, else the latest manual reading (or commissioning odometer) plus the distance
   * mileage counted since.
   */
  readonly estimatedOdometerM?: number | null
  /** Device time (or reading time) the estimate was last set from a reported value. */
  readonly estimatedBaseMs?: number | null
  /**
   * What the device's odometer is behind the vehicle's, metres (absent: 0). Set where a reading is
   * off the previous one's scale (a rollback, a jump, the step back from one: MileageStep.rebased),
   * so the vehicle's odometer goes on from where it was by the distance mileage counted, and a
   * wound-back odometer neither shows nor postpones a service; and by a manual reading taken with
   * the tracker's figure (VehicleProfile.manualReading).
   */
  readonly odometerOffsetM?: number
  /** When `odometerOffsetM` was last set: a reading's time, or the device time of a rebase. */
  readonly odometerOffsetAtMs?: number
}

export const initialVehicleRules: VehicleRulesState = {
  version: 1,
  mileage: initialMileageState,
  trips: initialTripState,
  odometer: initialOdometerIntegrityState,
  fuel: initialFuelLevelState,
  overspeed: initialCondition,
  battery: initialCondition,
  dtc: initialDtcState,
  geofences: initialGeofenceState,
  days: {},
  driverDays: {},
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
  /** Vehicle type's limit, else the organisation's; null: no overspeed alerts. */
  readonly speedLimitKmh: number | null
  /** How long above the limit before an overspeed alert. */
  readonly overspeedMinS: number
  /** Battery voltage below which, for `lowBatteryMinS`, a low-battery alert opens. */
  readonly lowBatteryV: number
  readonly lowBatteryMinS: number
  /** The organisation's active geofences. */
  readonly geofences: ReadonlyArray<Geofence>
  readonly mileage: MileageConfig
  readonly trips: TripConfig
  readonly odometer: OdometerIntegrityConfig
  /**
   * The latest manual odometer reading, and the odometer at commissioning (metres). With the
   * tracker's own odometer when the reading was taken (`deviceOdometerM`, null when the reading is
   * older than the tracker's last point), the reading sets the vehicle's odometer against the
   * tracker's: a tracker counting from its installation shows the vehicle's true figure.
   */
  readonly manualReading: {
    readonly valueM: number
    readonly atMs: number
    readonly deviceOdometerM?: number | null
  } | null
  readonly commissionedOdometerM: number | null
  /**
   * The organisation's time zone (IANA, settings.timezone): distance is summed per local day of it.
   * One this runtime knows (timeZoneOf, rules/localDay.ts, checks it).
   */
  readonly timeZone: string
  /** Who drove the vehicle when (ms; toMs null = still assigned). */
  readonly assignments: ReadonlyArray<{
    readonly driverId: string
    readonly fromMs: number
    readonly toMs: number | null
  }>
}

/** The driver assigned to the vehicle at `timeMs`, if any. */
export const driverAt = (profile: VehicleProfile, timeMs: number): string | null =>
  profile.assignments.find((a) => a.fromMs <= timeMs && (a.toMs === null || timeMs < a.toMs))?.driverId ??
  null

export const unknownProfile: VehicleProfile = {
  tankCapacityL: null,
  speedLimitKmh: null,
  overspeedMinS: 30,
  lowBatteryV: 11.8,
  lowBatteryMinS: 300,
  geofences: [],
  mileage: defaultMileageConfig,
  trips: defaultTripConfig,
  odometer: defaultOdometerIntegrityConfig,
  manualReading: null,
  commissionedOdometerM: null,
  timeZone: LEGACY_DAY_ZONE,
  assignments: [],
}

/**
 * Rule thresholds from an organisation's settings (absent: defaults): maxSpeedKmh (implausible
 * speed for GPS and odometer), maxKmPerDay, odometerMismatchPct, minTripDurationS, minStopDurationS.
 */
export const ruleConfigs = (
  settings: Readonly<Record<string, unknown>>,
): Pick<VehicleProfile, "mileage" | "trips" | "odometer"> => {
  const n = (key: string, fallback: number) => {
    const v = settings[key]
    return typeof v === "number" && Number.isFinite(v) ? v : fallback
  }
  const limits = {
    maxSpeedKmh: n("maxSpeedKmh", defaultMileageConfig.maxSpeedKmh),
    maxKmPerDay: n("maxKmPerDay", defaultMileageConfig.maxKmPerDay),
  }
  const mismatchPct = n("odometerMismatchPct", defaultOdometerIntegrityConfig.mismatchPct)
  const mileage: MileageConfig = { ...defaultMileageConfig, ...limits, mismatchPct }
  return {
    mileage,
    trips: {
      ...defaultTripConfig,
      minTripDurationS: n("minTripDurationS", defaultTripConfig.minTripDurationS),
      minStopDurationS: n("minStopDurationS", defaultTripConfig.minStopDurationS),
      mileage,
    },
    odometer: {
      ...defaultOdometerIntegrityConfig,
      ...limits,
      mismatchPct,
    },
  }
}

/** An open alert whose condition ended: it is resolved by the system. */
export interface ClearedAlert {
  readonly vehicleId: string
  readonly type: string
  readonly key: string
  readonly timeMs: number
}

export interface RulesOutput {
  readonly trips: TripEvent[]
  readonly fuelEvents: FuelEvent[]
  readonly alerts: RaisedAlert[]
  readonly cleared: ClearedAlert[]
  /** Days whose running total changed, with the new totals. */
  readonly days: Map<string, number>
  /** "day|driverId" whose running total changed, with the new totals. */
  readonly driverDays: Map<string, number>
}

export const emptyOutput = (): RulesOutput => ({
  trips: [],
  fuelEvents: [],
  alerts: [],
  cleared: [],
  days: new Map(),
  driverDays: new Map(),
})

const higher = (a: number, b: number) => a > b
const lower = (a: number, b: number) => a < b
/** Hysteresis: a low battery clears only above the threshold plus this much. */
const BATTERY_RECOVERY_V = 0.4

/** The fuel rule's configuration per tank capacity, made once per capacity rather than per point. */
const fuelConfigs = new Map<number, FuelLevelConfig>()
const fuelConfig = (tankCapacityL: number): FuelLevelConfig => {
  let config = fuelConfigs.get(tankCapacityL)
  if (config === undefined) {
    config = { ...defaultFuelLevelConfig, tankCapacityL }
    if (fuelConfigs.size < 1024) fuelConfigs.set(tankCapacityL, config)
  }
  return config
}

const hasKeys = (record: Readonly<Record<string, unknown>>): boolean => {
  for (const _ in record) return true
  return false
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
  const mileage = stepMileage(state.mileage, r, profile.mileage)
  let days = state.days
  let driverDays = state.driverDays ?? {}
  let flaggedDays = state.flaggedDays ?? {}
  let dayZone = state.dayZone ?? LEGACY_DAY_ZONE
  if (mileage.events.length > 0) {
    const zone = profile.timeZone
    if (dayZone !== zone) {
      // The first distance under another zone (an upgraded snapshot's UTC days, or the
      // organisation changed its zone): the running totals move onto the new zone's days.
      const day = localDayKey(zone, r.timeMs)
      days = moveToDay(days, day, out.days)
      flaggedDays = moveToDay(flaggedDays, day, new Map())
      driverDays = moveToDay(driverDays, day, out.driverDays)
      dayZone = zone
    }
    const next: Record<string, number> = { ...days }
    // Copied only when they change (a flagged odometer, an assigned driver).
    let nextFlagged: Record<string, number> | null = null
    let nextDriver: Record<string, number> | null = null
    let newDay = false
    for (const e of mileage.events) {
      const day = localDayKey(zone, e.timeMs)
      if (!(day in days)) newDay = true
      next[day] = (next[day] ?? 0) + e.metres
      out.days.set(day, next[day] as number)
      if (e.source === "gps_odometer_flagged") {
        nextFlagged ??= { ...flaggedDays }
        nextFlagged[day] = (nextFlagged[day] ?? 0) + e.metres
      }
      const driver = driverAt(profile, e.timeMs)
      if (driver !== null) {
        nextDriver ??= { ...driverDays }
        const key = `${day}|${driver}`
        nextDriver[key] = (nextDriver[key] ?? 0) + e.metres
        out.driverDays.set(key, nextDriver[key] as number)
      }
    }
    days = next
    driverDays = nextDriver ?? driverDays
    flaggedDays = nextFlagged ?? flaggedDays
    // Pruning only matters when a day starts: skip it (and its allocations) otherwise.
    if (newDay) {
      days = pruneDays(days, r.timeMs)
      driverDays = pruneDays(driverDays, r.timeMs)
      flaggedDays = pruneDays(flaggedDays, r.timeMs)
    }
  }
  // The trip rule keeps its own mileage state, stepped by the same function with the same record:
  // while both states are one object (and the configuration too), its step is this one.
  const sharedMileage = state.trips.mileage === state.mileage && profile.trips.mileage === profile.mileage
  const trips = stepTrips(state.trips, r, profile.trips, sharedMileage ? mileage : undefined)
  out.trips.push(...trips.events)
  const odometer = stepOdometerIntegrity(state.odometer, r, profile.odometer)
  for (const a of odometer.events) {
    out.alerts.push({
      orgId: a.orgId,
      vehicleId: a.vehicleId,
      type: a.kind,
      key: "",
      severity: a.kind === "odometer_mismatch" || a.kind === "odometer_frozen" ? "warning" : "critical",
      timeMs: a.timeMs,
      lat: a.lat,
      lon: a.lon,
      details: a.details,
    })
  }
  // Without a tank capacity a level in % cannot become litres: the sensor rule waits for one.
  let fuel = state.fuel ?? initialFuelLevelState
  if (profile.tankCapacityL !== null) {
    const step = stepFuelLevel(fuel, r, fuelConfig(profile.tankCapacityL))
    fuel = step.state
    for (const e of step.events) {
      const driverId = driverAt(profile, e.startMs)
      out.fuelEvents.push({ ...e, driverId })
      if (e.kind === "fuel_drop") {
        out.alerts.push({
          orgId: r.orgId,
          vehicleId: r.vehicleId,
          driverId,
          type: "fuel_theft",
          key: "",
          severity: "critical",
          timeMs: e.timeMs,
          lat: e.lat,
          lon: e.lon,
          details: { fromL: e.fromL, toL: e.toL, litres: e.litres, startMs: e.startMs, endMs: e.endMs },
        })
      }
    }
  }
  const raise = (
    type: string,
    key: string,
    severity: RaisedAlert["severity"],
    details: Record<string, unknown>,
  ) =>
    out.alerts.push({
      orgId: r.orgId,
      vehicleId: r.vehicleId,
      driverId: driverAt(profile, r.timeMs),
      type,
      key,
      severity,
      timeMs: r.timeMs,
      lat: r.lat,
      lon: r.lon,
      details,
    })
  const clear = (type: string, key: string) =>
    out.cleared.push({ vehicleId: r.vehicleId, type, key, timeMs: r.timeMs })

  const limit = profile.speedLimitKmh
  const kmh = r.speedMps === undefined ? null : r.speedMps * 3.6
  const over = stepCondition(
    state.overspeed ?? initialCondition,
    r.timeMs,
    limit === null || kmh === null ? null : kmh > limit,
    kmh ?? 0,
    higher,
    profile.overspeedMinS,
    10,
  )
  if (over.event?.kind === "raise") {
    raise("overspeed", "", "warning", {
      limitKmh: limit,
      maxKmh: Math.round(over.event.worst),
      sinceMs: over.event.sinceMs,
    })
  } else if (over.event?.kind === "clear") clear("overspeed", "")

  const volts = r.batteryV
  const lowNow =
    volts === undefined
      ? null
      : (state.battery ?? initialCondition).active
        ? volts < profile.lowBatteryV + BATTERY_RECOVERY_V
        : volts < profile.lowBatteryV
  const battery = stepCondition(
    state.battery ?? initialCondition,
    r.timeMs,
    lowNow,
    volts ?? 0,
    lower,
    profile.lowBatteryMinS,
    profile.lowBatteryMinS,
  )
  if (battery.event?.kind === "raise")
    raise("low_battery", "", "warning", { minV: battery.event.worst, thresholdV: profile.lowBatteryV })
  else if (battery.event?.kind === "clear") clear("low_battery", "")

  const dtc = stepDtc(state.dtc ?? initialDtcState, r.timeMs, r.dtc)
  for (const code of dtc.raised) raise("dtc", code, "warning", { code })
  for (const code of dtc.cleared) clear("dtc", code)

  const alarm = state.lastTimeMs !== null && r.timeMs <= state.lastTimeMs ? null : deviceAlarmOfPoint(r.attrs)
  if (alarm !== null) raise("device_alarm", alarm, deviceAlarmSeverity(alarm), { alarm })

  const fences = stepGeofences(state.geofences ?? initialGeofenceState, r, profile.geofences)
  for (const e of fences.events) raise(e.kind, e.fenceId, "info", { geofenceId: e.fenceId })

  // Built field by field in the order the state always had (its JSON snapshot reads the same).
  const next = {
    version: 1,
    mileage: mileage.state,
    trips: trips.state,
    odometer: odometer.state,
    fuel,
    driverDays,
    overspeed: over.state,
    battery: battery.state,
    dtc: dtc.state,
    geofences: fences.state,
    days,
  } as Types.Mutable<VehicleRulesState>
  if (hasKeys(flaggedDays)) next.flaggedDays = flaggedDays
  if (dayZone !== LEGACY_DAY_ZONE) next.dayZone = dayZone
  const estimate = estimateOdometer(state, r, mileage, profile)
  next.estimatedOdometerM = estimate.estimatedOdometerM
  next.estimatedBaseMs = estimate.estimatedBaseMs
  if (estimate.odometerOffsetM !== 0) next.odometerOffsetM = estimate.odometerOffsetM
  if (estimate.odometerOffsetAtMs !== null) next.odometerOffsetAtMs = estimate.odometerOffsetAtMs
  next.lastTimeMs = Math.max(state.lastTimeMs ?? r.timeMs, r.timeMs)
  return next
}

/**
 * The state with the trip rule's mileage state and the vehicle's as one object when they are equal,
 * so each point steps mileage once (see stepVehicleRules). For states read back from JSON (a
 * snapshot, a checkpoint): equal states step alike, so sharing them changes no outcome.
 */
export const withSharedMileage = (state: VehicleRulesState): VehicleRulesState =>
  state.trips.mileage !== state.mileage &&
  JSON.stringify(state.trips.mileage) === JSON.stringify(state.mileage)
    ? { ...state, trips: { ...state.trips, mileage: state.mileage } }
    : state

/** Closes the open trip of a vehicle that has been silent too long (server clock). */
export const flushVehicleRules = (
  state: VehicleRulesState,
  nowMs: number,
  out: RulesOutput,
  profile: VehicleProfile = unknownProfile,
): VehicleRulesState => {
  const trips = flushTrips(state.trips, nowMs, profile.trips)
  if (trips.events.length === 0) return state
  out.trips.push(...trips.events)
  return { ...state, trips: trips.state }
}
