import { describe, expect, it } from "vitest"
import { declutterLabels, type LabelBox } from "./declutterLabels"

const box = (id: string, x: number, y: number, priority = 0, width = 80, height = 20): LabelBox => ({
  id,
  x,
  y,
  width,
  height,
  priority,
})

const overlap = (a: LabelBox, b: LabelBox) =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height

describe("declutterLabels", () => {
  it("keeps labels that do not touch and drops the one that would overlap", () => {
    const kept = declutterLabels([box("a", 100, 100), box("b", 140, 105), box("c", 300, 100)])
    expect([...kept].sort()).toEqual(["a", "c"])
  })

  it("places the higher priority first: the selected vehicle's label always shows", () => {
    const kept = declutterLabels([box("a", 100, 100), box("selected", 120, 100, 100)])
    expect([...kept]).toEqual(["selected"])
  })

  it("never lets two kept labels overlap, however dense the view", () => {
    const boxes = Array.from({ length: 2_000 }, (_, i) =>
      box(`v${i}`, (i * 37) % 1200, (i * 53) % 800, i % 3),
    )
    const kept = declutterLabels(boxes)
    const chosen = boxes.filter((b) => kept.has(b.id))
    expect(chosen.length).toBeGreaterThan(50)
    for (const [i, a] of chosen.entries()) {
      for (const b of chosen.slice(i + 1)) expect(overlap(a, b)).toBe(false)
    }
  })
})
