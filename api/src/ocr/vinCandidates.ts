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
const SPLIT_FROM_LONGER = 0.8

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
 * from a longer run ("VIN:WVW…" read as one word). Ranked by the check digit of
 * `vehicleIdentity`: one that agrees raises the confidence; on a North-American VIN (where it
 * is mandatory) one that disagrees lowers it, and the single lookalike changes (5/S, 8/B, 0/D…)
 * that make it agree are suggested too.
 */
export const vinCandidates = (lines: ReadonlyArray<OcrLine>): ReadonlyArray<OcrCandidate> => {
  const out: Array<OcrCandidate> = []
  const texts = [
    ...lines,
    {
      text: lines.map((l) => l.text).join(" "),
      confidence: Math.min(...lines.map((l) => l.confidence), 1) * 0.9,
    },
  ]
  for (const line of texts) {
    const words = line.text
      .split(/[^A-Za-z0-9]+/u)
      .map(compact)
      .filter((w) => w !== "")
    for (let start = 0; start < words.length; start++) {
      let run = ""
      for (let end = start; end < words.length && run.length < 17; end++) {
        run += words[end] as string
        for (const { vin, exact } of windowsOf(run)) {
          if (!VIN_PATTERN.test(vin)) continue
          const base = line.confidence * (exact ? 1 : SPLIT_FROM_LONGER)
          if (checked(vin)) {
            out.push({ field: "vin", value: vin, confidence: base * CHECK_DIGIT_AGREES })
          } else if (vinHasCheckDigit(vin)) {
            out.push({ field: "vin", value: vin, confidence: base * CHECK_DIGIT_DISAGREES })
            for (const fixed of corrections(vin)) {
              out.push({ field: "vin", value: fixed, confidence: base * CORRECTED })
            }
          } else {
            out.push({ field: "vin", value: vin, confidence: base })
          }
        }
      }
    }
  }
  return out
}
