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

const DeviceParams = Schema.Struct({ id: DeviceIdText })

/**
 * Device provisioning: list, create (the secret is shown once), read, assign to or detach from a
 * vehicle, rename, disable, delete, rotate the secret.
 */
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
    params: DeviceParams,
    response: Schema.Struct({ id: Schema.String, secret: Schema.String }),
    errors: [notFound],
  }),
  get: endpoint({
    id: "devices.get",
    method: "get",
    path: "/api/v1/devices/:id",
    tag: "devices",
    summary: "One device",
    access: "devices.read",
    params: DeviceParams,
    response: Device,
    errors: [notFound],
  }),
  update: endpoint({
    id: "devices.update",
    method: "patch",
    path: "/api/v1/devices/:id",
    tag: "devices",
    summary: "Assign a device to a vehicle or detach it (vehicleId null), rename it, disable or enable it",
    description:
      "A device without a vehicle has its data refused (FLEET_INGEST_DEVICE_UNASSIGNED) until it is assigned; a disabled one cannot connect, and its open MQTT session closes at its next message.",
    access: "devices.manage",
    params: DeviceParams,
    body: Schema.Struct({
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      name: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(200)))),
      disabled: Schema.optionalKey(Schema.Boolean),
    }),
    invalidCode: "FLEET_DEVICE_INVALID",
    response: Device,
    errors: [
      notFound,
      { status: 409, code: "FLEET_VEHICLE_HAS_DEVICE" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  delete: endpoint({
    id: "devices.delete",
    method: "delete",
    path: "/api/v1/devices/:id",
    tag: "devices",
    summary: "Delete a device: it can no longer connect; the points it sent stay with their vehicle",
    access: "devices.manage",
    params: DeviceParams,
    errors: [notFound],
  }),
} as const
