/** A label's box on screen, in pixels, with its priority (higher is placed first). */
export interface LabelBox {
  readonly id: string
  /** The label's centre. */
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly priority: number
}

/** Room kept between two labels, px. */
const GAP_PX = 4
/** The grid's cell: a label is checked only against the labels of the cells it touches. */
const CELL_PX = 64

/**
 * The labels to draw so that none overlaps another: greedily, highest priority first (the selected
 * vehicle, then moving ones), each accepted only if its box (plus a gap) meets no accepted box.
 * A uniform grid keeps it near-linear: a view holds a few hundred labels at most.
 */
export const declutterLabels = (boxes: ReadonlyArray<LabelBox>): Set<string> => {
  const ordered = [...boxes].sort((a, b) => b.priority - a.priority)
  const grid = new Map<string, LabelBox[]>()
  const kept = new Set<string>()
  const cellsOf = (b: LabelBox): string[] => {
    const x0 = Math.floor((b.x - b.width / 2 - GAP_PX) / CELL_PX)
    const x1 = Math.floor((b.x + b.width / 2 + GAP_PX) / CELL_PX)
    const y0 = Math.floor((b.y - b.height / 2 - GAP_PX) / CELL_PX)
    const y1 = Math.floor((b.y + b.height / 2 + GAP_PX) / CELL_PX)
    const cells: string[] = []
    for (let x = x0; x <= x1; x += 1) for (let y = y0; y <= y1; y += 1) cells.push(`${x}:${y}`)
    return cells
  }
  const overlaps = (a: LabelBox, b: LabelBox) =>
    Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * GAP_PX &&
    Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * GAP_PX
  for (const box of ordered) {
    const cells = cellsOf(box)
    if (cells.some((cell) => grid.get(cell)?.some((other) => overlaps(box, other)))) continue
    kept.add(box.id)
    for (const cell of cells) {
      const list = grid.get(cell)
      if (list === undefined) grid.set(cell, [box])
      else list.push(box)
    }
  }
  return kept
}
