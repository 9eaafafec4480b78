import type { OcrCandidate } from "@fleetcore/contract"
import type { OcrLine } from "./OcrProvider.js"

/** Letters an engine reads in place of digits on a counter. */
const AS_DIGIT: Readonly<Record<string, string>> = {
  O: "0",
  D: "0",
  Q: "0",
  I: "1",
  L: "1",
  "|": "1",
  Z: "2",
  S: "5",
  B: "8",
  G: "6",
}

const APART = 0.7

/** Counters show 5 to 7 digits; fewer is more likely a trip meter or a stray number. */
const lengthFactor = (digits: number): number => (digits >= 5 && digits <= 7 ? 1 : digits === 4 ? 0.6 : 0.3)

/**
 * Odometer candidates in OCR text: runs of digits (lookalike letters taken as digits; digits
 * grouped by a space or a thin gap joined: "123 456"), leading zeros of the drum dropped, 1 to
 * 7 digits; a decimal tenth ("123456.7") is dropped, km are whole. Longer counter-like runs
 * rank first.
 */
export const odometerCandidates = (lines: ReadonlyArray<OcrLine>): ReadonlyArray<OcrCandidate> => {
  const out: Array<OcrCandidate> = []
  for (const line of lines) {
    const text = line.text.toUpperCase().replace(/[ODQILZSBG|]/gu, (c, i: number, all: string) => {
      const near = `${all[i - 1] ?? ""}${all[i + 1] ?? ""}`
      return /[0-9]/u.test(near) ? (AS_DIGIT[c] ?? c) : c
    })
    const runs = new Set<string>()
    for (const m of text.matchAll(/\d+(?:[ ,'’]\d{3})*(?:[.,]\d)?(?!\d)/gu)) {
      runs.add(m[0].replace(/[.,]\d$/u, "").replace(/\D/gu, ""))
      for (const part of m[0].split(/[ ,'’]/u)) runs.add(part.replace(/[.,]\d$/u, "").replace(/\D/gu, ""))
    }
    for (const run of runs) {
      const digits = run.replace(/^0+(?=\d)/u, "")
      if (digits === "" || run.length > 7) continue
      out.push({ field: "odometer", value: digits, confidence: line.confidence * lengthFactor(run.length) })
    }
    // Drum digits read apart ("4 1551 8"): the line's digits together, lower.
    const together = text.replace(/[.,]\d(?!\d)/gu, "").replace(/[^0-9]/gu, "")
    if (together.length >= 5 && together.length <= 7 && !runs.has(together)) {
      const digits = together.replace(/^0+(?=\d)/u, "")
      out.push({ field: "odometer", value: digits, confidence: line.confidence * APART })
    }
  }
  return out
}
