import type { DeviceId, OrgId, RejectReason, VehicleId } from "@fleetcore/proto"

/** A device that proved its identity with its secret. */
export interface AuthenticatedDevice {
  readonly id: DeviceId
  readonly orgId: OrgId
  /** null while the device is not assigned to a vehicle: its points are refused (dead-lettered). */
  readonly vehicleId: VehicleId | null
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
   * disabled or deleted and its organisation is not suspended. Checked before each message is taken.
   */
  readonly stillAllowed: (deviceId: string) => Promise<boolean>
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

export type IngestSource = "mqtt" | "http"

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
