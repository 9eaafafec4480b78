import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { CountryCode, Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { PLATE_PATTERN } from "../vehicleIdentity.js"
import { IdParams } from "./common.js"
import { FuelType } from "./vehicleTypes.js"

const NullableNumber = Schema.NullOr(Schema.Finite)

/** One stored point of a track. */
export const TrackPoint = Schema.Struct({
  timeMs: Schema.Finite,
  lat: Schema.Finite,
  lon: Schema.Finite,
  speedMps: NullableNumber,
  headingDeg: NullableNumber,
  ignition: Schema.NullOr(Schema.Boolean),
  odometerM: NullableNumber,
  fuelLevelPct: NullableNumber,
}).annotate({ identifier: "TrackPoint" })

/** A vehicle's latest stored state (the same fields the live feed pushes): a track point and more. */
export const LastPosition = Schema.Struct({
  vehicleId: Uuid,
  ...TrackPoint.fields,
  batteryV: NullableNumber,
}).annotate({ identifier: "LastPosition" })

export const Vehicle = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  plate: Schema.NullOr(Schema.String),
  vin: Schema.NullOr(Schema.String),
  vehicleType: Schema.NullOr(Schema.Struct({ id: Uuid, name: Schema.String })),
  deviceId: Schema.NullOr(Schema.String),
  /** The device's odometer, else the estimate from manual readings and GPS distance, else the latest
   *  manual reading, else the commissioning value; km. */
  odometerKm: NullableNumber,
  last: Schema.NullOr(LastPosition),
}).annotate({ identifier: "Vehicle" })

/** A vehicle's live status on the map: what it is doing now, by its last position. */
export const LIVE_STATUSES = ["moving", "idle", "stopped", "stale", "unknown"] as const
export const LiveStatus = Schema.Literals(LIVE_STATUSES)
export type LiveStatus = (typeof LIVE_STATUSES)[number]

/** Below this speed a vehicle counts as standing: parked GPS jitter stays well under 1 m/s (3.6 km/h). */
export const MOVING_MIN_MPS = 1

/**
 * What a vehicle is doing at `nowMs` by its last position (`timeMs` null: it never reported one);
 * silent for more than `staleAfterMs` (the organisation's `offlineAfterMinutes`) it is stale,
 * whatever it last reported. The live map and the snapshot's `status` filter both decide here.
 */
export const liveStatus = (
  last: {
    readonly timeMs: number | null
    readonly speedMps: number | null
    readonly ignition: boolean | null
  },
  nowMs: number,
  staleAfterMs: number,
): LiveStatus => {
  if (last.timeMs === null) return "unknown"
  if (nowMs - last.timeMs > staleAfterMs) return "stale"
  if ((last.speedMps ?? 0) >= MOVING_MIN_MPS) return "moving"
  return last.ignition === true ? "idle" : "stopped"
}

const Named = Schema.Struct({ id: Uuid, name: Schema.String })

/** `vehicles.liveMap`: the map's vehicles as parallel columns (index i is one vehicle in every column). */
export const LiveMapSnapshot = Schema.Struct({
  /** The server's clock when the snapshot was read (ms since the epoch). */
  atMs: Schema.Finite,
  /** The organisation's `offlineAfterMinutes`: silent this long, a vehicle shows as offline. */
  offlineAfterMinutes: Schema.Int,
  ids: Schema.Array(Uuid),
  names: Schema.Array(Schema.String),
  /** The side list shows and searches plates beside names. */
  plates: Schema.Array(Schema.NullOr(Schema.String)),
  /** null where the vehicle never reported a position (then every position column is null). */
  lon: Schema.Array(NullableNumber),
  lat: Schema.Array(NullableNumber),
  timeMs: Schema.Array(NullableNumber),
  speedMps: Schema.Array(NullableNumber),
  headingDeg: Schema.Array(NullableNumber),
  ignition: Schema.Array(Schema.NullOr(Schema.Boolean)),
  teams: Schema.Array(Named),
  vehicleTypes: Schema.Array(Named),
}).annotate({ identifier: "LiveMapSnapshot" })

export const BODY_TYPES = ["sedan", "suv", "truck", "van", "bus", "minivan", "pickup"] as const
export const TRANSMISSIONS = ["manual", "automatic", "cvt", "robot"] as const
/** A vehicle's life: decommissioned keeps every record (see docs/architecture.md, fleet records). */
export const VEHICLE_STATUSES = ["active", "in_maintenance", "reserved", "rented", "decommissioned"] as const
export const VehicleStatus = Schema.Literals(VEHICLE_STATUSES)

