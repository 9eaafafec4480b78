import { describe, expect, it } from "vitest"
import { answerTeltonikaCommand, type SimulatedTeltonikaState } from "./simulatedTeltonikaCommands.js"

const state: SimulatedTeltonikaState = {
  imei: "359999000000024",
  startedAtMs: 1_795_348_800_000,
  nowMs: 1_795_348_860_000,
  last: { lat: 43.238_949, lon: 76.889_709, speedKmh: 36 },
  outputs: [false, true],
}

describe("a simulated Teltonika device's answers to GPRS commands", () => {
  it("answers getver, getinfo and getgps from its state", () => {
    expect(answerTeltonikaCommand("getver", state)).toEqual({
      kind: "answer",
      text: "Ver:03.29.00_00 Hw:FMB920 (simulated) IMEI:359999000000024",
    })
    expect(answerTeltonikaCommand("getinfo", state)).toEqual({
      kind: "answer",
      text: "RTC:2026-11-22T12:01:00 Uptime:60s",
    })
    expect(answerTeltonikaCommand("getgps", state)).toEqual({
      kind: "answer",
      text: "GPS:1 Sat:10 Lat:43.238949 Long:76.889709 Speed:36",
    })
    expect(answerTeltonikaCommand("getgps", { ...state, last: null })).toMatchObject({ text: "GPS:0 Sat:0" })
  })

  it("sets its outputs with setdigout, leaving a ? unchanged", () => {
    expect(answerTeltonikaCommand("setdigout 1?", state)).toEqual({
      kind: "answer",
      text: "DOUT1:1 DOUT2:IGNORED",
      outputs: [true, true],
    })
    expect(answerTeltonikaCommand("setdigout 00", state)).toMatchObject({ outputs: [false, false] })
    expect(answerTeltonikaCommand("setdigout x", state)).toEqual({ kind: "answer", text: "Wrong parameter" })
  })

  it("restarts on cpureset without answering, and names a command it does not know", () => {
    expect(answerTeltonikaCommand("cpureset", state)).toEqual({ kind: "restart" })
    expect(answerTeltonikaCommand("  selfdestruct now", state)).toEqual({
      kind: "answer",
      text: "Unknown command: selfdestruct",
    })
  })
})
