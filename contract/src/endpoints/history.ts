import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const Trip = Schema.Struct({
  startMs: Schema.Finite,
  endMs: Schema.Finite,
  startLat: Schema.Finite,
  startLon: Schema.Finite,
  endLat: Schema.Finite,
  endLon: Schema.Finite,
  distanceM: Schema.Finite,
  durationS: Schema.Finite,
  idleS: Schema.Finite,
  maxSpeedMps: Schema.Finite,
  avgSpeedMps: Schema.Finite,
  fuelUsedL: Schema.NullOr(Schema.Finite),
  /** Seconds without a GPS fix inside the trip (tunnels, garages), bridged rather than ending it. */
  outageS: Schema.Finite,
  /** Metres counted across those outages (straight line, or the odometer's), included in distanceM. */
  bridgedM: Schema.Finite,
}).annotate({ identifier: "Trip" })

/**
 * A stop: the time a vehicle stood between two trips, at the place the earlier trip ended. `endMs`
 * null: the vehicle has stood there since (the rules hold no open trip now); `durationS` then runs
 * to the time of the answer.
 */
export const Stop = Schema.Struct({
  startMs: Schema.Finite,
  endMs: Schema.NullOr(Schema.Finite),
  lat: Schema.Finite,
  lon: Schema.Finite,
  durationS: Schema.Finite,
}).annotate({ identifier: "Stop" })

const vehicleNotFound = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }

/** Derived history of a vehicle or a driver (ClickHouse), and re-running the rules over it. */
export const history = {
  mileage: endpoint({
    id: "history.mileage",
    method: "get",
    path: "/api/v1/vehicles/:id/mileage",
    tag: "history",
    summary: "A vehicle's distance per day or month, from and to inclusive (the organisation's days)",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({
      from: IsoDate,
      to: IsoDate,
      groupBy: Schema.optionalKey(Schema.Literals(["day", "month"])),
    }),
    response: Schema.Struct({
      vehicleId: Uuid,
      from: IsoDate,
      to: IsoDate,
      groupBy: Schema.Literals(["day", "month"]),
      periods: Schema.Array(
        Schema.Struct({
          period: IsoDate,
          km: Schema.Finite,
          /** Of km, what GPS counted because the odometer was flagged (frozen, tampered, rolled back, jumped). */
          gpsFlaggedKm: Schema.Finite,
        }),
      ),
      totalKm: Schema.Finite,
      averageKmPerDay: Schema.Finite,
      /** Of totalKm, what GPS counted because the odometer was flagged. */
      gpsFlaggedKm: Schema.Finite,
    }),
    errors: [vehicleNotFound],
  }),
  trips: endpoint({
    id: "history.trips",
    method: "get",
    path: "/api/v1/vehicles/:id/trips",
    tag: "history",
    summary: "A vehicle's trips that started between from and to (at most 10,000)",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({ from: IsoDateTime, to: IsoDateTime }),
    response: Schema.Struct({ vehicleId: Uuid, items: Schema.Array(Trip) }),
    errors: [vehicleNotFound],
  }),
  stops: endpoint({
    id: "history.stops",
    method: "get",
    path: "/api/v1/vehicles/:id/stops",
    tag: "history",
    summary: "A vehicle's stops between from and to: the gaps between its trips (at most 10,000)",
    description:
      "A stop starts where and when a trip ended and lasts until the next trip starts. Every stop that " +
      "overlaps the period is listed, oldest first, also one that began before `from` or ends after `to`. " +
      "After the vehicle's last trip, a stop is listed only while the vehicle stands (the rules hold no " +
      "open trip): its `endMs` is null and its duration runs to now. `to` must be after `from`.",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({ from: IsoDateTime, to: IsoDateTime }),
    response: Schema.Struct({ vehicleId: Uuid, items: Schema.Array(Stop) }),
    errors: [vehicleNotFound],
  }),
  replay: endpoint({
    id: "history.replay",
    method: "post",
    path: "/api/v1/vehicles/:id/replay",
    tag: "history",
    summary: "Re-run the rules over a vehicle's stored points for whole days of the organisation (1–93)",
    access: "telemetry.replay",
    params: IdParams,
    body: Schema.Struct({ from: IsoDate, to: IsoDate }),
    invalidCode: "FLEET_REPLAY_INVALID",
    response: Schema.Struct({
      vehicleId: Uuid,
      from: IsoDate,
      to: IsoDate,
      points: Schema.Int,
      trips: Schema.Int,
      days: Schema.Int,
      alerts: Schema.Int,
    }),
    errors: [vehicleNotFound],
  }),
  driverMileage: endpoint({
    id: "history.driverMileage",
    method: "get",
    path: "/api/v1/drivers/:id/mileage",
    tag: "history",
    summary: "A driver's distance per day and vehicle (a driver: only their own)",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({ from: IsoDate, to: IsoDate }),
    response: Schema.Struct({
      driverId: Uuid,
      days: Schema.Array(Schema.Struct({ day: IsoDate, vehicleId: Uuid, km: Schema.Finite })),
      totalKm: Schema.Finite,
    }),
    errors: [{ status: 404, code: "FLEET_DRIVER_NOT_FOUND" }],
  }),
} as const
