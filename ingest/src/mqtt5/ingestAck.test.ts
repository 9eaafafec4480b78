import { describe, expect, it } from "vitest"
import { ackForOutcome, pubackPacket } from "./ingestAck.js"

describe("ackForOutcome", () => {
  it("is a plain success when nothing was refused", () => {
    expect(ackForOutcome({ accepted: 3, rejected: 0, firstRejection: null })).toEqual({
      reasonCode: 0,
      reasonString: null,
      code: null,
    })
  })

  it("is a success with the count and the first rejection when some points were refused", () => {
    const ack = ackForOutcome({
      accepted: 8,
      rejected: 2,
      firstRejection: { code: "FLEET_INGEST_POINT_INVALID", field: "points[3].lat", message: "out of range" },
    })
    expect(ack).toEqual({
      reasonCode: 0,
      reasonString: "2 of 10 points rejected: points[3].lat: out of range",
      code: "FLEET_INGEST_POINT_INVALID",
    })
  })

  it("is 0x99 when everything was refused, 0x87 when the device is not assigned", () => {
    const whole = { code: "FLEET_INGEST_PAYLOAD_UNDECODABLE", field: null, message: "not protobuf" } as const
    expect(ackForOutcome({ accepted: 0, rejected: 1, firstRejection: whole })).toMatchObject({
      reasonCode: 0x99,
      reasonString: "not protobuf",
    })
    const unassigned = { code: "FLEET_INGEST_DEVICE_UNASSIGNED", field: null, message: "no vehicle" } as const
    expect(ackForOutcome({ accepted: 0, rejected: 4, firstRejection: unassigned }).reasonCode).toBe(0x87)
  })

  it("keeps the Reason String short", () => {
    const message = "x".repeat(5_000)
    const ack = ackForOutcome({
      accepted: 0,
      rejected: 1,
      firstRejection: { code: "FLEET_INGEST_PAYLOAD_INVALID", field: null, message },
    })
    expect(ack.reasonString?.length).toBeLessThanOrEqual(512)
  })
})

describe("pubackPacket", () => {
  const ack = { reasonCode: 0x99, reasonString: "bad", code: "FLEET_INGEST_PAYLOAD_INVALID" } as const
  it("carries Reason String and code unless the client asked for no problem information", () => {
    expect(pubackPacket(5, ack, true)).toEqual({
      cmd: "puback",
      messageId: 5,
      reasonCode: 0x99,
      properties: { reasonString: "bad", userProperties: { code: "FLEET_INGEST_PAYLOAD_INVALID" } },
    })
    expect(pubackPacket(5, ack, false)).toEqual({ cmd: "puback", messageId: 5, reasonCode: 0x99 })
  })
})
