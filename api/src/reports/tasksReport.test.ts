import { describe, expect, it } from "vitest"
import { percentOf } from "./tasksReport.js"

describe("percentOf (the tasks report's overdue rate)", () => {
  it("is a percentage to one decimal, and nothing when no task was due", () => {
    expect(percentOf(2, 3)).toBe(66.7)
    expect(percentOf(1, 3)).toBe(33.3)
    expect(percentOf(0, 4)).toBe(0)
    expect(percentOf(5, 5)).toBe(100)
    expect(percentOf(0, 0)).toBeNull()
  })
})
