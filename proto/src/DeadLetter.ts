/** Why a message or point was refused. Stable codes; see docs/errors.md. */
export type RejectReason =
  | "FLEET_INGEST_PAYLOAD_UNDECODABLE"
  | "FLEET_INGEST_PAYLOAD_INVALID"
  | "FLEET_INGEST_PAYLOAD_TOO_DEEP"
  | "FLEET_INGEST_PAYLOAD_TOO_LARGE"
  | "FLEET_INGEST_POINT_INVALID"
  | "FLEET_INGEST_TOO_MANY_POINTS"
  | "FLEET_INGEST_DEVICE_UNASSIGNED"

/** One entry on `fleet.dlq.v1`: a rejected message or point, with its reason. */
export interface DeadLetter {
  readonly atMs: number
  readonly source: "mqtt" | "http" | "teltonika" | "osmand" | "gt06"
  readonly deviceId: string
  readonly orgId: string | null
  readonly reason: RejectReason
  /** The field at fault, as a path ("points[3].lat"), when one is known. */
  readonly field: string | null
  readonly message: string
  /** The rejected input, base64 for binary payloads (hex for tracker frames), truncated to 4 KiB. */
  readonly payload: string
}
