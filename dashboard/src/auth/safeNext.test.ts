import { describe, expect, it } from "vitest"
import { safeNext } from "./safeNext"

describe("safeNext", () => {
  it("keeps a path of this site", () => {
    expect(safeNext("/audit?page=2")).toBe("/audit?page=2")
  })
  it("refuses other sites and missing values", () => {
    for (const next of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      expect(safeNext(next)).toBe("/")
    }
  })
})
