import { describe, expect, it } from "vitest"
import { scanJson } from "./scanJson.js"

const bytes = (text: string) => Buffer.from(text)
const nest = (levels: number) => "[".repeat(levels) + "]".repeat(levels)

describe("scanJson", () => {
  it("measures depth, not counting brackets inside strings or escaped quotes", () => {
    expect(scanJson(bytes('{"points":[{"attrs":{"a":1},"dtc":["P0"]}]}'), 16)).toEqual({
      depth: 4,
      tooDeep: [],
    })
    expect(scanJson(bytes('["[[[[", "\\"[[[", {"a": "]]]"}]'), 2).depth).toBe(2)
  })

  it("finds the too-deep elements of a top-level array, so the points beside them can be kept", () => {
    const text = `[{"a":1}, ${nest(10_000)}, 5, ${nest(3)}]`
    const scan = scanJson(bytes(text), 16)
    expect(scan.depth).toBe(10_001)
    expect(scan.tooDeep).toHaveLength(1)
    const span = scan.tooDeep?.[0]
    expect(span?.index).toBe(1)
    expect(text.slice(span?.start, span?.end)).toBe(nest(10_000))
  })

  it("finds them inside {points: [...]} too, and only there", () => {
    const text = `{"x": "points", "points": [1, ${nest(40)}], "y": 2}`
    const scan = scanJson(bytes(text), 16)
    expect(scan.tooDeep?.map((s) => [s.index, text.slice(s.start, s.end)])).toEqual([[1, nest(40)]])
    // Deep under another key, or a single too-deep point: the whole document is too deep.
    expect(scanJson(bytes(`{"points": [], "x": ${nest(40)}}`), 16).tooDeep).toBeNull()
    expect(scanJson(bytes(`{"timeMs": 1, "attrs": ${nest(40)}}`), 16).tooDeep).toBeNull()
  })

  it("scans a megabyte of nesting without recursion", () => {
    const levels = 512 * 1024
    expect(scanJson(bytes(nest(levels)), 16)).toEqual({
      depth: levels,
      tooDeep: [{ index: 0, start: 1, end: 2 * levels - 1 }],
    })
  })
})
