import { vinCheckDigit } from "@fleetcore/contract"
import type { SeededRandom } from "../seededRandom.js"

export type OcrSampleKind = "plate" | "vin" | "odometer" | "fuel_receipt"

/** What an image shows, as the right candidates would read (the fields of `OCR_FIELDS`). */
export type OcrExpected = Readonly<Partial<Record<string, string>>>

const LATIN = "ABCDEFGHJKLMNPRSTUVWXYZ"
/** Cyrillic plate letters written with their Latin lookalikes. */
const RU_LETTERS = "ABEKMHOPCTYX"
const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
const WMIS = [
  "1HG",
  "1FT",
  "2T1",
  "3VW",
  "4T1",
  "5YJ",
  "WVW",
  "WDB",
  "WBA",
  "JTD",
  "KMH",
  "XTA",
  "VF1",
  "Z94",
  "NMT",
]

const digits = (r: SeededRandom, n: number): string =>
  Array.from({ length: n }, () => String(r.int(10))).join("")
const letters = (r: SeededRandom, n: number, from = LATIN): string =>
  Array.from({ length: n }, () => from[r.int(from.length)] as string).join("")

/** A plate of Kazakhstan ("123 ABC 02"), Russia ("A123BC 77") or Türkiye ("34 ABC 123"). */
export const samplePlate = (r: SeededRandom): string => {
  switch (r.int(3)) {
    case 0:
      return `${digits(r, 3)} ${letters(r, 3)} ${String(1 + r.int(19)).padStart(2, "0")}`
    case 1:
      return `${letters(r, 1, RU_LETTERS)}${digits(r, 3)}${letters(r, 2, RU_LETTERS)} ${String(10 + r.int(89))}`
    default:
      return `${String(1 + r.int(81)).padStart(2, "0")} ${letters(r, 3)} ${digits(r, 2 + r.int(2))}`
  }
}

/** A VIN with a world manufacturer identifier of several regions and its check digit in place. */
export const sampleVin = (r: SeededRandom): string => {
  const head = `${r.pick(WMIS)}${letters(r, 5, VIN_CHARS)}`
  const tail = `${letters(r, 1, "ABCDEFGHJKLMNPRSTVWXY123456789")}${letters(r, 1, VIN_CHARS)}${digits(r, 6)}`
  const draft = `${head}0${tail}`
  return `${head}${vinCheckDigit(draft) as string}${tail}`
}

/** An odometer's km, 3 000 to 450 000. */
export const sampleOdometer = (r: SeededRandom): number => 3_000 + r.int(447_000)

export interface SampleReceipt {
  readonly litres: number
  readonly pricePerLitre: number
  readonly amount: number
  readonly date: string
}

export const sampleReceipt = (r: SeededRandom): SampleReceipt => {
  const litres = Math.round(r.between(10, 80) * 100) / 100
  const pricePerLitre = Math.round(r.between(1.2, 3.2) * 100) / 100
  const date = `2026-${String(1 + r.int(12)).padStart(2, "0")}-${String(1 + r.int(28)).padStart(2, "0")}`
  return { litres, pricePerLitre, amount: Math.round(litres * pricePerLitre * 100) / 100, date }
}
