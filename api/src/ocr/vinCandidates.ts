import { type OcrCandidate, VIN_PATTERN, vinCheckDigit, vinHasCheckDigit } from "@fleetcore/contract"
import type { OcrLine } from "./OcrProvider.js"

/** I, O and Q never occur in a VIN (ISO 3779): read as them, they are 1, 0 and 0. */
const VIN_LETTER_FIXES: Readonly<Record<string, string>> = { I: "1", O: "0", Q: "0" }

/** Characters an engine confuses, both ways: tried one at a time to make a check digit agree. */
const LOOKALIKES: Readonly<Record<string, ReadonlyArray<string>>> = {
  "0": ["D", "U"],
  "1": ["7", "T", "L", "J"],
  "2": ["Z"],
  "4": ["A"],
  "5": ["S"],
  "6": ["G"],
  "7": ["1", "T"],
  "8": ["B", "3"],
  "3": ["8"],
  A: ["4"],
  B: ["8"],
  D: ["0"],
  G: ["6", "C"],
  C: ["G"],
  J: ["1"],
  L: ["1"],
  S: ["5"],
  T: ["1", "7"],
  U: ["0", "V"],
  V: ["U"],
  Z: ["2"],
}

/** Factors on the line's confidence: a check digit that agrees is strong evidence, one that does not is against. */
const CHECK_DIGIT_AGREES = 1.25
const CHECK_DIGIT_DISAGREES = 0.5
const CORRECTED = 0.9
const CHECK_DIGIT_MISREAD = 0.8
const ELSEWHERE_CORRECTED = 0.6

/** Letters read in positions 14–17, which are digits: the digit they look like. */
const SERIAL_DIGITS: Readonly<Record<string, string>> = {
  S: "5",
  B: "8",
  G: "6",
  Z: "2",
  D: "0",
  L: "1",
  T: "7",
  A: "4",
}

const serialAsDigits = (vin: string): string =>
  vin.length === 17
    ? `${vin.slice(0, 13)}${vin.slice(13).replace(/[A-Z]/gu, (c) => SERIAL_DIGITS[c] ?? c)}`
    : vin
const SPLIT_FROM_LONGER = 0.8
/** Positions 14–17 are the serial's digits for every maker of 500 or more vehicles a year. */
const SERIAL_NOT_DIGITS = 0.3

/** Words printed beside a VIN on a plate or document, never part of it. */
const LABEL_WORDS: ReadonlySet<string> = new Set([
  "VIN",
  "VEHICLE",
  "IDENTIFICATION",
  "NUMBER",
  "NO",
  "CHASSIS",
  "FRAME",
  "MADE",
  "IN",
])

const compact = (text: string): string =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]/gu, "")
    .replace(/[IOQ]/gu, (c) => VIN_LETTER_FIXES[c] ?? c)

const checked = (vin: string): boolean => vinCheckDigit(vin) === vin[8]

/** Single-character lookalike changes of `vin` whose check digit then agrees. */
const corrections = (vin: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let i = 0; i < vin.length; i++) {
    for (const other of LOOKALIKES[vin[i] as string] ?? []) {
      const changed = `${vin.slice(0, i)}${other}${vin.slice(i + 1)}`
      if (VIN_PATTERN.test(changed) && checked(changed)) out.push(changed)
    }
  }
  return out
}

/** The 17-character strings a run of tokens may hold: the run itself, or its windows when longer. */
const windowsOf = (run: string): ReadonlyArray<{ vin: string; exact: boolean }> => {
  if (run.length === 17) return [{ vin: run, exact: true }]
  if (run.length < 17 || run.length > 24) return []
  const out: Array<{ vin: string; exact: boolean }> = []
  for (let i = 0; i + 17 <= run.length; i++) out.push({ vin: run.slice(i, i + 17), exact: false })
  return out
}

/**
 * VIN candidates in OCR text: 17 characters of A–Z and 0–9 without I, O, Q (read I/O/Q are taken
 * as 1/0/0), from a line's words joined (VIN plates print groups: "WVW ZZZ 1J ZXW 000001") or
 * from a longer run ("VIN:WVW…" read as one word); label words (VIN, VEHICLE IDENTIFICATION
 * NUMBER, CHASSIS…) are skipped, and a serial (positions 14–17) that is not digits ranks low. Ranked by the check digit of
 * `vehicleIdentity`: one that agrees raises the confidence; on a North-American VIN (where it
 * is mandatory) one that disagrees lowers it, and the single lookalike changes (5/S, 8/B, 0/D…)
 * that make it agree, or the check digit it should have, are suggested too; elsewhere such
 * changes are suggested below the VIN as read. Letters in the serial's digits (positions 14–17)
 * are read as the digits they look like.
 */
export const vinCandidates = (lines: ReadonlyArray<OcrLine>): ReadonlyArray<OcrCandidate> => {
  const out: Array<OcrCandidate> = []
  const texts = [
    ...lines,
    {
      text: lines.map((l) => l.text).join(" "),
      // A VIN split over lines: as sure as the lines are on average, a little less.
      confidence: (lines.reduce((sum, l) => sum + l.confidence, 0) / Math.max(1, lines.length)) * 0.9,
    },
  ]
  for (const line of texts) {
    const words = line.text
      .toUpperCase()
      .split(/[^A-Z0-9]+/u)
      .filter((w) => w !== "" && !LABEL_WORDS.has(w))
      .map(compact)
    for (let start = 0; start < words.length; start++) {
      let run = ""
      for (let end = start; end < words.length && run.length < 17; end++) {
        run += words[end] as string
        for (const window of windowsOf(run)) {
          const vin = serialAsDigits(window.vin)
          if (!VIN_PATTERN.test(vin)) continue
          const base =
            line.confidence *
            (window.exact ? 1 : SPLIT_FROM_LONGER) *
            (vin === window.vin ? 1 : CORRECTED) *
            (/\d{4}$/u.test(vin) ? 1 : SERIAL_NOT_DIGITS)
          if (checked(vin)) {
            out.push({ field: "vin", value: vin, confidence: base * CHECK_DIGIT_AGREES })
          } else if (vinHasCheckDigit(vin)) {
            out.push({ field: "vin", value: vin, confidence: base * CHECK_DIGIT_DISAGREES })
            for (const fixed of corrections(vin)) {
              out.push({ field: "vin", value: fixed, confidence: base * CORRECTED })
            }
            // Or the check digit itself was misread.
            const digit = vinCheckDigit(vin) as string
            out.push({
              field: "vin",
              value: `${vin.slice(0, 8)}${digit}${vin.slice(9)}`,
              confidence: base * CHECK_DIGIT_MISREAD,
            })
          } else {
            out.push({ field: "vin", value: vin, confidence: base })
            // Many makers elsewhere fill the check digit too: a change that makes it agree, lower.
            for (const fixed of corrections(vin)) {
              out.push({ field: "vin", value: fixed, confidence: base * ELSEWHERE_CORRECTED })
            }
          }
        }
      }
    }
  }
  return out
}
