import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const Team = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  driverCount: Schema.Int,
  vehicleCount: Schema.Int,
  createdAt: IsoDateTime,
}).annotate({ identifier: "Team" })

/** A team with its members (at most 500 of each; filter the drivers and vehicles lists by team for more). */
export const TeamDetail = Schema.Struct({
  ...Team.fields,
  drivers: Schema.Array(Schema.Struct({ id: Uuid, fullName: Schema.String, status: Schema.String })),
  vehicles: Schema.Array(
    Schema.Struct({ id: Uuid, name: Schema.String, plate: Schema.NullOr(Schema.String) }),
  ),
}).annotate({ identifier: "TeamDetail" })

const Name = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))
const Description = Schema.NullOr(Schema.String.check(Schema.isMaxLength(2000)))
const Ids = Schema.Array(Uuid).check(Schema.isMaxLength(200))

/** Drivers and vehicles to add to or remove from a team. */
export const TeamMembers = Schema.Struct({
  driverIds: Schema.optionalKey(Ids),
  vehicleIds: Schema.optionalKey(Ids),
})

const notFound = { status: 404, code: "FLEET_TEAM_NOT_FOUND" }
const invalidCode = "FLEET_TEAM_INVALID"

/** Teams group drivers and vehicles (seeds 003, 004); a driver or vehicle is in at most one team. */
export const teams = {
  list: endpoint({
    id: "teams.list",
    method: "get",
    path: "/api/v1/teams",
    tag: "teams",
    summary: "The organisation's teams with their member counts",
    description: "`q` searches the name and description.",
    access: "drivers.read",
    query: listQuery(["name", "createdAt"]),
    response: listOf(Team),
  }),
  get: endpoint({
    id: "teams.get",
    method: "get",
    path: "/api/v1/teams/:id",
    tag: "teams",
    summary: "One team with its drivers and vehicles",
    access: "drivers.read",
    params: IdParams,
    response: TeamDetail,
    errors: [notFound],
  }),
  create: endpoint({
    id: "teams.create",
    method: "post",
    path: "/api/v1/teams",
    tag: "teams",
    summary: "Add a team (names are unique in the organisation)",
    access: "drivers.manage",
    body: Schema.Struct({ name: Name, description: Schema.optionalKey(Description) }),
    invalidCode,
    response: TeamDetail,
    status: 201,
    errors: [{ status: 409, code: "FLEET_TEAM_EXISTS" }],
  }),
  update: endpoint({
    id: "teams.update",
    method: "patch",
    path: "/api/v1/teams/:id",
    tag: "teams",
    summary: "Rename a team or change its description",
    access: "drivers.manage",
    params: IdParams,
    body: Schema.Struct({ name: Schema.optionalKey(Name), description: Schema.optionalKey(Description) }),
    invalidCode,
    response: TeamDetail,
    errors: [notFound, { status: 409, code: "FLEET_TEAM_EXISTS" }],
  }),
  delete: endpoint({
    id: "teams.delete",
    method: "delete",
    path: "/api/v1/teams/:id",
    tag: "teams",
    summary: "Delete a team; its drivers and vehicles stay, in no team",
    access: "drivers.manage",
    params: IdParams,
    errors: [notFound],
  }),
  addMembers: endpoint({
    id: "teams.addMembers",
    method: "post",
    path: "/api/v1/teams/:id/members",
    tag: "teams",
    summary: "Move drivers and vehicles into the team (out of any other team)",
    access: "drivers.manage",
    params: IdParams,
    body: TeamMembers,
    invalidCode,
    response: TeamDetail,
    errors: [notFound, { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  removeMembers: endpoint({
    id: "teams.removeMembers",
    method: "post",
    path: "/api/v1/teams/:id/members/remove",
    tag: "teams",
    summary: "Take drivers and vehicles out of the team (ids not in it are ignored)",
    access: "drivers.manage",
    params: IdParams,
    body: TeamMembers,
    invalidCode,
    response: TeamDetail,
    errors: [notFound],
  }),
} as const
