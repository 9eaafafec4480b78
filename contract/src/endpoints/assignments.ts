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

/** An assignment with the names a page shows beside it. */
export const AssignmentWithNames = Schema.Struct({
  ...Assignment.fields,
  driverName: Schema.String,
  vehicleName: Schema.String,
  vehiclePlate: Schema.NullOr(Schema.String),
}).annotate({ identifier: "AssignmentWithNames" })

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
      {
        status: 409,
        code: "FLEET_VEHICLE_NOT_APPROVED",
        description: "the vehicle has not passed onboarding",
      },
      { status: 409, code: "FLEET_DRIVER_NOT_APPROVED", description: "the driver has not passed onboarding" },
      { status: 409, code: "FLEET_VEHICLE_DECOMMISSIONED", description: "the vehicle is decommissioned" },
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
    response: listOf(AssignmentWithNames),
    errors: [{ status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }],
  }),
  end: endpoint({
    id: "assignments.end",
    method: "post",
    path: "/api/v1/assignments/:id/end",
    tag: "assignments",
    summary: "End an assignment early (at `endsAt`, now when absent)",
    description:
      "`endsAt` must be after the assignment's start, not after its planned end, and not in the future.",
    access: "assignments.manage",
    params: IdParams,
    body: Schema.Struct({ endsAt: Schema.optionalKey(IsoDateTime) }),
    invalidCode: "FLEET_ASSIGNMENT_INVALID",
    response: Assignment,
    errors: [
      { status: 404, code: "FLEET_ASSIGNMENT_NOT_FOUND" },
      { status: 409, code: "FLEET_ASSIGNMENT_ENDED" },
    ],
  }),
  byDriver: endpoint({
    id: "assignments.byDriver",
    method: "get",
    path: "/api/v1/drivers/:id/assignments",
    tag: "assignments",
    summary: "A driver's assignment history with the vehicles, latest first (a driver: their own)",
    description: "`q` searches the vehicle's name and plate.",
    access: "assignments.read",
    params: IdParams,
    query: listQuery(["startsAt"]),
    response: listOf(AssignmentWithNames),
    errors: [{ status: 404, code: "FLEET_DRIVER_NOT_FOUND" }],
  }),
  current: endpoint({
    id: "assignments.current",
    method: "get",
    path: "/api/v1/vehicles/:id/driver",
    tag: "assignments",
    summary: "The vehicle's assignment covering now, with its driver (null: nobody drives it now)",
    access: "assignments.read",
    params: IdParams,
    response: Schema.Struct({ assignment: Schema.NullOr(AssignmentWithNames) }),
    errors: [{ status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }],
  }),
} as const
