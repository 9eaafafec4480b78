import { crc16Ibm } from "./crc16Ibm.js"

/**
 * Codec 12 (Teltonika wiki, "Codec" → "Codec 12"): GPRS commands from the server (type 0x05) and
 * the device's responses (type 0x06), framed like AVL packets: 4 zero bytes, the data size (codec
 * id to the second quantity), codec id 0x0C, quantity 1, type, the 4-byte text size, the text,
 * quantity 2, and a 4-byte field whose low two bytes are the CRC-16/IBM of codec id to quantity 2.
 */
export const CODEC_12 = 0x0c
export const CODEC12_COMMAND = 0x05
export const CODEC12_RESPONSE = 0x06

/** Longest command text sent (an FMB takes SMS-sized commands; the wiki's examples are short). */
export const MAX_COMMAND_BYTES = 512

/** Frames `text` as a Codec 12 message of `type` (0x05 a command: what the server sends). */
export const encodeCodec12 = (text: string, type: number = CODEC12_COMMAND): Buffer => {
  const body = Buffer.from(text, "latin1")
  const data = Buffer.alloc(1 + 1 + 1 + 4 + body.byteLength + 1)
  data.writeUInt8(CODEC_12, 0)
  data.writeUInt8(1, 1)
  data.writeUInt8(type, 2)
  data.writeUInt32BE(body.byteLength, 3)
  body.copy(data, 7)
  data.writeUInt8(1, 7 + body.byteLength)
  const frame = Buffer.alloc(8 + data.byteLength + 4)
  frame.writeUInt32BE(data.byteLength, 4)
  data.copy(frame, 8)
  frame.writeUInt32BE(crc16Ibm(data), 8 + data.byteLength)
  return frame
}

export type Codec12Message =
  | { readonly ok: true; readonly type: number; readonly text: string }
  | { readonly ok: false; readonly message: string }

/** Reads one whole Codec 12 frame (preamble to CRC), as the session cut it from the stream. */
export const decodeCodec12 = (frame: Uint8Array): Codec12Message => {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength)
  if (bytes.byteLength < 8 + 8 + 4) return { ok: false, message: "Codec 12 frame shorter than its fields" }
  if (bytes.readUInt32BE(0) !== 0) return { ok: false, message: "preamble is not 4 zero bytes" }
  const size = bytes.readUInt32BE(4)
  if (bytes.byteLength !== size + 12)
    return { ok: false, message: `data size ${size} does not match a frame of ${bytes.byteLength} bytes` }
  const data = bytes.subarray(8, 8 + size)
  const crc = bytes.readUInt32BE(8 + size)
  const computed = crc16Ibm(data)
  if (crc !== computed)
    return {
      ok: false,
      message: `CRC mismatch: frame says ${crc.toString(16)}, data gives ${computed.toString(16)}`,
    }
  if (data.readUInt8(0) !== CODEC_12)
    return { ok: false, message: `codec ${data.readUInt8(0)} is not Codec 12` }
  const type = data.readUInt8(2)
  const length = data.readUInt32BE(3)
  // Codec id, quantity 1, type, size (7 bytes) + the text + quantity 2.
  if (7 + length + 1 !== size)
    return { ok: false, message: `text of ${length} bytes does not fit a data field of ${size}` }
  if (data.readUInt8(1) !== data.readUInt8(7 + length))
    return { ok: false, message: "the two quantities differ" }
  return { ok: true, type, text: data.subarray(7, 7 + length).toString("latin1") }
}
