import { describe, expect, it } from "vitest"
import { type AvlRecord, CODEC_8, CODEC_8E, decodeAvlPacket } from "./AvlPacket.js"
import { crc16Ibm } from "./crc16Ibm.js"
import { encodeAvlPacket } from "./encodeAvlPacket.js"

const hex = (text: string) => Buffer.from(text, "hex")
const LIMITS = { maxRecords: 255 }

// The example packets of Teltonika's wiki page "Codec" (sections Codec 8 and Codec 8 Extended).
const CODEC8_EXAMPLE_1 =
  "000000000000003608010000016B40D8EA30010000000000000000000000000000000105021503010101425E0F01F10000601A014E0000000000000000010000C7CF"
const CODEC8_EXAMPLE_2 =
  "000000000000002808010000016B40D9AD80010000000000000000000000000000000103021503010101425E100000010000F22A"
const CODEC8_EXAMPLE_3 =
  "000000000000004308020000016B40D57B480100000000000000000000000000000001010101000000000000016B40D5C198010000000000000000000000000000000101010101000000020000252C"
const CODEC8E_EXAMPLE =
  "000000000000004A8E010000016B412CEE000100000000000000000000000000000000010005000100010100010011001D00010010015E2C880002000B000000003544C87A000E000000001DD7E06A00000100002994"

const zeroGps = { lon: 0, lat: 0, altitudeM: 0, angleDeg: 0, satellites: 0, speedKmh: 0 }

describe("Teltonika AVL packets: the published examples", () => {
  it("computes the examples' CRC-16/IBM", () => {
    const frame = hex(CODEC8_EXAMPLE_1)
    expect(crc16Ibm(frame.subarray(8, frame.byteLength - 4))).toBe(0xc7cf)
  })

  it("decodes Codec 8 example 1: one record, IO of every size", () => {
    const decoded = decodeAvlPacket(hex(CODEC8_EXAMPLE_1), LIMITS)
    expect(decoded).toEqual({
      ok: true,
      codec: CODEC_8,
      records: [
        {
          timeMs: Date.parse("2019-06-10T10:04:46Z"),
          priority: 1,
          ...zeroGps,
          eventIoId: 1,
          io: [
            { id: 21, size: 1, value: 3n },
            { id: 1, size: 1, value: 1n },
            { id: 66, size: 2, value: 24079n },
            { id: 241, size: 4, value: 24602n },
            { id: 78, size: 8, value: 0n },
          ],
        },
      ],
    })
  })

  it("decodes Codec 8 example 2", () => {
    const decoded = decodeAvlPacket(hex(CODEC8_EXAMPLE_2), LIMITS)
    expect(decoded).toEqual({
      ok: true,
      codec: CODEC_8,
      records: [
        {
          timeMs: Date.parse("2019-06-10T10:05:36Z"),
          priority: 1,
          ...zeroGps,
          eventIoId: 1,
          io: [
            { id: 21, size: 1, value: 3n },
            { id: 1, size: 1, value: 1n },
            { id: 66, size: 2, value: 24080n },
          ],
        },
      ],
    })
  })

  it("decodes Codec 8 example 3: two records", () => {
    const decoded = decodeAvlPacket(hex(CODEC8_EXAMPLE_3), LIMITS)
    expect(decoded).toEqual({
      ok: true,
      codec: CODEC_8,
      records: [
        {
          timeMs: Date.parse("2019-06-10T10:01:01Z"),
          priority: 1,
          ...zeroGps,
          eventIoId: 1,
          io: [{ id: 1, size: 1, value: 0n }],
        },
        {
          timeMs: Date.parse("2019-06-10T10:01:19Z"),
          priority: 1,
          ...zeroGps,
          eventIoId: 1,
          io: [{ id: 1, size: 1, value: 1n }],
        },
      ],
    })
  })

  it("decodes the Codec 8 Extended example: 2-byte ids and counts, an empty NX group", () => {
    const decoded = decodeAvlPacket(hex(CODEC8E_EXAMPLE), LIMITS)
    expect(decoded).toEqual({
      ok: true,
      codec: CODEC_8E,
      records: [
        {
          timeMs: Date.parse("2019-06-10T11:36:32Z"),
          priority: 1,
          ...zeroGps,
          eventIoId: 1,
          io: [
            { id: 1, size: 1, value: 1n },
            { id: 17, size: 2, value: 29n },
            { id: 16, size: 4, value: 22949000n },
            { id: 11, size: 8, value: 893700218n },
            { id: 14, size: 8, value: 500686954n },
          ],
        },
      ],
    })
  })
})

const record = (over: Partial<AvlRecord> = {}): AvlRecord => ({
  timeMs: Date.parse("2026-11-30T08:00:00Z"),
  priority: 0,
  lon: 76.8897123,
  lat: -43.2389456,
  altitudeM: -12,
  angleDeg: 271,
  satellites: 9,
  speedKmh: 54,
  eventIoId: 0,
  io: [],
  ...over,
})

