/** A crossing of a fence's boundary at a position: in (`enter`) or out (`exit`). */
export interface Crossing {
  readonly kind: "enter" | "exit"
  readonly ms: number
}

/** A stay inside a fence: from the first position inside to the first outside (null: not left by `endMs`). */
export interface Stay {
  readonly entered: number
  readonly left: number | null
}

/**
 * The stays inside one fence, from its boundary crossings (alternating, oldest first) as the
 * geofence alert rule confirms them: a side changes only once the vehicle has been on the new side
 * for the fence's dwell time, so a pass through shorter than the dwell is no stay and a step outside
 * shorter than it does not end one. A side's time runs from its crossing to the next crossing, the
 * last one's to `endMs`. A stay begins at its entry crossing and ends at the exit crossing that is
 * confirmed; `inside` is the side at the first position, taken as confirmed (a stay begun before:
 * its `entered` is -Infinity).
 */
export const dwellStays = (
  crossings: ReadonlyArray<Crossing>,
  dwellMs: number,
  inside: boolean,
  endMs: number,
): ReadonlyArray<Stay> => {
  const stays: Array<Stay> = []
  let confirmedInside = inside
  let entered = Number.NEGATIVE_INFINITY
  crossings.forEach((c, i) => {
    const untilMs = crossings[i + 1]?.ms ?? endMs
    const nowInside = c.kind === "enter"
    if (nowInside === confirmedInside || untilMs - c.ms < dwellMs) return
    confirmedInside = nowInside
    if (nowInside) entered = c.ms
    else stays.push({ entered, left: c.ms })
  })
  if (confirmedInside) stays.push({ entered, left: null })
  return stays
}