/** A rental is "expiring" this many days before its end (seed 003 step 2.2). */
export const RENTAL_EXPIRING_DAYS = 14

/** The vehicle record (seed 000 §2): the live fields plus the registry, purchase and rental terms. */
export const VehicleRecord = Schema.Struct({
  ...Vehicle.fields,
  /** The country whose rules read the plate (ISO 3166-1 alpha-2), for plate search. */
  plateCountry: Schema.NullOr(Schema.String),
  brand: Schema.NullOr(Schema.String),
  model: Schema.NullOr(Schema.String),
  year: Schema.NullOr(Schema.Int),
  colour: Schema.NullOr(Schema.String),
  bodyType: Schema.NullOr(Schema.Literals(BODY_TYPES)),
  fuelType: Schema.NullOr(FuelType),
  engineVolumeL: NullableNumber,
  transmission: Schema.NullOr(Schema.Literals(TRANSMISSIONS)),
  seats: Schema.NullOr(Schema.Int),
  purchaseDate: Schema.NullOr(IsoDate),
  purchasePrice: Schema.NullOr(Money),
  purchaseCurrency: Schema.NullOr(Currency),
  status: VehicleStatus,
  /** The day of the last status change (a decommissioning's date). */
  statusChangedOn: Schema.NullOr(IsoDate),
  department: Schema.NullOr(Schema.String),
  notes: Schema.NullOr(Schema.String),
  commissionedOn: Schema.NullOr(IsoDate),
  commissionedOdometerKm: NullableNumber,
  rental: Schema.Boolean,
  rentalStartsOn: Schema.NullOr(IsoDate),
  rentalEndsOn: Schema.NullOr(IsoDate),
  rentalMonthlyCost: Schema.NullOr(Money),
  rentalCurrency: Schema.NullOr(Currency),
  lessor: Schema.NullOr(Schema.String),
  /** A rental ending within RENTAL_EXPIRING_DAYS days from the organisation's today, not yet ended. */
  rentalExpiring: Schema.Boolean,
  /** The driver of the assignment covering now. */
  assignedDriver: Schema.NullOr(Schema.Struct({ id: Uuid, name: Schema.String })),
  devices: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      name: Schema.NullOr(Schema.String),
      disabled: Schema.Boolean,
      lastConnectedAt: Schema.NullOr(IsoDateTime),
    }),
  ),
  /** The time of the last stored point. */
  lastSeenAt: Schema.NullOr(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "VehicleRecord" })

const Boolish = Schema.Literals(["true", "false"])

const vehicleNotFound = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }
const referenceNotFound = { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }
const plateExists = {
  status: 409,
  code: "FLEET_VEHICLE_EXISTS",
  description: "the plate is used in the organisation",
}
const vinRegistered = {
  status: 409,
  code: "FLEET_VEHICLE_VIN_REGISTERED",
  description: "the VIN is already registered (in this or another organisation, never said which)",
}

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Plate = Schema.String.check(
  Schema.isMaxLength(40),
  Schema.makeFilter<string>((s) => PLATE_PATTERN.test(s.trim().replace(/\s+/gu, " ")), explained("plate")),
)
/** Upper or lower case; stored upper case. The check digit is checked by the server (vinProblem). */
const Vin = Schema.String.check(Schema.isPattern(/^\s*[A-HJ-NPR-Za-hj-npr-z0-9]{17}\s*$/u, explained("vin")))
const Year = Schema.Int.check(Schema.isBetween({ minimum: 1900, maximum: 2100 }))
const Km = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 }))

