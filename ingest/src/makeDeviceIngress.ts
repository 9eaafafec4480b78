import type { BusTransport, MetricsShape } from "@fleetcore/platform"
import {
  type DeadLetter,
  DeadLetterTopic,
  type DevicePoint,
  type TelemetryRecord,
  TelemetryTopic,
  type VehicleId,
} from "@fleetcore/proto"
import type {
  AuthenticatedDevice,
  IngestOutcome,
  IngestSource,
  Rejection,
  TrackerIngress,
} from "./DeviceIngress.js"
import { type Decoded, decodeTelemetry, MAX_DEAD_LETTER_CHARS, validatePoints } from "./TelemetryDecoder.js"

/** The start of a refused payload, as bytes are: never parsed or printed again. */
const payloadText = (payload: Uint8Array, binary: boolean): string => {
  const slice = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).subarray(
    0,
    binary ? (MAX_DEAD_LETTER_CHARS / 4) * 3 : MAX_DEAD_LETTER_CHARS,
  )
  return binary ? slice.toString("base64") : slice.toString("utf8")
}

/** Points a tracker decoder produced, as dead-letter text. They are flat objects: printing is safe. */
const pointsText = (points: ReadonlyArray<unknown>): string => {
  try {
    return JSON.stringify(points).slice(0, MAX_DEAD_LETTER_CHARS)
  } catch {
    return "(unprintable)"
  }
}

/**
 * A validated point becomes its record in place: the decoder made the object for this call alone,
 * so it gains the stamp's four fields (after its own, as a spread would put them) instead of being
 * copied once more per point.
 */
const stamp = (
  point: DevicePoint,
  device: AuthenticatedDevice,
  vehicleId: VehicleId,
  receivedAtMs: number,
): TelemetryRecord => {
  const record = point as { -readonly [K in keyof TelemetryRecord]?: TelemetryRecord[K] }
  record.orgId = device.orgId
  record.vehicleId = vehicleId
  record.deviceId = device.id
  record.receivedAtMs = receivedAtMs
  return record as TelemetryRecord
}

/**
 * The decoder never throws for any input; should a defect make it throw anyway, the payload is
 * refused for good (and dead-lettered) rather than answered "resend later" forever.
 */
const decodeSafely = (decode: () => Decoded): Decoded => {
  try {
    return decode()
  } catch (error) {
    return {
      ok: false,
      rejection: {
        code: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        field: null,
        message: `payload could not be decoded: ${error instanceof Error ? error.name : "unknown error"}`,
      },
    }
  }
}

/**
 * The ingest path shared by every transport: decode, validate point by point, stamp with the
 * device's organisation and vehicle, publish good points (key = vehicle) and dead-letter the rest.
 * No input makes it throw: it rejects only when the bus fails, the one case a device should resend.
 */
export const makeDeviceIngress = (deps: {
  readonly bus: BusTransport
  readonly metrics: MetricsShape
  readonly now?: () => number
}): TrackerIngress => {
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

  /**
   * Stamps the good points, dead-letters the rest, and resolves once both are on the bus. Not an
   * async function: its frame would keep `whole`, and with it the socket's read chunk the payload
   * is a slice of, alive until the bus answers (seconds, when consumers hold publishers back).
   */
  const settle = (
    device: AuthenticatedDevice,
    decoded: Decoded,
    source: IngestSource,
    whole: () => string,
    receivedAtMs: number,
  ): Promise<IngestOutcome> => {
    const dead: DeadLetter[] = []
    let records: TelemetryRecord[] = []
    let rejected = 0
    let first: Rejection | null = null

    if (!decoded.ok) {
      rejected = 1
      first = decoded.rejection
      dead.push(deadLetter(device, source, decoded.rejection, whole(), receivedAtMs))
    } else if (device.vehicleId === null) {
      rejected = decoded.points.length + decoded.rejections.length
      first = {
        code: "FLEET_INGEST_DEVICE_UNASSIGNED",
        field: null,
        message: `device ${device.id} is not assigned to a vehicle; its points are not stored`,
      }
      dead.push(deadLetter(device, source, first, whole(), receivedAtMs))
    } else {
      records = decoded.points.map((p) => stamp(p, device, device.vehicleId as VehicleId, receivedAtMs))
      rejected = decoded.rejections.length
      first = decoded.rejections[0] ?? null
      for (const r of decoded.rejections) dead.push(deadLetter(device, source, r, r.text, receivedAtMs))
    }

    return deliver(records, dead, source, { accepted: records.length, rejected, firstRejection: first })
  }

  /**
   * Publishes the stamped points and the dead letters; counts them once both are on the bus. A
   * plain function, not an async one: it runs once a message at full rate.
   */
  const deliver = (
    records: ReadonlyArray<TelemetryRecord>,
    dead: ReadonlyArray<DeadLetter>,
    source: IngestSource,
    outcome: IngestOutcome,
  ): Promise<IngestOutcome> => {
    const counted = (): IngestOutcome => {
      if (records.length > 0) deps.metrics.countAccepted(source, records.length)
      for (const d of dead) deps.metrics.ingestRejected.inc({ transport: source, reason: d.reason })
      return outcome
    }
    const points =
      records.length === 0
        ? undefined
        : deps.bus.publish(
            TelemetryTopic,
            records.map((r) => ({ key: r.vehicleId, value: r })),
          )
    // The usual message has no dead letters: its one publish is waited for alone (no Promise.all).
    if (dead.length === 0) return points === undefined ? Promise.resolve(counted()) : points.then(counted)
    return Promise.all([
      points,
      deps.bus.publish(
        DeadLetterTopic,
        dead.map((d) => ({ key: d.deviceId, value: d })),
      ),
    ]).then(counted)
  }

  return {
    accept: (device, payload, source, contentType) => {
      const receivedAtMs = now()
      const decoded = decodeSafely(() => decodeTelemetry(payload, contentType, receivedAtMs))
      const binary = !(contentType ?? "").includes("json") && payload[0] !== 0x7b && payload[0] !== 0x5b
      return settle(device, decoded, source, () => payloadText(payload, binary), receivedAtMs)
    },
    acceptPoints: (device, points, source) => {
      const receivedAtMs = now()
      const decoded = decodeSafely(() => validatePoints(points, receivedAtMs))
      return settle(device, decoded, source, () => pointsText(points), receivedAtMs)
    },
    refuseFrame: async (frame) => {
      const atMs = now()
      const letter: DeadLetter = {
        atMs,
        source: frame.source,
        deviceId: frame.deviceId,
        orgId: frame.orgId,
        reason: frame.code,
        field: null,
        message: frame.message,
        payload: Buffer.from(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength)
          .subarray(0, MAX_DEAD_LETTER_CHARS / 2)
          .toString("hex"),
      }
      await deps.bus.publish(DeadLetterTopic, [{ key: letter.deviceId, value: letter }])
      deps.metrics.ingestRejected.inc({ transport: frame.source, reason: frame.code })
    },
  }
}
