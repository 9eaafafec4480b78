import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { type Reason, reason } from "../errors/reason.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"

/** What a tracker calls itself (IMEI, serial…): 3–64 letters, digits, '.', '_' or '-'. */
export const DeviceIdText = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9._-]{3,64}$/u, explained("deviceId")),
)

/**
 * How a device talks to FleetCore: `fleetcore` (our MQTT/HTTP payloads, with a secret), `teltonika`
 * (Codec 8/8E over TCP), `osmand` (OsmAnd over HTTP) or `gt06` (Concox GT06 over TCP); all but the
 * first are known by their identifier.
 */
export const DeviceProtocol = Schema.Literals(["fleetcore", "teltonika", "osmand", "gt06"])
export type DeviceProtocol = typeof DeviceProtocol.Type

/** What a tracker sends to name itself: 1–64 letters, digits, '.', '_', ':' or '-' (checked per protocol). */
export const DeviceIdentifier = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9._:-]{1,64}$/u, explained("deviceIdentifier")),
)

/** Whether 15 digits are an IMEI: the last is the Luhn check digit of the first 14 (3GPP TS 23.003). */
export const isImei = (text: string): boolean =>
  /^\d{15}$/u.test(text) && imeiCheckDigit(text.slice(0, 14)) === text.slice(14)

/** The Luhn check digit that ends an IMEI whose first 14 digits are `body` (3GPP TS 23.003). */
export const imeiCheckDigit = (body: string): string => {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** Why an identifier does not fit its protocol, or null when it does (the API answers 400 with it). */
export const identifierProblem = (
  protocol: DeviceProtocol,
  identifier: string | null | undefined,
): Reason | null => {
  if (protocol === "fleetcore") return identifier == null ? null : reason("secretNoIdentifier")
  if (identifier == null || identifier === "") return reason("identifierRequired", { protocol })
  if (protocol === "teltonika" && !isImei(identifier)) return reason("imei", { protocol: "Teltonika" })
  if (protocol === "gt06" && !isImei(identifier)) return reason("imei", { protocol: "GT06" })
  return null
}

/** A device model as its maker names it (FMC130, FMB920…): picks a Teltonika device's IO map. */
export const DeviceModel = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$/u, explained("deviceModel")),
)

export const Device = Schema.Struct({
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  protocol: DeviceProtocol,
  /** The IMEI (teltonika, gt06) or app id (osmand); null for fleetcore devices. */
  identifier: Schema.NullOr(Schema.String),
  /** The model (FMC130…); a Teltonika device's IO elements are read with its map (docs/devices.md). */
  model: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  disabled: Schema.Boolean,
  createdAt: IsoDateTime,
  lastConnectedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "Device" })

/** A tracker that connected with an identifier no device has (installation-wide). */
export const UnknownDevice = Schema.Struct({
  protocol: Schema.Literals(["teltonika", "osmand", "gt06"]),
  identifier: Schema.String,
  remoteAddress: Schema.String,
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  count: Schema.Number,
}).annotate({ identifier: "UnknownDevice" })

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
    description: "`q` searches the id, the name and the identifier.",
    access: "devices.read",
    query: listQuery(["id", "name", "createdAt", "lastConnectedAt"], {
      vehicleId: Schema.optionalKey(Uuid),
      protocol: Schema.optionalKey(DeviceProtocol),
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
    description:
      "`protocol` is `fleetcore` unless given. A `teltonika` device needs its IMEI as `identifier` (15 digits, Luhn check digit), a `gt06` one its IMEI too, an `osmand` one the app's device id; none of them has a secret (`secret` is null). An identifier belongs to one device in the installation (409 FLEET_DEVICE_IDENTIFIER_TAKEN).",
    access: "devices.manage",
    body: Schema.Struct({
      id: DeviceIdText,
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      name: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(200)))),
      protocol: Schema.optionalKey(DeviceProtocol),
      identifier: Schema.optionalKey(Schema.NullOr(DeviceIdentifier)),
      model: Schema.optionalKey(Schema.NullOr(DeviceModel)),
    }),
    invalidCode: "FLEET_DEVICE_INVALID",
    response: Schema.Struct({ ...Device.fields, secret: Schema.NullOr(Schema.String) }),
    status: 201,
    errors: [
      { status: 409, code: "FLEET_DEVICE_EXISTS" },
      { status: 409, code: "FLEET_DEVICE_IDENTIFIER_TAKEN" },
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
    description: "Only `fleetcore` devices have a secret (409 FLEET_DEVICE_HAS_NO_SECRET otherwise).",
    access: "devices.manage",
    params: DeviceParams,
    response: Schema.Struct({ id: Schema.String, secret: Schema.String }),
    errors: [notFound, { status: 409, code: "FLEET_DEVICE_HAS_NO_SECRET" }],
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
      /** Between `teltonika`, `osmand` and `gt06` only: a `fleetcore` device's secret cannot become an identifier. */
      protocol: Schema.optionalKey(DeviceProtocol),
      identifier: Schema.optionalKey(DeviceIdentifier),
      model: Schema.optionalKey(Schema.NullOr(DeviceModel)),
    }),
    invalidCode: "FLEET_DEVICE_INVALID",
    response: Device,
    errors: [
      notFound,
      { status: 409, code: "FLEET_DEVICE_IDENTIFIER_TAKEN" },
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
  unknown: endpoint({
    id: "devices.unknown",
    method: "get",
    path: "/api/v1/devices/unknown",
    tag: "devices",
    summary: "Trackers that connected with an identifier no device has, newest first",
    description:
      "Installation-wide (which organisation a tracker belongs to cannot be told), so for the installation owner. `q` searches the identifier.",
    access: "organisations.manage",
    query: listQuery(["lastSeenAt", "firstSeenAt", "identifier", "count"], {
      protocol: Schema.optionalKey(Schema.Literals(["teltonika", "osmand", "gt06"])),
    }),
    response: listOf(UnknownDevice),
  }),
  claim: endpoint({
    id: "devices.claim",
    method: "post",
    path: "/api/v1/devices/unknown/claim",
    tag: "devices",
    summary: "Register an unknown tracker as a device of the caller's organisation",
    description:
      "The device's id is `id`, or else the identifier; it leaves the unknown devices and its next connection is accepted.",
    access: "organisations.manage",
    body: Schema.Struct({
      protocol: Schema.Literals(["teltonika", "osmand", "gt06"]),
      identifier: DeviceIdentifier,
      id: Schema.optionalKey(DeviceIdText),
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      name: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(200)))),
    }),
    invalidCode: "FLEET_DEVICE_INVALID",
    response: Device,
    status: 201,
    errors: [
      { status: 404, code: "FLEET_UNKNOWN_DEVICE_NOT_FOUND" },
      { status: 409, code: "FLEET_DEVICE_EXISTS" },
      { status: 409, code: "FLEET_DEVICE_IDENTIFIER_TAKEN" },
      { status: 409, code: "FLEET_VEHICLE_HAS_DEVICE" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
} as const
