import { describe, expect, it } from "vitest"
import { CODEC12_COMMAND, CODEC12_RESPONSE, decodeCodec12, encodeCodec12 } from "./codec12.js"

/** Teltonika wiki, "Codec 12" / "Sending Codec12 commands using Hercules": the `getinfo` command. */
const GETINFO = "000000000000000F0C010500000007676574696E666F0100004312"

/** Teltonika wiki, "Codec 12": an FMB's response to `getinfo`. */
const GETINFO_RESPONSE =
  "00000000000000900C010600000088494E493A323031392F372F323220373A3232205254433A323031392F372F323220373A3533205253543A32204552523A312053523A302042523A302043463A302046473A3020464C3A302054553A302F302055543A3020534D533A30204E4F4750533A303A3330204750533A31205341543A302052533A332052463A36352053463A31204D443A30010000C78F"

describe("Codec 12", () => {
  it("encodes the wiki's getinfo command byte for byte (data size 15, CRC 0x4312)", () => {
    expect(encodeCodec12("getinfo").toString("hex").toUpperCase()).toBe(GETINFO)
  })

  it("decodes the wiki's getinfo response: type 0x06 and the device's text", () => {
    const decoded = decodeCodec12(Buffer.from(GETINFO_RESPONSE, "hex"))
    expect(decoded).toEqual({
      ok: true,
      type: CODEC12_RESPONSE,
      text: "INI:2019/7/22 7:22 RTC:2019/7/22 7:53 RST:2 ERR:1 SR:0 BR:0 CF:0 FG:0 FL:0 TU:0/0 UT:0 SMS:0 NOGPS:0:30 GPS:1 SAT:0 RS:3 RF:65 SF:1 MD:0",
    })
  })

  it("reads back what it encodes, setdigout with its parameters included", () => {
    expect(decodeCodec12(encodeCodec12("setdigout 1?? 0 0"))).toEqual({
      ok: true,
      type: CODEC12_COMMAND,
      text: "setdigout 1?? 0 0",
    })
    expect(decodeCodec12(encodeCodec12("DOUT1:1 Timeout:INFINITY", CODEC12_RESPONSE))).toEqual({
      ok: true,
      type: CODEC12_RESPONSE,
      text: "DOUT1:1 Timeout:INFINITY",
    })
  })

  it("refuses a frame whose CRC does not match", () => {
    const frame = Buffer.from(GETINFO, "hex")
    frame[frame.byteLength - 1] = 0x13
    const decoded = decodeCodec12(frame)
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.message).toMatch(/^CRC mismatch/u)
  })

  it("refuses a truncated frame, a size that lies and a text longer than the data", () => {
    const frame = Buffer.from(GETINFO, "hex")
    expect(decodeCodec12(frame.subarray(0, 12))).toEqual({
      ok: false,
      message: "Codec 12 frame shorter than its fields",
    })
    expect(decodeCodec12(frame.subarray(0, frame.byteLength - 1)).ok).toBe(false)
    // The text size claims 8 bytes where 7 follow (CRC recomputed so only the size is wrong).
    const lying = encodeCodec12("getinfo")
    lying.writeUInt32BE(8, 11)
    const again = decodeCodec12(lying)
    expect(again.ok).toBe(false)
  })

  it("refuses a frame of another codec", () => {
    const frame = encodeCodec12("getinfo")
    frame[8] = 0x08
    expect(decodeCodec12(frame).ok).toBe(false)
  })
})
