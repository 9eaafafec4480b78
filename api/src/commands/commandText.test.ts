import { describe, expect, it } from "vitest"
import { commandText, supports } from "./commandText.js"

const ID = "6f1c2b7e-7c55-4d0a-9a40-1f7e0b4c2a11"

describe("commandText", () => {
  it("spells Teltonika commands as the device's SMS/GPRS command list does", () => {
    expect(commandText("teltonika", ID, { type: "getinfo" })).toBe("getinfo")
    expect(commandText("teltonika", ID, { type: "getstatus" })).toBe("getstatus")
    expect(commandText("teltonika", ID, { type: "getgps" })).toBe("getgps")
    expect(commandText("teltonika", ID, { type: "getver" })).toBe("getver")
    expect(commandText("teltonika", ID, { type: "cpureset" })).toBe("cpureset")
    expect(commandText("teltonika", ID, { type: "setdigout", params: { outputs: "1?" } })).toBe(
      "setdigout 1?",
    )
    expect(commandText("teltonika", ID, { type: "raw", params: { text: "getio" } })).toBe("getio")
  })

  it("spells GT06 online commands, RELAY,1# cutting the fuel/relay", () => {
    expect(commandText("gt06", ID, { type: "engineStop" })).toBe("RELAY,1#")
    expect(commandText("gt06", ID, { type: "engineResume" })).toBe("RELAY,0#")
    expect(commandText("gt06", ID, { type: "where" })).toBe("WHERE#")
    expect(commandText("gt06", ID, { type: "reset" })).toBe("RESET#")
    expect(commandText("gt06", ID, { type: "raw", params: { text: "STATUS#" } })).toBe("STATUS#")
  })

  it("sends FleetCore devices the JSON message {id, type, params}", () => {
    expect(
      JSON.parse(commandText("fleetcore", ID, { type: "setInterval", params: { seconds: 30 } }) ?? ""),
    ).toEqual({ id: ID, type: "setInterval", params: { seconds: 30 } })
    expect(JSON.parse(commandText("fleetcore", ID, { type: "engineStop" }) ?? "")).toEqual({
      id: ID,
      type: "engineStop",
      params: {},
    })
  })

  it("refuses what a protocol does not take: GT06 commands to a Teltonika, anything to an OsmAnd app", () => {
    expect(commandText("teltonika", ID, { type: "engineStop" })).toBeNull()
    expect(commandText("gt06", ID, { type: "getinfo" })).toBeNull()
    expect(commandText("fleetcore", ID, { type: "setdigout", params: { outputs: "1" } })).toBeNull()
    expect(commandText("osmand", ID, { type: "raw", params: { text: "x" } })).toBeNull()
    expect(supports("osmand", "locate")).toBe(false)
    expect(supports("gt06", "engineStop")).toBe(true)
  })
})
