import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const Assignment = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  driverId: Uuid,
  startsAt: IsoDateTime,
  /** null: open-ended. */
  endsAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "Assignment" })

/** Who drives which vehicle when. */
export const assignments = {
  create: endpoint({
    id: "assignments.create",
    method: "post",
    path: "/api/v1/vehicles/:id/assignments",
    tag: "assignments",
    summary: "Assign a driver to the vehicle for a period (no overlap with another driver's)",
    access: "assignments.manage",
    params: IdParams,
    body: Schema.Struct({
      driverId: Uuid,
      startsAt: IsoDateTime,
      endsAt: Schema.optionalKey(Schema.NullOr(IsoDateTime)),
    }),
    invalidCode: "FLEET_ASSIGNMENT_INVALID",
    response: Assignment,
    status: 201,
    errors: [
      { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" },
      { status: 409, code: "FLEET_ASSIGNMENT_OVERLAPS" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  list: endpoint({
    id: "assignments.list",
    method: "get",
    path: "/api/v1/vehicles/:id/assignments",
    tag: "assignments",
    summary: "A vehicle's assignments, latest first",
    access: "assignments.read",
    params: IdParams,
    query: listQuery(["startsAt"], { driverId: Schema.optionalKey(Uuid) }),
    response: listOf(Assignment),
    errors: [{ status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }],
  }),
} as const
