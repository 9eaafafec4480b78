import { describe, expect, it } from "vitest"
import { encodeImeiHandshake } from "./encodeAvlPacket.js"
import { readHandshake } from "./imeiHandshake.js"

describe("Teltonika IMEI handshake", () => {
  it("reads the wiki's example handshake 000F333536333037303432343431303133", () => {
    expect(readHandshake(Buffer.from("000F333536333037303432343431303133", "hex"))).toEqual({
      kind: "imei",
      imei: "356307042441013",
      size: 17,
    })
    expect(encodeImeiHandshake("356307042441013").toString("hex").toUpperCase()).toBe(
      "000F333536333037303432343431303133",
    )
  })

  it("waits for the rest of a split handshake", () => {
    const whole = encodeImeiHandshake("356307042441013")
    expect(readHandshake(whole.subarray(0, 1))).toEqual({ kind: "incomplete" })
    expect(readHandshake(whole.subarray(0, 9))).toEqual({ kind: "incomplete" })
  })

  it("refuses a zero or oversized length and non-digits without waiting for them", () => {
    expect(readHandshake(Buffer.from([0, 0]))).toMatchObject({ kind: "malformed" })
    expect(readHandshake(Buffer.from([0xff, 0xff]))).toMatchObject({ kind: "malformed" })
    expect(readHandshake(Buffer.from([0, 3, 0x31, 0x41, 0x32]))).toEqual({
      kind: "malformed",
      message: "the IMEI is not ASCII digits",
    })
  })
})