/** The fields a vehicle is created with and edited by (status has its own endpoint once created). */
const editable = {
  plate: Schema.optionalKey(Schema.NullOr(Plate)),
  /** ISO 3166-1 alpha-2 ("KZ", "RU", "TR"): the plate is read by that country's rules for search. */
  plateCountry: Schema.optionalKey(Schema.NullOr(CountryCode)),
  vin: Schema.optionalKey(Schema.NullOr(Vin)),
  vehicleTypeId: Schema.optionalKey(Schema.NullOr(Uuid)),
  brand: Schema.optionalKey(Schema.NullOr(Text(100))),
  model: Schema.optionalKey(Schema.NullOr(Text(100))),
  year: Schema.optionalKey(Schema.NullOr(Year)),
  colour: Schema.optionalKey(Schema.NullOr(Text(50))),
  bodyType: Schema.optionalKey(Schema.NullOr(Schema.Literals(BODY_TYPES))),
  fuelType: Schema.optionalKey(Schema.NullOr(FuelType)),
  engineVolumeL: Schema.optionalKey(
    Schema.NullOr(Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0.1, maximum: 99 }))),
  ),
  transmission: Schema.optionalKey(Schema.NullOr(Schema.Literals(TRANSMISSIONS))),
  seats: Schema.optionalKey(Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 200 })))),
  purchaseDate: Schema.optionalKey(Schema.NullOr(IsoDate)),
  purchasePrice: Schema.optionalKey(Schema.NullOr(Money)),
  purchaseCurrency: Schema.optionalKey(Schema.NullOr(Currency)),
  department: Schema.optionalKey(Schema.NullOr(Text(200))),
  notes: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(4000)))),
  /** Where the service book starts when no service is recorded yet. */
  commissionedOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  commissionedOdometerKm: Schema.optionalKey(Schema.NullOr(Km)),
  rental: Schema.optionalKey(Schema.Boolean),
  rentalStartsOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  rentalEndsOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
  rentalMonthlyCost: Schema.optionalKey(Schema.NullOr(Money)),
  rentalCurrency: Schema.optionalKey(Schema.NullOr(Currency)),
  lessor: Schema.optionalKey(Schema.NullOr(Text(200))),
}
const VehicleName = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))

