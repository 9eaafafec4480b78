import { describe, expect, it } from "vitest"
import { plateCandidates } from "./plateCandidates.js"

const top3 = (text: string) =>
  [...plateCandidates([{ text, confidence: 0.8 }])]
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, 3)
    .map((c) => c.value)
const best = (...texts: ReadonlyArray<string>) =>
  [...plateCandidates(texts.map((text) => ({ text, confidence: 0.8 })))].sort(
    (a, b) => b.confidence - a.confidence,
  )[0]?.value

describe("plate candidates", () => {
  it("spaces a plate as its country writes it", () => {
    expect(best("123ABC02")).toBe("123 ABC 02")
    expect(best("A123BC77")).toBe("A123BC 77")
    expect(best("34 abc 123")).toBe("34 ABC 123")
  })

  it("changes lookalikes to fit the layout: O in a digit place is 0, 0 in a letter place is O", () => {
    expect(best("EO70PK 31")).toBe("E070PK 31")
    // Two layouts fit with two changes each: both are suggested.
    expect(top3("07100P 81")).toContain("O710OP 81")
  })

  it("drops a stray I read in a K", () => {
    expect(best("E070PIK 31")).toBe("E070PK 31")
  })

  it("prefers a plate in a known layout to other text on the line", () => {
    expect(best("KZ", "281 UEB 06", "AB12")).toBe("281 UEB 06")
  })

  it("keeps an unknown layout as read, normalised, lower", () => {
    const found = plateCandidates([{ text: "xy 12 z", confidence: 0.9 }])
    expect(found).toContainEqual({ field: "plate", value: "XY 12 Z", confidence: 0.9 * 0.6 })
  })

  it("suggests nothing from words without a digit", () => {
    expect(plateCandidates([{ text: "THANK YOU", confidence: 0.9 }])).toEqual([])
  })
})