describe("Teltonika AVL packets: frames we construct", () => {
  it("round-trips negative coordinates, altitude and every IO size, Codec 8E NX values included", () => {
    const records = [
      record({
        io: [
          { id: 239, size: 1, value: 1n },
          { id: 66, size: 2, value: 13_800n },
          { id: 16, size: 4, value: 4_000_000_000n },
          { id: 78, size: 8, value: 0x0123456789abcdefn },
          { id: 385, size: "variable", bytes: Uint8Array.from([1, 2, 3]) },
        ],
      }),
      record({ timeMs: Date.parse("2026-11-30T08:00:10Z"), satellites: 0, speedKmh: 0 }),
    ]
    const decoded = decodeAvlPacket(encodeAvlPacket(CODEC_8E, records), LIMITS)
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.records).toHaveLength(2)
    const [first, second] = decoded.records
    expect(first).toMatchObject({
      lon: 76.8897123,
      lat: -43.2389456,
      altitudeM: -12,
      angleDeg: 271,
      satellites: 9,
    })
    expect(first?.io.map((e) => e.id)).toEqual([239, 66, 16, 78, 385])
    expect(first?.io[3]).toEqual({ id: 78, size: 8, value: 0x0123456789abcdefn })
    expect(first?.io[4]).toMatchObject({ id: 385, size: "variable", bytes: Uint8Array.from([1, 2, 3]) })
    expect(second).toMatchObject({ satellites: 0, speedKmh: 0 })
  })

  it("refuses a bad CRC", () => {
    const frame = encodeAvlPacket(CODEC_8, [record()])
    frame[frame.byteLength - 1] = (frame[frame.byteLength - 1] ?? 0) ^ 0xff
    const decoded = decodeAvlPacket(frame, LIMITS)
    expect(decoded).toMatchObject({ ok: false, code: "FLEET_INGEST_PAYLOAD_UNDECODABLE" })
    expect(decoded.ok ? "" : decoded.message).toMatch(/^CRC mismatch/u)
  })

  it("refuses a truncated packet and one whose records run past the data", () => {
    const frame = encodeAvlPacket(CODEC_8, [record()])
    expect(decodeAvlPacket(frame.subarray(0, frame.byteLength - 3), LIMITS)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not match/u),
    })
    // Claims 2 records but carries 1, with a valid CRC and matching counts.
    const data = Buffer.from(frame.subarray(8, frame.byteLength - 4))
    data[1] = 2
    data[data.byteLength - 1] = 2
    const lying = Buffer.alloc(data.byteLength + 12)
    lying.writeUInt32BE(data.byteLength, 4)
    data.copy(lying, 8)
    lying.writeUInt32BE(crc16Ibm(data), 8 + data.byteLength)
    expect(decodeAvlPacket(lying, LIMITS)).toMatchObject({
      ok: false,
      code: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      message: "record 2 runs past the data field",
    })
  })

  it("refuses more records than the limit, 0 records and an unknown codec", () => {
    const many = encodeAvlPacket(
      CODEC_8,
      Array.from({ length: 5 }, (_, i) => record({ timeMs: 1_700_000_000_000 + i })),
    )
    expect(decodeAvlPacket(many, { maxRecords: 4 })).toMatchObject({
      ok: false,
      code: "FLEET_INGEST_TOO_MANY_POINTS",
    })
    expect(decodeAvlPacket(encodeAvlPacket(CODEC_8, []), LIMITS)).toMatchObject({
      ok: false,
      code: "FLEET_INGEST_PAYLOAD_INVALID",
    })
    const codec12 = encodeAvlPacket(CODEC_8, [record()])
    const data = Buffer.from(codec12.subarray(8, codec12.byteLength - 4))
    data[0] = 0x0c
    codec12.writeUInt32BE(crc16Ibm(data), 8 + data.byteLength)
    data.copy(codec12, 8)
    expect(decodeAvlPacket(codec12, LIMITS)).toMatchObject({
      ok: false,
      message: "codec 0xc is not decoded here",
    })
  })

  it("refuses a packet whose IO total disagrees with its groups, and a non-zero preamble", () => {
    const frame = encodeAvlPacket(CODEC_8, [record({ io: [{ id: 1, size: 1, value: 1n }] })])
    const data = Buffer.from(frame.subarray(8, frame.byteLength - 4))
    // Byte 2 + 24 (record head) + 1 (event id) is the IO total.
    data[2 + 24 + 1] = 3
    frame.writeUInt32BE(crc16Ibm(data), 8 + data.byteLength)
    data.copy(frame, 8)
    expect(decodeAvlPacket(frame, LIMITS)).toMatchObject({
      ok: false,
      message: "record 1: IO total 3 but 1 elements sent",
    })
    const preamble = encodeAvlPacket(CODEC_8, [record()])
    preamble[0] = 1
    expect(decodeAvlPacket(preamble, LIMITS)).toMatchObject({
      ok: false,
      message: "preamble is not 4 zero bytes",
    })
  })
})
