import { describe, expect, it } from "vitest"
import { rankCandidates } from "./rankCandidates.js"
import { receiptCandidates } from "./receiptCandidates.js"

const read = (...texts: ReadonlyArray<string>) =>
  rankCandidates(receiptCandidates(texts.map((text) => ({ text, confidence: 0.8 }))))
const first = (found: ReturnType<typeof read>, field: string) => found.find((c) => c.field === field)

describe("fuel receipt candidates", () => {
  it("reads litres, price per litre, amount and date, and raises a consistent triple", () => {
    const found = read(
      "QAZAQ OIL",
      "14.03.2026 10:42",
      "AI-95",
      "VOLUME 45.20 L",
      "PRICE 2.15 /L",
      "TOTAL 97.18",
    )
    expect(first(found, "litres")).toEqual({ field: "litres", value: "45.20", confidence: 0.96 })
    expect(first(found, "pricePerLitre")?.value).toBe("2.15")
    expect(first(found, "amount")?.value).toBe("97.18")
    expect(first(found, "date")?.value).toBe("2026-03-14")
  })

  it("reads decimal commas and ISO dates, and keeps the time out of the numbers", () => {
    const found = read("2026-09-07 05:43", "QTY 46,26 L", "TOTAL 65,23")
    expect(first(found, "litres")?.value).toBe("46.26")
    expect(first(found, "amount")?.value).toBe("65.23")
    expect(first(found, "date")?.value).toBe("2026-09-07")
  })

  it("derives a missing price from litres and amount, lower", () => {
    const found = read("40.00 LTR", "SUM 100.00")
    expect(first(found, "pricePerLitre")).toEqual({ field: "pricePerLitre", value: "2.50", confidence: 0.56 })
  })

  it("suggests no date that is not a calendar day", () => {
    expect(first(read("31.02.2026"), "date")).toBeUndefined()
  })
})
