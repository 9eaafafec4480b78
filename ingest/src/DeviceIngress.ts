import type { DeviceId, OrgId, RejectReason, VehicleId } from "@fleetcore/proto"

/** A device that proved its identity with its secret. */
export interface AuthenticatedDevice {
  readonly id: DeviceId
  readonly orgId: OrgId
  /** null while the device is not assigned to a vehicle: its points are refused (dead-lettered). */
  readonly vehicleId: VehicleId | null
  /** Trackers known by an identifier: the device's model (FMC130…), which picks its IO map. */
  readonly model?: string | null
  /** Trackers known by an identifier: the organisation's `teltonikaIoMap` setting, unparsed. */
  readonly ioMapOverride?: unknown
}

/** The answer to a device's credentials. */
export type AuthAnswer =
  | { readonly ok: true; readonly device: AuthenticatedDevice }
  /** Unknown or disabled device, or a wrong secret: one answer for all three. */
  | { readonly ok: false; readonly reason: "invalid" }
  /** The right secret, but the device's organisation is suspended: told only to a device that proved itself. */
  | { readonly ok: false; readonly reason: "suspended" }
  /** Too many failures for this device id from this address (or from this address): not even checked. */
  | { readonly ok: false; readonly reason: "throttled"; readonly retryAfterMs: number }

export interface DeviceAuthenticator {
  /** `remoteAddress` is the peer's IP address, for throttling failed attempts. */
  readonly authenticate: (deviceId: string, secret: string, remoteAddress: string) => Promise<AuthAnswer>
  /**
   * Whether a device that authenticated earlier (a live MQTT session) may still send: it is not
   * disabled or deleted and its organisation is not suspended. Checked before each message is taken:
   * answered at once while a recent answer is known, else once the database has answered.
   */
  readonly stillAllowed: (deviceId: string) => boolean | Promise<boolean>
}

/** How trackers without a secret are recognised (see makeDeviceIdentifier). */
export interface DeviceIdentifier {
  /**
   * A tracker that names itself (Teltonika IMEI, OsmAnd id) instead of proving a secret. An
   * identifier no device has is refused ("invalid") and recorded as an unknown device seen.
   */
  readonly identify: (
    protocol: IdentifiedProtocol,
    identifier: string,
    remoteAddress: string,
  ) => Promise<AuthAnswer>
}

export interface Rejection {
  readonly code: RejectReason
  /** Path of the field at fault, e.g. "points[3].lat"; null when the whole payload is at fault. */
  readonly field: string | null
  readonly message: string
}

/** What became of one message (MQTT publish or HTTP request). */
export interface IngestOutcome {
  /** Points validated and accepted by the bus. */
  readonly accepted: number
  /** Points (or the whole payload) refused; each is on the dead-letter stream. */
  readonly rejected: number
  /** The first rejection, for the caller's reason code / 4xx body. */
  readonly firstRejection: Rejection | null
}

export type IngestSource = "mqtt" | "http" | "teltonika" | "osmand" | "gt06"

/** Protocols whose devices are known by an identifier they send (IMEI, app id) and have no secret. */
export type IdentifiedProtocol = "teltonika" | "osmand" | "gt06"

/** A frame a tracker protocol could not decode, for the dead-letter stream. */
export interface RefusedFrame {
  readonly source: IngestSource
  /** The device id when the connection is identified, else the identifier it claimed (or ""). */
  readonly deviceId: string
  readonly orgId: string | null
  readonly code: RejectReason
  readonly message: string
  /** The frame as received; dead-lettered in hex, at most 4 KiB of text. */
  readonly bytes: Uint8Array
}

/**
 * The one path every transport (Aedes for MQTT 3.1.1, the MQTT 5 front, HTTP) hands payloads to.
 * Resolves when the good points are on the bus, so transports can hold their ack (and their
 * socket) until then: that is the backpressure.
 */
export interface DeviceIngress {
  readonly accept: (
    device: AuthenticatedDevice,
    payload: Uint8Array,
    source: IngestSource,
    contentType?: string,
  ) => Promise<IngestOutcome>
}

/** The ingress as tracker protocols (Teltonika, OsmAnd) use it: their decoders hand it points. */
export interface TrackerIngress extends DeviceIngress {
  /**
   * Points a tracker protocol decoded (Teltonika, OsmAnd), as plain objects in the DevicePoint
   * shape: validated, stamped and published exactly as `accept` does with a payload's points. The
   * decoders only decode; every rule about what a point may hold lives here.
   */
  readonly acceptPoints: (
    device: AuthenticatedDevice,
    points: ReadonlyArray<unknown>,
    source: IngestSource,
  ) => Promise<IngestOutcome>
  /** Dead-letters a frame a tracker protocol could not decode (bytes in hex). */
  readonly refuseFrame: (frame: RefusedFrame) => Promise<void>
}
