import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

const Lat = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -90, maximum: 90 }))
const Lon = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -180, maximum: 180 }))
const Common = {
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  /** Seconds a vehicle must stay on the new side before enter/exit is raised (60 by default). */
  dwellS: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 86_400 }))),
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
  active: Schema.Boolean,
}).annotate({ identifier: "Geofence" })

/** Circles and polygons per organisation; vehicles entering or leaving them raise alerts. */
export const geofences = {
  list: endpoint({
    id: "geofences.list",
    method: "get",
    path: "/api/v1/geofences",
    tag: "geofences",
    summary: "Active geofences",
    description: "`q` searches the name.",
    access: "geofences.read",
    query: listQuery(["name"], { kind: Schema.optionalKey(Schema.Literals(["circle", "polygon"])) }),
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
      Schema.Struct({
        ...Common,
        kind: Schema.Literal("circle"),
        lat: Lat,
        lon: Lon,
        radiusM: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 10, maximum: 100_000 })),
      }),
      Schema.Struct({
        ...Common,
        kind: Schema.Literal("polygon"),
        ring: Schema.Array(Schema.Tuple([Lat, Lon])).check(Schema.isMinLength(3), Schema.isMaxLength(1000)),
      }),
    ]),
    invalidCode: "FLEET_GEOFENCE_INVALID",
    response: Geofence,
    status: 201,
  }),
  delete: endpoint({
    id: "geofences.delete",
    method: "delete",
    path: "/api/v1/geofences/:id",
    tag: "geofences",
    summary: "Deactivate a geofence (it stops raising alerts; its history stays)",
    access: "geofences.manage",
    params: IdParams,
    errors: [{ status: 404, code: "FLEET_GEOFENCE_NOT_FOUND" }],
  }),
} as const
