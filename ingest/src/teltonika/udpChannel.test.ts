import { describe, expect, it } from "vitest"
import { CODEC_8 } from "./AvlPacket.js"
import { encodeAvlPacket } from "./encodeAvlPacket.js"
import { decodeUdpDatagram, encodeUdpAck, encodeUdpDatagram } from "./udpChannel.js"

const limits = { maxRecords: 255 }

/** The wiki's Codec 8 UDP example ("Codec", "UDP channel protocol"): one record from IMEI 352093086403655. */
const WIKI_DATAGRAM =
  "003DCAFE0105000F33353230393330383634303336353508010000016B4F815B30010000000000000000000000000000000103021503010101425DBC000001"

describe("Teltonika UDP channel", () => {
  it("decodes the wiki's example datagram: header, IMEI and the record with its IO elements", () => {
    const d = decodeUdpDatagram(Buffer.from(WIKI_DATAGRAM, "hex"), limits)
    if (!d.ok) throw new Error(d.message)
    expect(d).toMatchObject({ packetId: 0xcafe, avlPacketId: 0x05, imei: "352093086403655" })
    if (!d.avl.ok) throw new Error(d.avl.message)
    expect(d.avl.codec).toBe(CODEC_8)
    expect(d.avl.records).toEqual([
      {
        timeMs: 0x16b4f815b30,
        priority: 1,
        lon: 0,
        lat: 0,
        altitudeM: 0,
        angleDeg: 0,
        satellites: 0,
        speedKmh: 0,
        eventIoId: 1,
        io: [
          { id: 0x15, size: 1, value: 3n },
          { id: 0x01, size: 1, value: 1n },
          { id: 0x42, size: 2, value: 0x5dbcn },
        ],
      },
    ])
  })

  it("acknowledges as the wiki's example answer: 0005 CAFE 01 05 01", () => {
    expect(encodeUdpAck(0xcafe, 0x05, 1).toString("hex").toUpperCase()).toBe("0005CAFE010501")
  })

  it("encodes what it decodes (the simulated devices' and the benchmark's datagrams)", () => {
    const packet = encodeAvlPacket(CODEC_8, [
      {
        timeMs: 1_795_348_800_000,
        priority: 0,
        lon: 76.95,
        lat: 43.25,
        altitudeM: 800,
        angleDeg: 90,
        satellites: 9,
        speedKmh: 40,
        eventIoId: 0,
        io: [{ id: 239, size: 1, value: 1n }],
      },
    ])
    const datagram = encodeUdpDatagram(7, 3, "356307042441013", packet)
    const d = decodeUdpDatagram(datagram, limits)
    expect(d).toMatchObject({ ok: true, packetId: 7, avlPacketId: 3, imei: "356307042441013" })
    expect(d.ok && d.avl.ok && d.avl.records[0]?.lat).toBe(43.25)
  })

  it("refuses a short datagram, a wrong length field, a bad IMEI and a truncated record", () => {
    const wiki = Buffer.from(WIKI_DATAGRAM, "hex")
    expect(decodeUdpDatagram(wiki.subarray(0, 5), limits)).toEqual({
      ok: false,
      message: "datagram of 5 bytes",
      imei: null,
    })
    expect(decodeUdpDatagram(wiki.subarray(0, 40), limits)).toMatchObject({
      ok: false,
      message: "length field 61 does not match the 40-byte datagram",
    })
    const letters = Buffer.from(wiki)
    letters[10] = 0x41
    expect(decodeUdpDatagram(letters, limits)).toMatchObject({
      ok: false,
      message: "the IMEI is not ASCII digits",
    })
    const longImei = Buffer.from(wiki)
    longImei.writeUInt16BE(200, 6)
    expect(decodeUdpDatagram(longImei, limits)).toMatchObject({ ok: false, message: "IMEI length 200" })
    // Drop one IO byte and fix the length field: the header decodes, the AVL data is refused.
    const cut = Buffer.concat([wiki.subarray(0, wiki.byteLength - 3), wiki.subarray(wiki.byteLength - 2)])
    cut.writeUInt16BE(cut.byteLength - 2, 0)
    const d = decodeUdpDatagram(cut, limits)
    expect(d).toMatchObject({ ok: true, imei: "352093086403655", avl: { ok: false } })
  })
})
