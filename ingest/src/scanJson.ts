/** A byte range of the payload: one element of its points array. */
export interface JsonSpan {
  /** Position in the points array. */
  readonly index: number
  readonly start: number
  /** Exclusive. */
  readonly end: number
}

export interface JsonScan {
  /** Deepest nesting in the document: a top-level array or object is depth 1. */
  readonly depth: number
  /**
   * The elements of the points array (the top-level array, or the top-level object's `points`)
   * nested deeper than the limit; null when the excess lies outside such an element, so the
   * document as a whole is too deep.
   */
  readonly tooDeep: ReadonlyArray<JsonSpan> | null
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
/** `pointsDepth` before the points array is found, and after it ended. */
const NOT_YET = -1
const ENDED = -2
const isOpen = (b: number) => b === 0x5b || b === 0x7b // [ {
const isClose = (b: number) => b === 0x5d || b === 0x7d // ] }
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d
const POINTS_KEY = Buffer.from("points")

/**
 * Measures how deeply a JSON text nests, in one pass over its bytes with a counter and no
 * recursion, before anything parses it. It does not validate the JSON (JSON.parse does, afterwards);
 * it only has to be right about depth, strings (a bracket inside a string does not count) and where
 * the elements of the points array begin and end, so a too-deep element can be cut out while the
 * points beside it are kept.
 */
export const scanJson = (bytes: Uint8Array, maxDepth: number): JsonScan => {
  let depth = 0
  let deepest = 0
  let inString = false
  let escaped = false
  /** Depth at which the points array's elements sit: 1 for a top-level array, 2 inside `{"points": [...]}`. */
  let pointsDepth = NOT_YET
  let topIsObject = false
  /** At depth 1 of a top-level object: the next string is a key. */
  let expectKey = false
  let keyStart = -1
  let lastKeyIsPoints = false
  let elementIndex = -1
  let elementStart = -1
  let elementDeepest = 0
  let excessOutside = false
  const tooDeep: JsonSpan[] = []

  const endElement = (at: number) => {
    if (elementStart >= 0 && elementDeepest > maxDepth)
      tooDeep.push({ index: elementIndex, start: elementStart, end: at })
    elementStart = -1
  }

  for (let at = 0; at < bytes.length; at++) {
    const b = bytes[at] as number
    if (inString) {
      if (escaped) escaped = false
      else if (b === BACKSLASH) escaped = true
      else if (b === QUOTE) {
        inString = false
        if (keyStart >= 0) {
          const key = bytes.subarray(keyStart, at)
          lastKeyIsPoints = Buffer.compare(key, POINTS_KEY) === 0
          keyStart = -1
        }
      }
      continue
    }
    if (isSpace(b)) continue
    // An element of the points array starts with its first byte at the array's own depth.
    if (depth === pointsDepth && elementStart < 0 && b !== COMMA && !isClose(b)) {
      elementIndex++
      elementStart = at
      elementDeepest = depth
    }
    if (b === QUOTE) {
      inString = true
      if (depth === 1 && topIsObject && expectKey) {
        keyStart = at + 1
        expectKey = false
      }
    } else if (isOpen(b)) {
      if (depth === 0) {
        topIsObject = b === 0x7b
        if (!topIsObject) pointsDepth = 1
      } else if (depth === 1 && topIsObject && b === 0x5b && lastKeyIsPoints && pointsDepth === NOT_YET) {
        pointsDepth = 2
      }
      depth++
      if (depth === 1 && topIsObject) expectKey = true
      if (depth > deepest) deepest = depth
      if (elementStart >= 0) {
        if (depth > elementDeepest) elementDeepest = depth
      } else if (depth > maxDepth) excessOutside = true
    } else if (isClose(b)) {
      if (depth === pointsDepth) {
        endElement(at)
        pointsDepth = ENDED // nothing after the points array is an element
      }
      depth--
    } else if (b === COMMA) {
      if (depth === pointsDepth) endElement(at)
      if (depth === 1 && topIsObject) expectKey = true
    }
  }
  if (deepest <= maxDepth) return { depth: deepest, tooDeep: [] }
  return { depth: deepest, tooDeep: excessOutside ? null : tooDeep }
}
