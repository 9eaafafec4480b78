import { crc32 } from "node:zlib"

/**
 * One record on disk: `[u32 LE payload length][u32 LE CRC-32 of the payload][payload]`.
 * The checksum finds a torn tail after a crash: the first frame that does not check out ends the log.
 */
export const FRAME_HEADER_BYTES = 8

/** A frame longer than this is corruption, not data (ingest refuses payloads far smaller). */
export const MAX_FRAME_PAYLOAD_BYTES = 64 * 1024 * 1024

export const encodeFrame = (payload: Buffer): Buffer => {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length)
  frame.writeUInt32LE(payload.length, 0)
  frame.writeUInt32LE(crc32(payload), 4)
  payload.copy(frame, FRAME_HEADER_BYTES)
  return frame
}

export type FrameScan =
  /** A whole, valid frame: its payload and where the next frame starts. */
  | { readonly kind: "frame"; readonly payload: Buffer; readonly next: number }
  /** The buffer ends inside a frame that may be whole on disk: read more to decide. */
  | { readonly kind: "partial"; readonly needBytes: number }
  /** The bytes at this position are not a frame (a torn write or corruption). */
  | { readonly kind: "corrupt" }

/** Reads the frame starting at `at` in `buf`. */
export const scanFrame = (buf: Buffer, at: number): FrameScan => {
  if (buf.length - at < FRAME_HEADER_BYTES) return { kind: "partial", needBytes: FRAME_HEADER_BYTES }
  const length = buf.readUInt32LE(at)
  if (length > MAX_FRAME_PAYLOAD_BYTES) return { kind: "corrupt" }
  const end = at + FRAME_HEADER_BYTES + length
  if (end > buf.length) return { kind: "partial", needBytes: FRAME_HEADER_BYTES + length }
  const payload = buf.subarray(at + FRAME_HEADER_BYTES, end)
  if (crc32(payload) !== buf.readUInt32LE(at + 4)) return { kind: "corrupt" }
  return { kind: "frame", payload, next: end }
}
