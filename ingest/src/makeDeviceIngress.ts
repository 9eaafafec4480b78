import type { BusTransport, MetricsShape } from "@fleetcore/platform"
import {
  type DeadLetter,
  DeadLetterTopic,
  type TelemetryRecord,
  TelemetryTopic,
  type VehicleId,
} from "@fleetcore/proto"
import type {
  AuthenticatedDevice,
  DeviceIngress,
  IngestOutcome,
  IngestSource,
  Rejection,
} from "./DeviceIngress.js"
import { decodeTelemetry } from "./TelemetryDecoder.js"

const MAX_DLQ_PAYLOAD = 4096

const payloadText = (payload: Uint8Array | unknown, binary: boolean): string => {
  if (payload instanceof Uint8Array) {
    const slice = payload.subarray(0, MAX_DLQ_PAYLOAD)
    return binary ? Buffer.from(slice).toString("base64") : Buffer.from(slice).toString("utf8")
  }
  return JSON.stringify(payload).slice(0, MAX_DLQ_PAYLOAD)
}

/**
 * The ingest path shared by every transport: decode, validate point by point, stamp with the
 * device's organisation and vehicle, publish good points (key = vehicle) and dead-letter the rest.
 */
export const makeDeviceIngress = (deps: {
  readonly bus: BusTransport
  readonly metrics: MetricsShape
  readonly now?: () => number
}): DeviceIngress => {
  const now = deps.now ?? Date.now

  const deadLetter = (
    device: AuthenticatedDevice,
    source: IngestSource,
    rejection: Rejection,
    payload: string,
    atMs: number,
  ): DeadLetter => ({
    atMs,
    source,
    deviceId: device.id,
    orgId: device.orgId,
    reason: rejection.code,
    field: rejection.field,
    message: rejection.message,
    payload,
  })

  return {
    accept: async (device, payload, source, contentType): Promise<IngestOutcome> => {
      const receivedAtMs = now()
      const decoded = decodeTelemetry(payload, contentType, receivedAtMs)
      const dead: DeadLetter[] = []
      let records: TelemetryRecord[] = []
      let rejected = 0
      let first: Rejection | null = null
      const binary = !(contentType ?? "").includes("json") && payload[0] !== 0x7b && payload[0] !== 0x5b

      if (!decoded.ok) {
        rejected = 1
        first = decoded.rejection
        dead.push(deadLetter(device, source, decoded.rejection, payloadText(payload, binary), receivedAtMs))
      } else if (device.vehicleId === null) {
        rejected = decoded.points.length + decoded.rejections.length
        first = {
          code: "FLEET_INGEST_DEVICE_UNASSIGNED",
          field: null,
          message: `device ${device.id} is not assigned to a vehicle; its points are not stored`,
        }
        dead.push(deadLetter(device, source, first, payloadText(payload, binary), receivedAtMs))
      } else {
        const vehicleId: VehicleId = device.vehicleId
        records = decoded.points.map((p) => ({
          ...p,
          orgId: device.orgId,
          vehicleId,
          deviceId: device.id,
          receivedAtMs,
        }))
        rejected = decoded.rejections.length
        first = decoded.rejections[0] ?? null
        for (const r of decoded.rejections)
          dead.push(deadLetter(device, source, r, payloadText(r.input, false), receivedAtMs))
      }

      const work: Promise<void>[] = []
      if (records.length > 0) {
        work.push(
          deps.bus.publish(
            TelemetryTopic,
            records.map((r) => ({ key: r.vehicleId, value: r })),
          ),
        )
      }
      if (dead.length > 0)
        work.push(
          deps.bus.publish(
            DeadLetterTopic,
            dead.map((d) => ({ key: d.deviceId, value: d })),
          ),
        )
      await Promise.all(work)

      if (records.length > 0) deps.metrics.ingestAccepted.inc({ transport: source }, records.length)
      for (const d of dead) deps.metrics.ingestRejected.inc({ transport: source, reason: d.reason })
      return { accepted: records.length, rejected, firstRejection: first }
    },
  }
}
