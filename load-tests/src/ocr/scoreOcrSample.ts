import type { OcrCandidate } from "@fleetcore/contract"
import type { OcrExpected } from "./ocrSampleValues.js"

/** Where the right value of each expected field came in its field's candidates (null: absent). */
export type OcrRanks = Readonly<Record<string, number | null>>

/** Plates compare without spaces and hyphens ("123ABC02" is "123 ABC 02"); numbers as numbers. */
const same = (field: string, read: string, expected: string): boolean => {
  if (field === "plate") return read.replace(/[\s-]/gu, "") === expected.replace(/[\s-]/gu, "")
  if (field === "date" || field === "vin") return read === expected
  return Number(read) === Number(expected)
}

export const rankOfExpected = (candidates: ReadonlyArray<OcrCandidate>, expected: OcrExpected): OcrRanks =>
  Object.fromEntries(
    Object.entries(expected).map(([field, value]) => {
      const index = candidates
        .filter((c) => c.field === field)
        .findIndex((c) => value !== undefined && same(field, c.value, value))
      return [field, index < 0 ? null : index]
    }),
  )
