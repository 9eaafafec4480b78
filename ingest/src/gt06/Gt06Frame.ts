import { crcItu } from "./crcItu.js"

/**
 * GT06 framing ("Data packet format"): start bit 0x78 0x78 with a 1-byte packet length, or 0x79 0x79
 * with a 2-byte one (the extended form of later Concox firmware), then the protocol number, the
 * information content, a 2-byte information serial number, the 2-byte CRC-ITU and the stop bit
 * 0x0D 0x0A. The packet length counts the bytes from the protocol number to the CRC.
 */
export const SHORT_START = 0x7878
export const LONG_START = 0x7979
const STOP = 0x0d0a

/** A whole, checked frame. `size` is how many bytes of the buffer it took. */
export interface Gt06Frame {
  readonly protocol: number
  readonly content: Uint8Array
  readonly serial: number
  readonly size: number
}

export type FrameRead =
  /** Not all of the frame has arrived yet. */
  | { readonly kind: "incomplete" }
  | { readonly kind: "frame"; readonly frame: Gt06Frame }
  /**
   * The frame's bytes are wrong. `size` > 0: a frame of that many bytes with a bad CRC, to skip
   * (a transmission error; the stream is still in step). `size` 0: the stream is out of step.
   */
  | {
      readonly kind: "malformed"
      readonly reason: "crc" | "framing" | "too-large"
      readonly message: string
      readonly size: number
    }

/** Protocol number + serial + CRC: the smallest packet length a frame can declare. */
const MIN_LENGTH = 5

/** Reads the frame at the start of `bytes`; `maxFrameBytes` bounds it before anything is buffered. */
export const readFrame = (bytes: Uint8Array, maxFrameBytes: number): FrameRead => {
  if (bytes.byteLength < 2) return { kind: "incomplete" }
  const start = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)
  if (start !== SHORT_START && start !== LONG_START)
    return {
      kind: "malformed",
      reason: "framing",
      message: "the frame does not start with 0x7878 or 0x7979",
      size: 0,
    }
  const lengthBytes = start === SHORT_START ? 1 : 2
  if (bytes.byteLength < 2 + lengthBytes) return { kind: "incomplete" }
  const length = lengthBytes === 1 ? (bytes[2] ?? 0) : ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)
  const size = 2 + lengthBytes + length + 2
  if (length < MIN_LENGTH)
    return {
      kind: "malformed",
      reason: "framing",
      message: `packet length ${length}; at least ${MIN_LENGTH} expected`,
      size: 0,
    }
  if (size > maxFrameBytes)
    return {
      kind: "malformed",
      reason: "too-large",
      message: `frame of ${size} bytes; at most ${maxFrameBytes} are accepted`,
      size: 0,
    }
  if (bytes.byteLength < size) return { kind: "incomplete" }
  if ((((bytes[size - 2] ?? 0) << 8) | (bytes[size - 1] ?? 0)) !== STOP)
    return { kind: "malformed", reason: "framing", message: "the frame does not end with 0x0D0A", size: 0 }
  const crcAt = size - 4
  const declared = ((bytes[crcAt] ?? 0) << 8) | (bytes[crcAt + 1] ?? 0)
  const computed = crcItu(bytes.subarray(2, crcAt))
  if (declared !== computed)
    return {
      kind: "malformed",
      reason: "crc",
      message: `CRC mismatch: the frame says ${hex4(declared)}, its bytes give ${hex4(computed)}`,
      size,
    }
  const protocolAt = 2 + lengthBytes
  return {
    kind: "frame",
    frame: {
      protocol: bytes[protocolAt] ?? 0,
      content: bytes.subarray(protocolAt + 1, crcAt - 2),
      serial: ((bytes[crcAt - 2] ?? 0) << 8) | (bytes[crcAt - 1] ?? 0),
      size,
    },
  }
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`

/**
 * One frame as the server (acks, online commands) or a device (tests, the simulator) writes it. The
 * short form unless the packet length does not fit a byte, or `long` asks for the 0x7979 form.
 */
export const encodeFrame = (protocol: number, content: Uint8Array, serial: number, long = false): Buffer => {
  const length = 1 + content.byteLength + 4
  const wide = long || length > 0xff
  const lengthBytes = wide ? 2 : 1
  const frame = Buffer.alloc(2 + lengthBytes + length + 2)
  frame.writeUInt16BE(wide ? LONG_START : SHORT_START, 0)
  if (wide) frame.writeUInt16BE(length, 2)
  else frame.writeUInt8(length, 2)
  let at = 2 + lengthBytes
  frame.writeUInt8(protocol, at++)
  frame.set(content, at)
  at += content.byteLength
  frame.writeUInt16BE(serial & 0xffff, at)
  at += 2
  frame.writeUInt16BE(crcItu(frame.subarray(2, at)), at)
  frame.writeUInt16BE(STOP, at + 2)
  return frame
}

/** The server's answer to a login, status or alarm packet: the same protocol number and serial, no content. */
export const encodeAck = (protocol: number, serial: number): Buffer =>
  encodeFrame(protocol, new Uint8Array(0), serial)
