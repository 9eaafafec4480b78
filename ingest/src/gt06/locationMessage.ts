import { ByteReader } from "./ByteReader.js"
import {
  encodeGpsInformation,
  encodeLbs,
  type GpsInformation,
  type LbsInformation,
  readGpsInformation,
  readLbs,
} from "./gpsInformation.js"
import { PROTOCOL } from "./protocolNumbers.js"

/**
 * Location data (protocol 0x12, "Location Data Packet"): GPS information then LBS information
 * (MCC, MNC, LAC, Cell ID). The later 0x22 packet adds ACC (1 byte, 0 low / 1 high), the data upload
 * mode (1 byte) and GPS real-time re-upload (1 byte, 0 real time / 1 re-uploaded). Firmware
 * variants append more (mileage, …): bytes past what is read here are ignored. Location packets are
 * not answered (the protocol: "the server does not need to respond").
 */
export interface LocationMessage {
  readonly gps: GpsInformation
  readonly lbs: LbsInformation | null
  /** ACC (ignition) for 0x22; null when the packet does not carry it. */
  readonly acc: boolean | null
  /** 0x22: the point was stored while offline and re-uploaded. */
  readonly reuploaded: boolean | null
}

export const decodeLocation = (protocol: number, content: Uint8Array): LocationMessage => {
  const reader = new ByteReader(content)
  const gps = readGpsInformation(reader)
  // Some 0x12 variants stop after the GPS information.
  const lbs = reader.remaining >= 8 ? readLbs(reader) : null
  if (protocol !== PROTOCOL.location2 || reader.remaining < 3)
    return { gps, lbs, acc: null, reuploaded: null }
  const acc = reader.u8() !== 0
  reader.u8()
  const reuploaded = reader.u8() === 1
  return { gps, lbs, acc, reuploaded }
}

/** A location packet's content (tests, the simulator): 0x12 without ACC, 0x22 with it. */
export const encodeLocationContent = (
  gps: GpsInformation,
  lbs: LbsInformation,
  acc: boolean | null = null,
): Buffer =>
  acc === null
    ? Buffer.concat([encodeGpsInformation(gps), encodeLbs(lbs)])
    : Buffer.concat([encodeGpsInformation(gps), encodeLbs(lbs), Buffer.from([acc ? 1 : 0, 0x00, 0x00])])
