import { describe, expect, it } from "vitest"
import { answerCommand, type SimulatedDeviceControls } from "./simulatedCommands.js"

const controlled = () => {
  const calls: string[] = []
  const controls: SimulatedDeviceControls = {
    position: () => ({ lat: 43.238_949, lon: 76.889_709 }),
    setIntervalMs: (ms) => calls.push(`interval ${ms}`),
    reboot: () => calls.push("reboot"),
    setRelayCut: (cut) => calls.push(`relay ${cut ? "cut" : "restored"}`),
  }
  return { calls, controls }
}
const message = (type: string, params: object = {}) => JSON.stringify({ id: "c-1", type, params })

describe("a simulated device's answers to commands", () => {
  it("answers locate with where the vehicle is", () => {
    const { controls } = controlled()
    expect(answerCommand(message("locate"), controls)).toEqual({
      id: "c-1",
      ok: true,
      text: "position 43.23895,76.88971",
    })
  })

  it("changes its report interval, refusing one out of range", () => {
    const { calls, controls } = controlled()
    expect(answerCommand(message("setInterval", { seconds: 30 }), controls)).toEqual({
      id: "c-1",
      ok: true,
      text: "interval is 30 s",
    })
    expect(answerCommand(message("setInterval", { seconds: 0 }), controls)).toMatchObject({ ok: false })
    expect(answerCommand(message("setInterval", {}), controls)).toMatchObject({ ok: false })
    expect(calls).toEqual(["interval 30000"])
  })

  it("cuts and restores the engine relay and reboots", () => {
    const { calls, controls } = controlled()
    expect(answerCommand(message("engineStop"), controls)).toMatchObject({
      ok: true,
      text: "engine relay cut",
    })
    expect(answerCommand(message("engineResume"), controls)).toMatchObject({ ok: true })
    expect(answerCommand(message("reboot"), controls)).toMatchObject({ ok: true, text: "rebooting" })
    expect(calls).toEqual(["relay cut", "relay restored", "reboot"])
  })

  it("fails a raw text and an unknown type, and ignores what is not a command", () => {
    const { calls, controls } = controlled()
    expect(answerCommand(message("raw", { text: "getver" }), controls)).toEqual({
      id: "c-1",
      ok: false,
      text: "unknown command: getver",
    })
    expect(answerCommand(message("selfDestruct"), controls)).toMatchObject({ ok: false })
    expect(answerCommand("not json", controls)).toBeNull()
    expect(answerCommand(JSON.stringify({ type: "locate" }), controls)).toBeNull()
    expect(calls).toEqual([])
  })
})
