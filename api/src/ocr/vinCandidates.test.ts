import { describe, expect, it } from "vitest"
import { vinCandidates } from "./vinCandidates.js"

const line = (text: string, confidence = 0.8) => ({ text, confidence })
const values = (text: string) => vinCandidates([line(text)]).map((c) => c.value)

describe("VIN candidates", () => {
  it("joins a VIN printed in groups and skips the label words", () => {
    const found = vinCandidates([line("VEHICLE IDENTIFICATION NUMBER"), line("WVW ZZZ 1J ZXW 000001")])
    expect(found[0]?.value).toBe("WVWZZZ1JZXW000001")
    expect(found.some((c) => c.value.includes("VEH"))).toBe(false)
  })

  it("reads I, O and Q as 1, 0 and 0 (they never occur in a VIN)", () => {
    expect(values("1HGCM82633AOO4352")).toContain("1HGCM82633A004352")
    expect(values("1HGCM82633AQ04352")).toContain("1HGCM82633A004352")
  })

  it("raises a VIN whose check digit agrees over one whose does not", () => {
    const [agrees] = vinCandidates([line("1HGCM82633A004352")])
    const [disagrees] = vinCandidates([line("1HGCM82643A004352")])
    expect(agrees?.confidence).toBeGreaterThan(disagrees?.confidence ?? 1)
  })

  it("suggests the lookalike change that makes a North-American check digit agree", () => {
    // 5 read as S in position 11: the check digit (position 9) only agrees with the 5.
    const found = vinCandidates([line("5YJET8HZ7SV555004".replace("SV5", "SVS"))])
    expect(found.map((c) => c.value)).toContain("5YJET8HZ7SV555004")
    const fixed = found.find((c) => c.value === "5YJET8HZ7SV555004")
    const asRead = found.find((c) => c.value === "5YJET8HZ7SVS55004")
    expect(fixed?.confidence).toBeGreaterThan(asRead?.confidence ?? 1)
  })

  it("suggests the check digit a North-American VIN should have when it was misread", () => {
    expect(values("4T1AJ7M13EF692207")).toContain("4T1AJ7M19EF692207")
  })

  it("finds the VIN inside a longer run read as one word", () => {
    expect(values("VIN:WDBHADH58PK083441")).toContain("WDBHADH58PK083441")
  })

  it("ranks a serial that is not digits low", () => {
    const [serial] = vinCandidates([line("WDBHADH58PK083441")])
    const [letters] = vinCandidates([line("WDBHADH58PK08344A")])
    expect(serial?.confidence).toBeGreaterThan(letters?.confidence ?? 1)
  })

  it("suggests nothing without 17 VIN characters", () => {
    expect(values("ABC 123")).toEqual([])
  })
})
