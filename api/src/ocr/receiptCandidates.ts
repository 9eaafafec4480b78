import { isIsoDate, type OcrCandidate } from "@fleetcore/contract"
import type { OcrLine } from "./OcrProvider.js"

/** A money or volume amount as printed: "45.20", "45,20", "1 234.56", "1,234.56". */
const NUMBER = /\d{1,3}(?:[ ,]\d{3})*(?:[.,]\d{1,3})|\d+(?:[.,]\d{1,3})?/gu

const LITRES_UNIT = /\b(?:L|LT|LTR|LTRS|LITRES?|LITERS?)\b/u
const LITRES_WORD = /\b(?:VOLUME|VOL|QTY|QUANTITY|LITRES?|LITERS?)\b/u
const PRICE_WORD = /\b(?:PRICE|UNIT|PER\s*L)\b|\/\s*L\b|@/u
const TOTAL_WORD = /\b(?:TOTAL|SUM|AMOUNT|TO\s*PAY|PAID|GRAND)\b/u

/** Litres × price that comes to the total (within 1% and 2 cents) makes all three likelier. */
const CONSISTENT = 1.2
const DERIVED = 0.7
const DATE_FACTOR = 1.1

const parseNumber = (printed: string): number | undefined => {
  let s = printed.replace(/ /gu, "")
  // A comma followed by three digits and nothing else is a thousands separator; otherwise decimal.
  if (/,\d{1,2}$/u.test(s) || (/,\d{3}$/u.test(s) && s.includes(".")))
    s = s.replace(/\./gu, "").replace(",", ".")
  s = s.replace(/,/gu, "")
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

const numbersOf = (text: string): ReadonlyArray<number> =>
  [...text.matchAll(NUMBER)].flatMap((m) => {
    const n = parseNumber(m[0])
    return n === undefined ? [] : [n]
  })

/** At least 2 decimals, 3 when printed so ("45.20", "2.159"). */
const printed = (n: number): string => (Math.round(n * 1000) % 10 === 0 ? n.toFixed(2) : n.toFixed(3))

const datesOf = (text: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const m of text.matchAll(/\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b/gu)) {
    out.push(`${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`)
  }
  for (const m of text.matchAll(/\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b/gu)) {
    const year = (m[3] as string).length === 2 ? `20${m[3]}` : (m[3] as string)
    out.push(`${year}-${(m[2] as string).padStart(2, "0")}-${(m[1] as string).padStart(2, "0")}`)
  }
  return out.filter(isIsoDate)
}

/**
 * Refuel candidates in a receipt's OCR text: litres (a number before "L"/"LTR", or on a
 * VOLUME/QTY line), the price per litre (a PRICE, "/L" or "@" line), the amount (the last number
 * of a TOTAL/SUM/AMOUNT line) and the date (YYYY-MM-DD, DD.MM.YYYY or DD/MM/YY). Numbers keep 2
 * decimals, 3 when printed so; a triple where litres × price comes to the
 * amount is raised, and a missing price is derived from litres and amount, lower.
 */
export const receiptCandidates = (lines: ReadonlyArray<OcrLine>): ReadonlyArray<OcrCandidate> => {
  const litres: Array<{ n: number; c: number }> = []
  const prices: Array<{ n: number; c: number }> = []
  const totals: Array<{ n: number; c: number }> = []
  const out: Array<OcrCandidate> = []
  for (const line of lines) {
    const text = line.text.toUpperCase().replace(/\s+/gu, " ")
    const withoutDates = text
      .replace(/\b\d{1,4}[-./]\d{1,2}[-./]\d{2,4}\b/gu, " ")
      .replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/gu, " ")
    for (const date of datesOf(text))
      out.push({ field: "date", value: date, confidence: line.confidence * DATE_FACTOR })
    const numbers = numbersOf(withoutDates).filter((n) => n > 0)
    if (numbers.length === 0) continue
    if (TOTAL_WORD.test(text)) {
      totals.push({ n: numbers[numbers.length - 1] as number, c: line.confidence })
      continue
    }
    if (PRICE_WORD.test(text)) {
      prices.push({ n: numbers[numbers.length - 1] as number, c: line.confidence })
      continue
    }
    const unit = LITRES_UNIT.exec(withoutDates)
    if (unit !== null) {
      const before = numbersOf(withoutDates.slice(0, unit.index))
      const n = before[before.length - 1]
      if (n !== undefined && n > 0) litres.push({ n, c: line.confidence })
    } else if (LITRES_WORD.test(text)) {
      litres.push({ n: numbers[0] as number, c: line.confidence })
    }
  }
  const boost = new Map<object, number>()
  for (const l of litres) {
    for (const a of totals) {
      const matching = prices.filter((p) => Math.abs(l.n * p.n - a.n) <= a.n * 0.01 + 0.02)
      for (const p of matching) for (const x of [l, p, a]) boost.set(x, CONSISTENT)
      if (prices.length === 0 && l.n > 0) {
        out.push({
          field: "pricePerLitre",
          value: printed(a.n / l.n),
          confidence: Math.min(l.c, a.c) * DERIVED,
        })
      }
    }
  }
  for (const l of litres)
    out.push({ field: "litres", value: printed(l.n), confidence: l.c * (boost.get(l) ?? 1) })
  for (const p of prices)
    out.push({ field: "pricePerLitre", value: printed(p.n), confidence: p.c * (boost.get(p) ?? 1) })
  for (const a of totals)
    out.push({ field: "amount", value: printed(a.n), confidence: a.c * (boost.get(a) ?? 1) })
  return out
}
