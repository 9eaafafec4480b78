import { Schema } from "effect"

/** Organisation (tenant) id: a UUID. */
export const OrgId = Schema.String.pipe(Schema.check(Schema.isUUID()), Schema.brand("OrgId"))
export type OrgId = typeof OrgId.Type

/** Vehicle id: a UUID. The bus partition key for telemetry. */
export const VehicleId = Schema.String.pipe(Schema.check(Schema.isUUID()), Schema.brand("VehicleId"))
export type VehicleId = typeof VehicleId.Type

/** User id: a UUID. */
export const UserId = Schema.String.pipe(Schema.check(Schema.isUUID()), Schema.brand("UserId"))
export type UserId = typeof UserId.Type

/**
 * Device id: what the tracker calls itself (IMEI, serial, or any 3–64 character token of letters,
 * digits, '-', '_' and '.'). It is the MQTT username and client id, and unique in an installation.
 */
export const DeviceId = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Za-z0-9._-]{3,64}$/, {
      message: "a device id is 3 to 64 letters, digits, '.', '_' or '-'",
    }),
  ),
  Schema.brand("DeviceId"),
)
export type DeviceId = typeof DeviceId.Type
