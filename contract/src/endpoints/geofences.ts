import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

const Lat = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -90, maximum: 90 }))
const Lon = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -180, maximum: 180 }))
const RadiusM = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 10, maximum: 100_000 }))
const Ring = Schema.Array(Schema.Tuple([Lat, Lon])).check(Schema.isMinLength(3), Schema.isMaxLength(1000))
const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const DwellS = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 86_400 }))

export const GeofenceWeekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
/** Which confirmed crossings raise an alert. */
export const GeofenceAlertOn = Schema.Literals(["enter", "exit", "both"])
/** "HH:MM", 24-hour clock. */
const ClockTime = Schema.String.check(
  Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u, explained("timeOfDay", { example: "08:00" })),
)

/**
 * When a fence is watched, in the organisation's time zone: the days a window starts on and the
 * window [from, to). A window with `to` at or before `from` runs past midnight into the next day
 * (22:00–06:00; 00:00–00:00 is the whole day). Null everywhere else means "always".
 */
export const GeofenceSchedule = Schema.Struct({
  days: Schema.Array(Schema.Literals(GeofenceWeekdays)).check(Schema.isMinLength(1), Schema.isMaxLength(7)),
  from: ClockTime,
  to: ClockTime,
}).annotate({ identifier: "GeofenceSchedule" })

const Common = {
  name: Name,
  /** Seconds a vehicle must stay on the new side before enter/exit is raised (60 by default). */
  dwellS: Schema.optionalKey(DwellS),
  /** Both by default. */
  alertOn: Schema.optionalKey(GeofenceAlertOn),
  /** Null or absent: always watched. */
  schedule: Schema.optionalKey(Schema.NullOr(GeofenceSchedule)),
  /** True by default; an inactive fence raises nothing. */
  active: Schema.optionalKey(Schema.Boolean),
}

export const Geofence = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  kind: Schema.Literals(["circle", "polygon"]),
  /** Circle: centre and radius in metres; null for a polygon. */
  lat: Schema.NullOr(Schema.Finite),
  lon: Schema.NullOr(Schema.Finite),
  radiusM: Schema.NullOr(Schema.Finite),
  /** Polygon: [lat, lon] vertices; null for a circle. */
  ring: Schema.NullOr(Schema.Array(Schema.Tuple([Schema.Finite, Schema.Finite]))),
  dwellS: Schema.Int,
  alertOn: GeofenceAlertOn,
  schedule: Schema.NullOr(GeofenceSchedule),
  active: Schema.Boolean,
}).annotate({ identifier: "Geofence" })

const notFound = { status: 404, code: "FLEET_GEOFENCE_NOT_FOUND" } as const

/** Circles and polygons per organisation; vehicles entering or leaving them raise alerts. */
export const geofences = {
  list: endpoint({
    id: "geofences.list",
    method: "get",
    path: "/api/v1/geofences",
    tag: "geofences",
    summary: "Geofences, active and paused",
    description: "`q` searches the name; `active` keeps only the watched (true) or paused (false) ones.",
    access: "geofences.read",
    query: listQuery(["name"], {
      kind: Schema.optionalKey(Schema.Literals(["circle", "polygon"])),
      active: Schema.optionalKey(Schema.Literals(["true", "false"])),
    }),
    response: listOf(Geofence),
  }),
  create: endpoint({
    id: "geofences.create",
    method: "post",
    path: "/api/v1/geofences",
    tag: "geofences",
    summary: "Add a circle or a polygon",
    access: "geofences.manage",
    body: Schema.Union([
      Schema.Struct({ ...Common, kind: Schema.Literal("circle"), lat: Lat, lon: Lon, radiusM: RadiusM }),
      Schema.Struct({ ...Common, kind: Schema.Literal("polygon"), ring: Ring }),
    ]),
    invalidCode: "FLEET_GEOFENCE_INVALID",
    response: Geofence,
    status: 201,
  }),
  update: endpoint({
    id: "geofences.update",
    method: "patch",
    path: "/api/v1/geofences/:id",
    tag: "geofences",
    summary: "Move, reshape or rename a geofence, or change its dwell, schedule, alerts or activity",
    description:
      "A circle takes `lat`, `lon`, `radiusM`; a polygon takes `ring`; the kind itself does not change.",
    access: "geofences.manage",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(Name),
      dwellS: Schema.optionalKey(DwellS),
      alertOn: Schema.optionalKey(GeofenceAlertOn),
      schedule: Schema.optionalKey(Schema.NullOr(GeofenceSchedule)),
      active: Schema.optionalKey(Schema.Boolean),
      lat: Schema.optionalKey(Lat),
      lon: Schema.optionalKey(Lon),
      radiusM: Schema.optionalKey(RadiusM),
      ring: Schema.optionalKey(Ring),
    }),
    invalidCode: "FLEET_GEOFENCE_INVALID",
    response: Geofence,
    errors: [notFound],
  }),
  delete: endpoint({
    id: "geofences.delete",
    method: "delete",
    path: "/api/v1/geofences/:id",
    tag: "geofences",
    summary: "Delete a geofence (it stops raising alerts; the alerts it raised stay)",
    access: "geofences.manage",
    params: IdParams,
    errors: [notFound],
  }),
} as const
