import type { RejectReason } from "@fleetcore/proto"
import type { IPubackPacket } from "mqtt-packet"
import type { IngestOutcome, Rejection } from "../DeviceIngress.js"
import { ReasonCode } from "./reasonCodes.js"

/** How a PUBACK reports an ingest outcome (3.4.2.1). */
export interface IngestAck {
  readonly reasonCode: ReasonCode
  /** Human-readable detail for the device's logs (Reason String, 3.4.2.2.2). */
  readonly reasonString: string | null
  /** The stable FleetCore code of the first rejection, sent as the User Property `code`. */
  readonly code: RejectReason | null
}

/** A Reason String is for diagnostics; keep it short enough for small trackers. */
const MAX_REASON_CHARS = 512

const describe = (rejection: Rejection | null): string => {
  if (rejection === null) return "rejected"
  const text = rejection.field === null ? rejection.message : `${rejection.field}: ${rejection.message}`
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 3)}...` : text
}

/**
 * Success when some points (or all, or none at all) were accepted, with the count of refused points
 * as Reason String when there were some; 0x99 Payload format invalid when everything was refused.
 * A device not assigned to a vehicle is refused as a whole with 0x87 Not authorized: its payload is
 * not at fault, and resending it will not help until an operator assigns it.
 */
export const ackForOutcome = (outcome: IngestOutcome): IngestAck => {
  if (outcome.rejected === 0) return { reasonCode: ReasonCode.Success, reasonString: null, code: null }
  const first = outcome.firstRejection
  const code = first?.code ?? null
  if (outcome.accepted > 0) {
    const total = outcome.accepted + outcome.rejected
    return {
      reasonCode: ReasonCode.Success,
      reasonString: `${outcome.rejected} of ${total} points rejected: ${describe(first)}`,
      code,
    }
  }
  return {
    reasonCode:
      code === "FLEET_INGEST_DEVICE_UNASSIGNED" ? ReasonCode.NotAuthorized : ReasonCode.PayloadFormatInvalid,
    reasonString: describe(first),
    code,
  }
}

/**
 * The PUBACK for an ack. Reason String and the `code` User Property are left out when the client
 * set Request Problem Information to 0 [MQTT-3.1.2-29].
 */
export const pubackPacket = (
  messageId: number,
  ack: IngestAck,
  problemInformation: boolean,
): IPubackPacket => {
  const packet: IPubackPacket = { cmd: "puback", messageId, reasonCode: ack.reasonCode }
  if (problemInformation && (ack.reasonString !== null || ack.code !== null)) {
    packet.properties = {}
    if (ack.reasonString !== null) packet.properties.reasonString = ack.reasonString
    if (ack.code !== null) packet.properties.userProperties = { code: ack.code }
  }
  return packet
}
