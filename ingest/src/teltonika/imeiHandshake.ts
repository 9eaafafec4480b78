/**
 * The first thing a Teltonika device sends on a TCP connection (wiki "Codec", "Communication with
 * server"): two bytes of length, then the IMEI in ASCII (`000F` + 15 digits). The server answers one
 * byte: 0x01 to accept the device, 0x00 to refuse it (the device then closes and retries later).
 */
export const HANDSHAKE_ACCEPT = Buffer.from([0x01])
export const HANDSHAKE_REJECT = Buffer.from([0x00])

/** Longest identifier read from a handshake; real IMEIs have 15 digits. */
export const MAX_IMEI_LENGTH = 32

export type Handshake =
  /** Not all of it has arrived yet. */
  | { readonly kind: "incomplete" }
  | { readonly kind: "imei"; readonly imei: string; readonly size: number }
  | { readonly kind: "malformed"; readonly message: string }

/** Reads the IMEI frame at the start of `bytes`, without trusting its length field. */
export const readHandshake = (bytes: Uint8Array): Handshake => {
  if (bytes.byteLength < 2) return { kind: "incomplete" }
  const length = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)
  if (length === 0 || length > MAX_IMEI_LENGTH)
    return { kind: "malformed", message: `IMEI length ${length}; 1 to ${MAX_IMEI_LENGTH} digits expected` }
  if (bytes.byteLength < 2 + length) return { kind: "incomplete" }
  const digits = bytes.subarray(2, 2 + length)
  for (const byte of digits)
    if (byte < 0x30 || byte > 0x39) return { kind: "malformed", message: "the IMEI is not ASCII digits" }
  return { kind: "imei", imei: Buffer.from(digits).toString("ascii"), size: 2 + length }
}
