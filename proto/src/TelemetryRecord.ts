import { Schema } from "effect"
import { DevicePoint } from "./DevicePoint.js"
import { DeviceId, OrgId, VehicleId } from "./Ids.js"

/**
 * The normalised record every package works with: a validated device point, stamped with the
 * device's organisation and vehicle and the time the platform received it.
 * Identity: (deviceId, timeMs). The bus is at-least-once; sinks dedupe on that identity.
 */
export const TelemetryRecord = Schema.Struct({
  ...DevicePoint.fields,
  orgId: OrgId,
  vehicleId: VehicleId,
  deviceId: DeviceId,
  receivedAtMs: Schema.Number,
})
export type TelemetryRecord = typeof TelemetryRecord.Type

/** Stable record id, used for idempotent sinks and tracing. */
export const recordId = (r: Pick<TelemetryRecord, "deviceId" | "timeMs">): string =>
  `${r.deviceId}@${r.timeMs}`
