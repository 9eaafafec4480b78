import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"

/** What a tracker calls itself (IMEI, serial…): 3–64 letters, digits, '.', '_' or '-'. */
export const DeviceIdText = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9._-]{3,64}$/u, {
    message: "a device id is 3 to 64 letters, digits, '.', '_' or '-'",
  }),
)

export const Device = Schema.Struct({
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  disabled: Schema.Boolean,
  createdAt: IsoDateTime,
  lastConnectedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "Device" })

const notFound = { status: 404, code: "FLEET_DEVICE_NOT_FOUND" }

/** Device provisioning: list, create (the secret is shown once), rotate the secret. */
export const devices = {
  list: endpoint({
    id: "devices.list",
    method: "get",
    path: "/api/v1/devices",
    tag: "devices",
    summary: "The organisation's devices",
    description: "`q` searches the id and the name.",
    access: "devices.read",
    query: listQuery(["id", "name", "createdAt", "lastConnectedAt"], {
      vehicleId: Schema.optionalKey(Uuid),
      assigned: Schema.optionalKey(Schema.Literals(["true", "false"])),
    }),
    response: listOf(Device),
  }),
  create: endpoint({
    id: "devices.create",
    method: "post",
    path: "/api/v1/devices",
    tag: "devices",
    summary: "Register a device; the answer holds its secret, shown this once",
    access: "devices.manage",
    body: Schema.Struct({
      id: DeviceIdText,
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      name: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(200)))),
    }),
    invalidCode: "FLEET_DEVICE_INVALID",
    response: Schema.Struct({ ...Device.fields, secret: Schema.String }),
    status: 201,
    errors: [
      { status: 409, code: "FLEET_DEVICE_EXISTS" },
      { status: 409, code: "FLEET_VEHICLE_HAS_DEVICE" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  rotateSecret: endpoint({
    id: "devices.rotateSecret",
    method: "post",
    path: "/api/v1/devices/:id/secret",
    tag: "devices",
    summary: "Give a device a new secret (the old one stops working); shown this once",
    access: "devices.manage",
    params: Schema.Struct({ id: DeviceIdText }),
    response: Schema.Struct({ id: Schema.String, secret: Schema.String }),
    errors: [notFound],
  }),
} as const
