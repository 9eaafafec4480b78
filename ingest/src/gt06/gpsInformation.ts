import { type ByteReader, ContentError } from "./ByteReader.js"

/**
 * The GPS information shared by the location (0x12, 0x22) and alarm (0x16, 0x26) packets, as the
 * protocol lays it out ("Location Data Packet" content):
 * - Date Time, 6 bytes: year − 2000, month, day, hour, minute, second, in UTC (GMT+0);
 * - Quantity of GPS information satellites, 1 byte: high nibble = length of the GPS information,
 *   low nibble = satellites in use;
 * - Latitude and Longitude, 4 bytes each: degrees × 60 × 30,000 (minutes × 30,000), unsigned, the
 *   hemisphere in the course/status bits;
 * - Speed, 1 byte, km/h;
 * - Course, Status, 2 bytes: bit 13 GPS real-time (0) or re-uploaded/differential (1) positioning,
 *   bit 12 GPS positioned (fixed), bit 11 west longitude (1) / east (0), bit 10 north latitude (1) /
 *   south (0), bits 9–0 the course in degrees.
 */
export interface GpsInformation {
  readonly timeMs: number
  readonly satellites: number
  /** Signed degrees (south and west negative). */
  readonly lat: number
  readonly lon: number
  readonly speedKmh: number
  /** Degrees from north, 0–1023 on the wire (values above 360 are not a heading). */
  readonly course: number
  /** Bit 12: the GPS had a fix. */
  readonly fixed: boolean
  /** Bit 13: a differential or re-uploaded fix rather than a real-time one. */
  readonly differential: boolean
}

/** Minutes × 30,000 per degree: the wire value ÷ 1,800,000 is degrees. */
const UNITS_PER_DEGREE = 1_800_000

export const readGpsInformation = (reader: ByteReader): GpsInformation => {
  const timeMs = readDateTime(reader)
  const quantity = reader.u8()
  const latRaw = reader.u32()
  const lonRaw = reader.u32()
  const speedKmh = reader.u8()
  const courseStatus = reader.u16()
  const north = (courseStatus & 0x0400) !== 0
  const west = (courseStatus & 0x0800) !== 0
  const lat = (north ? 1 : -1) * (latRaw / UNITS_PER_DEGREE)
  const lon = (west ? -1 : 1) * (lonRaw / UNITS_PER_DEGREE)
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new ContentError(`latitude ${lat} / longitude ${lon} out of range`)
  return {
    timeMs,
    satellites: quantity & 0x0f,
    lat: round7(lat),
    lon: round7(lon),
    speedKmh,
    course: courseStatus & 0x03ff,
    fixed: (courseStatus & 0x1000) !== 0,
    differential: (courseStatus & 0x2000) !== 0,
  }
}

/** Degrees to 10⁻⁷ (1 cm), what the protocol's 1/1,800,000 resolution (6 cm) needs. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7

/** Date Time: 6 bytes, year − 2000 … second, UTC. */
export const readDateTime = (reader: ByteReader): number => {
  const [year, month, day, hour, minute, second] = [
    reader.u8(),
    reader.u8(),
    reader.u8(),
    reader.u8(),
    reader.u8(),
    reader.u8(),
  ]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    throw new ContentError(`date-time ${[year, month, day, hour, minute, second].join(" ")} is not a time`)
  return Date.UTC(2000 + year, month - 1, day, hour, minute, second)
}

/** Cell tower: MCC 2 bytes, MNC 1 byte, LAC 2 bytes, Cell ID 3 bytes ("LBS information"). */
export interface LbsInformation {
  readonly mcc: number
  readonly mnc: number
  readonly lac: number
  readonly cellId: number
}

export const readLbs = (reader: ByteReader): LbsInformation => ({
  mcc: reader.u16(),
  mnc: reader.u8(),
  lac: reader.u16(),
  cellId: reader.u24(),
})

/** The GPS information as bytes (tests, the simulator): the inverse of readGpsInformation. */
export const encodeGpsInformation = (gps: GpsInformation): Buffer => {
  const out = Buffer.alloc(18)
  const d = new Date(gps.timeMs)
  out.set(
    [
      d.getUTCFullYear() - 2000,
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ],
    0,
  )
  out.writeUInt8(0xc0 | (gps.satellites & 0x0f), 6)
  out.writeUInt32BE(Math.round(Math.abs(gps.lat) * UNITS_PER_DEGREE), 7)
  out.writeUInt32BE(Math.round(Math.abs(gps.lon) * UNITS_PER_DEGREE), 11)
  out.writeUInt8(Math.min(255, Math.round(gps.speedKmh)), 15)
  const status =
    (gps.differential ? 0x2000 : 0) |
    (gps.fixed ? 0x1000 : 0) |
    (gps.lon < 0 ? 0x0800 : 0) |
    (gps.lat >= 0 ? 0x0400 : 0) |
    (gps.course & 0x03ff)
  out.writeUInt16BE(status, 16)
  return out
}

export const encodeLbs = (lbs: LbsInformation): Buffer => {
  const out = Buffer.alloc(8)
  out.writeUInt16BE(lbs.mcc, 0)
  out.writeUInt8(lbs.mnc, 2)
  out.writeUInt16BE(lbs.lac, 3)
  out.writeUIntBE(lbs.cellId, 5, 3)
  return out
}
