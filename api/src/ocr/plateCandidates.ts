import { normalisePlate, type OcrCandidate } from "@fleetcore/contract"
import type { OcrLine } from "./OcrProvider.js"

/**
 * Plate layouts the fleet's countries use, as patterns over a compact plate (no spaces) where `9`
 * is a digit and `A` a letter, with the spacing they are written with. Cyrillic plate letters are
 * those that look Latin (А В Е К М Н О Р С Т У Х), so the Latin reading is kept.
 */
const LAYOUTS: ReadonlyArray<{ readonly country: string; readonly shape: string; readonly spaced: string }> =
  [
    { country: "KZ", shape: "999AAA99", spaced: "999 AAA 99" },
    { country: "KZ", shape: "999AA99", spaced: "999 AA 99" },
    { country: "RU", shape: "A999AA99", spaced: "A999AA 99" },
    { country: "RU", shape: "A999AA999", spaced: "A999AA 999" },
    { country: "TR", shape: "99A9999", spaced: "99 A 9999" },
    { country: "TR", shape: "99AA999", spaced: "99 AA 999" },
    { country: "TR", shape: "99AA9999", spaced: "99 AA 9999" },
    { country: "TR", shape: "99AAA99", spaced: "99 AAA 99" },
    { country: "TR", shape: "99AAA999", spaced: "99 AAA 999" },
    { country: "EU", shape: "AA999AA", spaced: "AA 999 AA" },
  ]

const TO_DIGIT: Readonly<Record<string, string>> = {
  O: "0",
  D: "0",
  Q: "0",
  I: "1",
  L: "1",
  Z: "2",
  S: "5",
  B: "8",
  G: "6",
  T: "7",
}
const TO_LETTER: Readonly<Record<string, string>> = {
  "0": "O",
  "1": "I",
  "2": "Z",
  "5": "S",
  "8": "B",
  "6": "G",
  "4": "A",
  "7": "T",
}

const LAYOUT_MATCH = 1.15
const LAYOUT_CORRECTED = 0.95
const FREE_FORM = 0.6

/** `compact` read into a layout, lookalikes changed to fit (`O`→`0` where a digit goes), with how many changed. */
const fitLayout = (compact: string, shape: string): { value: string; changes: number } | undefined => {
  if (compact.length !== shape.length) return undefined
  let value = ""
  let changes = 0
  for (let i = 0; i < shape.length; i++) {
    const c = compact[i] as string
    const wantDigit = shape[i] === "9"
    const isDigit = c >= "0" && c <= "9"
    if (wantDigit === isDigit) {
      value += c
      continue
    }
    const fixed = wantDigit ? TO_DIGIT[c] : TO_LETTER[c]
    if (fixed === undefined) return undefined
    value += fixed
    changes++
  }
  return changes > 2 ? undefined : { value, changes }
}

/** The text as read, and with one "I" left out: an engine reads a K or an N's stem as "IK", "IN". */
const withoutStrayI = (compact: string): ReadonlyArray<{ text: string; extra: number }> => [
  { text: compact, extra: 0 },
  ...[...compact.matchAll(/I/gu)].map((m) => ({
    text: `${compact.slice(0, m.index)}${compact.slice(m.index + 1)}`,
    extra: 1,
  })),
]

const spacedAs = (value: string, spaced: string): string => {
  let i = 0
  return spaced.replace(/[9A]/gu, () => value[i++] as string)
}

/**
 * Plate candidates in OCR text: every run of up to four words of a line, compacted to A–Z and
 * 0–9; a run that fits a known layout (lookalikes changed to fit, at most two) is suggested
 * spaced as that country writes it and ranked first (also with a stray "I" left out); another with 4 to 10 characters, letters
 * and digits both, is suggested as read (normalised), lower.
 */
export const plateCandidates = (lines: ReadonlyArray<OcrLine>): ReadonlyArray<OcrCandidate> => {
  const out: Array<OcrCandidate> = []
  for (const line of lines) {
    const words = line.text
      .toUpperCase()
      .split(/[^A-Z0-9-]+/u)
      .filter((w) => w.replace(/-/gu, "") !== "")
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= Math.min(words.length, start + 4); end++) {
        const read = words.slice(start, end).join(" ")
        const compact = read.replace(/[^A-Z0-9]/gu, "")
        if (compact.length < 4 || compact.length > 10) continue
        let fitted = false
        for (const { text, extra } of withoutStrayI(compact)) {
          for (const layout of LAYOUTS) {
            const fit = fitLayout(text, layout.shape)
            if (fit === undefined) continue
            fitted = true
            const changes = fit.changes + extra
            out.push({
              field: "plate",
              value: spacedAs(fit.value, layout.spaced),
              confidence: line.confidence * (changes === 0 ? LAYOUT_MATCH : LAYOUT_CORRECTED ** changes),
            })
          }
        }
        if (!fitted && /[A-Z]/u.test(compact) && /[0-9]/u.test(compact)) {
          out.push({ field: "plate", value: normalisePlate(read), confidence: line.confidence * FREE_FORM })
        }
      }
    }
  }
  return out
}
