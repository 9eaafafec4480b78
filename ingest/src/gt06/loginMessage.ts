import { ByteReader, ContentError } from "./ByteReader.js"

/**
 * Login message (protocol 0x01, "Login Message Packet"): the terminal ID as 8 bytes of BCD, the
 * IMEI's 15 digits behind a leading 0 (e.g. 0x01 0x23 … 0x45 for 123456789012345). Later firmware
 * appends a 2-byte type identification code and a 2-byte time zone/language; they are not needed.
 * The server answers 0x01 with the packet's serial (see Gt06Connection) once the IMEI is known.
 */
export const decodeLogin = (content: Uint8Array): { readonly imei: string } => {
  const reader = new ByteReader(content)
  const bcd = reader.slice(8)
  let digits = ""
  for (const byte of bcd) {
    const hi = byte >> 4
    const lo = byte & 0x0f
    if (hi > 9 || lo > 9) throw new ContentError("the terminal ID is not BCD digits")
    digits += `${hi}${lo}`
  }
  // 16 BCD digits carry a 15-digit IMEI behind a leading zero.
  return { imei: digits.startsWith("0") ? digits.slice(1) : digits }
}

/** The login content for an IMEI (tests, the simulator). */
export const encodeLoginContent = (imei: string): Buffer => Buffer.from(imei.padStart(16, "0"), "hex")
