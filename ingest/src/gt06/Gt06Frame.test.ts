import { describe, expect, it } from "vitest"
import { crcItu } from "./crcItu.js"
import { encodeAck, encodeFrame, readFrame } from "./Gt06Frame.js"

const hex = (s: string) => Buffer.from(s.replace(/\s+/gu, ""), "hex")

describe("CRC-ITU (CRC-16/X-25)", () => {
  it("gives the catalogue's check value 0x906E for '123456789'", () => {
    expect(crcItu(Buffer.from("123456789", "ascii"))).toBe(0x906e)
  })
})

describe("GT06 framing", () => {
  it("reads the protocol document's location example (0x7878, length 0x1F, serial 3, CRC 0x8081)", () => {
    const bytes = hex(
      "78 78 1F 12 0B 08 1D 11 2E 10 CF 02 7A C7 EB 0C 46 58 49 00 14 8F 01 CC 00 28 7D 00 1F B8 00 03 80 81 0D 0A",
    )
    const read = readFrame(bytes, 4096)
    expect(read.kind).toBe("frame")
    if (read.kind !== "frame") return
    expect(read.frame.protocol).toBe(0x12)
    expect(read.frame.serial).toBe(3)
    expect(read.frame.size).toBe(bytes.byteLength)
    expect(Buffer.from(read.frame.content).toString("hex")).toBe(
      "0b081d112e10cf027ac7eb0c46584900148f01cc00287d001fb8",
    )
  })

  it("reads a 0x7979 frame with a 2-byte length", () => {
    const frame = encodeFrame(0x21, Buffer.from("0000000101", "hex"), 0x0102, true)
    expect(frame.subarray(0, 4).toString("hex")).toBe("7979000a")
    const read = readFrame(frame, 4096)
    expect(read).toMatchObject({ kind: "frame", frame: { protocol: 0x21, serial: 0x0102, size: 16 } })
  })

  it("waits for more bytes on every prefix of a frame", () => {
    const bytes = hex("78780D01086471700328358100093F040D0A")
    for (let n = 0; n < bytes.byteLength; n++)
      expect(readFrame(bytes.subarray(0, n), 4096).kind).toBe("incomplete")
    expect(readFrame(bytes, 4096).kind).toBe("frame")
  })

  it("refuses a bad CRC with the frame's size, so the stream stays in step", () => {
    const bytes = hex("78780D01086471700328358100093F050D0A")
    expect(readFrame(bytes, 4096)).toEqual({
      kind: "malformed",
      reason: "crc",
      message: "CRC mismatch: the frame says 0x3f05, its bytes give 0x3f04",
      size: 18,
    })
  })

  it("refuses bytes out of step: no start bit, no stop bit, a length below 5", () => {
    expect(readFrame(hex("7A78050100013F040D0A"), 4096)).toMatchObject({
      kind: "malformed",
      reason: "framing",
      size: 0,
    })
    expect(readFrame(hex("78780D01086471700328358100093F040D0B"), 4096)).toMatchObject({
      kind: "malformed",
      reason: "framing",
      message: "the frame does not end with 0x0D0A",
    })
    expect(readFrame(hex("7878040100010D0A"), 4096)).toMatchObject({
      kind: "malformed",
      message: "packet length 4; at least 5 expected",
    })
  })

  it("refuses a frame over the limit from its length field, before its bytes arrive", () => {
    expect(readFrame(hex("7979ffff80"), 4096)).toEqual({
      kind: "malformed",
      reason: "too-large",
      message: "frame of 65541 bytes; at most 4096 are accepted",
      size: 0,
    })
  })

  it("writes the acks the document shows: login serial 1 → 78 78 05 01 00 01 D9 DC 0D 0A", () => {
    expect(encodeAck(0x01, 1).toString("hex")).toBe("78780501" + "0001d9dc0d0a")
    // Traccar's login example (serial 9) and the heartbeat example (serial 0x74) from the field.
    expect(encodeAck(0x01, 9).toString("hex").slice(0, 12)).toBe("787805010009")
    const ack = encodeAck(0x13, 0x74)
    expect(readFrame(ack, 4096)).toMatchObject({
      kind: "frame",
      frame: { protocol: 0x13, serial: 0x74, size: 10 },
    })
  })
})