export const vehicles = {
  list: endpoint({
    id: "vehicles.list",
    method: "get",
    path: "/api/v1/vehicles",
    tag: "vehicles",
    summary: "The vehicles with their last position (a driver: the vehicles assigned to them now)",
    description:
      "`q` searches the name, plate, VIN, brand and model. `ids` (comma-separated, at most 200) asks for those vehicles: a page's names for rows that carry only vehicle ids.",
    access: "vehicles.read",
    query: listQuery(["name", "plate", "createdAt", "year", "status", "brand"], {
      ids: Schema.optionalKey(
        Schema.String.check(
          Schema.isPattern(
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,199}$/iu,
          ),
        ),
      ),
      vehicleTypeId: Schema.optionalKey(Uuid),
      hasDevice: Schema.optionalKey(Boolish),
      teamId: Schema.optionalKey(Uuid),
      status: Schema.optionalKey(VehicleStatus),
      fuelType: Schema.optionalKey(FuelType),
      bodyType: Schema.optionalKey(Schema.Literals(BODY_TYPES)),
      department: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
      rental: Schema.optionalKey(Boolish),
    }),
    response: listOf(VehicleRecord),
  }),
  get: endpoint({
    id: "vehicles.get",
    method: "get",
    path: "/api/v1/vehicles/:id",
    tag: "vehicles",
    summary: "One vehicle with its last position",
    access: "vehicles.read",
    params: IdParams,
    response: VehicleRecord,
    errors: [vehicleNotFound],
  }),
  create: endpoint({
    id: "vehicles.create",
    method: "post",
    path: "/api/v1/vehicles",
    tag: "vehicles",
    summary: "Add a vehicle",
    access: "vehicles.manage",
    body: Schema.Struct({
      name: VehicleName,
      ...editable,
      status: Schema.optionalKey(VehicleStatus),
    }),
    response: VehicleRecord,
    status: 201,
    invalidCode: "FLEET_VEHICLE_INVALID",
    errors: [plateExists, vinRegistered, referenceNotFound],
  }),
  update: endpoint({
    id: "vehicles.update",
    method: "patch",
    path: "/api/v1/vehicles/:id",
    tag: "vehicles",
    summary: "Change a vehicle's fields (only those sent; null clears one)",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct({ name: Schema.optionalKey(VehicleName), ...editable }),
    response: VehicleRecord,
    invalidCode: "FLEET_VEHICLE_INVALID",
    errors: [vehicleNotFound, plateExists, vinRegistered, referenceNotFound],
  }),
  setStatus: endpoint({
    id: "vehicles.setStatus",
    method: "post",
    path: "/api/v1/vehicles/:id/status",
    tag: "vehicles",
    summary: "Change a vehicle's status (decommissioning keeps every record, with the date)",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct({
      status: VehicleStatus,
      /** The day it took effect; the organisation's today when absent. */
      on: Schema.optionalKey(IsoDate),
      note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
    }),
    response: VehicleRecord,
    invalidCode: "FLEET_VEHICLE_INVALID",
    errors: [vehicleNotFound],
  }),
  delete: endpoint({
    id: "vehicles.delete",
    method: "delete",
    path: "/api/v1/vehicles/:id",
    tag: "vehicles",
    summary: "Delete a vehicle without history (its devices become unassigned)",
    description:
      "A vehicle with history (positions, fuel, maintenance, readings, documents, expenses, contracts, penalties) is refused: decommission it instead. Admins only: a manager creates and edits vehicles but does not delete them (seed 003).",
    access: "vehicles.delete",
    params: IdParams,
    errors: [
      vehicleNotFound,
      { status: 409, code: "FLEET_VEHICLE_HAS_HISTORY", description: "decommission it instead" },
    ],
  }),
  rentalSummary: endpoint({
    id: "vehicles.rentalSummary",
    method: "get",
    path: "/api/v1/vehicle-rentals/summary",
    tag: "vehicles",
    summary:
      "The organisation's rented vehicles (not decommissioned): count, expiring soon, monthly cost per currency",
    access: "vehicles.read",
    response: Schema.Struct({
      vehicles: Schema.Int,
      expiring: Schema.Int,
      monthlyCost: Schema.Array(Schema.Struct({ currency: Currency, amount: Money })),
    }),
  }),
  track: endpoint({
    id: "vehicles.track",
    method: "get",
    path: "/api/v1/vehicles/:id/track",
    tag: "vehicles",
    summary: "A vehicle's stored points between from and to (at most 31 days, 100,000 points)",
    description:
      "Oldest first. A range holding more than 100,000 points (a day at one fix a second is 86,400) is " +
      "thinned evenly: every `step`-th stored point, the first and the last always kept, each with its " +
      "exact time; `stored` says how many the range holds. Ask for a shorter range for every point.",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({ from: IsoDateTime, to: IsoDateTime }),
    response: Schema.Struct({
      vehicleId: Uuid,
      from: IsoDateTime,
      to: IsoDateTime,
      /** The points were thinned (`step` > 1): ask for a shorter range for every point. */
      truncated: Schema.Boolean,
      /** How many points the range holds. */
      stored: Schema.Int,
      /** Every `step`-th stored point is returned (1: all of them). */
      step: Schema.Int,
      points: Schema.Array(TrackPoint),
    }),
    errors: [vehicleNotFound],
  }),
  live: endpoint({
    id: "vehicles.live",
    method: "get",
    path: "/api/v1/live/vehicles",
    tag: "vehicles",
    summary: "Every vehicle the caller may see with its last position, unpaged: the live map's snapshot",
    description: "The WebSocket `/api/v1/live` then pushes the changes.",
    access: "telemetry.read",
    response: Schema.Struct({
      items: Schema.Array(Vehicle),
      /** The organisation's `offlineAfterMinutes`: silent this long, a vehicle shows as offline. */
      offlineAfterMinutes: Schema.Int,
    }),
  }),
  liveMap: endpoint({
    id: "vehicles.liveMap",
    method: "get",
    path: "/api/v1/live/map",
    tag: "vehicles",
    summary: "The live map's compact snapshot: what the map draws of every vehicle, column by column",
    description:
      "One array per field, index i describing the same vehicle in each (`ids[i]`, `names[i]`, `lon[i]`…); " +
      "coordinates rounded to 1e-5° (about 1 m), speed to 0.1 m/s, heading to 1°. `teamId` and " +
      "`vehicleTypeId` narrow the vehicles; `status` keeps those in that live status now (see `liveStatus`). " +
      "`teams` and `vehicleTypes` name the ones the caller's vehicles belong to, for the filters. " +
      "The WebSocket `/api/v1/live` then pushes the changes.",
    access: "telemetry.read",
    query: Schema.Struct({
      teamId: Schema.optionalKey(Uuid),
      vehicleTypeId: Schema.optionalKey(Uuid),
      status: Schema.optionalKey(LiveStatus),
    }),
    response: LiveMapSnapshot,
  }),
} as const
