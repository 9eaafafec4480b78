import { Schema } from "effect"
import { numericLocale } from "../../i18n/format"
import type { Locale } from "../../i18n/locales"

/**
 * Numbers as people type them into a form: "45,5" and "45.5", "12 345,67" (a space or a no-break
 * space between thousands), "12.345,67" (Turkish), "12,345.67" (English). One reading rule for
 * every number field:
 *
 * - Spaces (any kind, U+00A0 and U+202F included) between digits group thousands.
 * - Of "," and ".", the last one written is the decimal mark when it occurs once and another kind
 *   of separator comes before it ("12.345,67", "12 345,67"); a mark written more than once groups
 *   ("1.234.567").
 * - A lone mark followed by anything but exactly three digits is the decimal mark ("45,5", "45.50").
 * - A lone mark followed by exactly three digits ("1.234", "1,234") is ambiguous. It groups
 *   thousands when it is the UI language's group separator (Intl's: "," in English, "." in
 *   Turkish) or when the field takes whole numbers only; otherwise it is the decimal mark. So
 *   "1.234" is 1234 in Turkish and 1.234 in English, Russian and Kazakh; "1,234" is 1234 in
 *   English and 1.234 in Russian, Kazakh and Turkish. "0,125" is always a decimal.
 * - Grouped digits must be grouped properly: 1 to 3 digits, then threes, one kind of separator
 *   ("1,2,3" and "12 34" are refused). Nothing but digits, separators and a leading minus.
 *
 * The result is the number as a plain decimal string ("12345.67"), exactly the digits typed, so
 * money never goes through binary floating point.
 */

/** What a number field accepts. Without `min` (or `above`) negatives are refused. */
export interface NumberRule {
  /** Most digits after the decimal mark; 0 for a whole number. */
  readonly fractionDigits?: number
  /** Most digits before the decimal mark (exact where `max` would compare binary floats). */
  readonly digits?: number
  /** The smallest value allowed (default 0). */
  readonly min?: number
  /** Values must be greater than this ("above zero"). */
  readonly above?: number
  readonly max?: number
}

/** Money as the contract's `Money` takes it: up to 12 digits and 2 decimals. */
export const MONEY: NumberRule = { fractionDigits: 2, digits: 12 }
/** The contract's `PositiveMoney`: an amount above zero. */
export const POSITIVE_MONEY: NumberRule = { ...MONEY, above: 0 }

export interface Separators {
  readonly decimal: string
  readonly group: string
}

const separators = new Map<Locale, Separators>()

/** The language's decimal mark and thousands separator, as Intl writes 12345.6 in it. */
export const numberSeparators = (locale: Locale): Separators => {
  const known = separators.get(locale)
  if (known !== undefined) return known
  const parts = new Intl.NumberFormat(numericLocale(locale)).formatToParts(12345.6)
  const found: Separators = {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  }
  separators.set(locale, found)
  return found
}

const SHAPE = /^[-−]?\d+(?:[ .,]\d+)*$/u
const SPACES = /\s+/gu

/** Where the decimal mark is among the separators (-1: none). */
const decimalMarkAt = (
  marks: ReadonlyArray<string>,
  chunks: ReadonlyArray<string>,
  locale: Locale,
  whole: boolean,
) => {
  const last = marks.at(-1)
  if (last === undefined || last === " " || marks.indexOf(last) !== marks.length - 1) return -1
  if (marks.length > 1) return marks.length - 1
  const [before = "", after = ""] = chunks
  const couldGroup = after.length === 3 && before.length <= 3 && !before.startsWith("0")
  const isSpace = /\s/u.test(numberSeparators(locale).group)
  const groups = couldGroup && (whole || (!isSpace && last === numberSeparators(locale).group))
  return groups ? -1 : 0
}

/**
 * The number typed, as a plain decimal string ("12345.67", "-3", "0.5"), or null when the text is
 * not a number in the reading rule above or breaks the field's rule.
 */
export const readNumber = (text: string, locale: Locale, rule: NumberRule = {}): string | null => {
  const compact = text.trim().replace(SPACES, " ")
  if (!SHAPE.test(compact)) return null
  const negative = !/^\d/u.test(compact)
  const body = negative ? compact.slice(1) : compact
  const chunks = body.split(/[ .,]/u)
  const marks = body.match(/[ .,]/gu) ?? []
  const whole = rule.fractionDigits === 0
  const at = decimalMarkAt(marks, chunks, locale, whole)
  const groupMarks = at === -1 ? marks : marks.slice(0, at)
  const digits = chunks.slice(0, groupMarks.length + 1)
  if (new Set(groupMarks).size > 1) return null
  if (groupMarks.length > 0) {
    const [first = "", ...rest] = digits
    if (first.length > 3 || first.startsWith("0") || rest.some((c) => c.length !== 3)) return null
  }
  const fraction = at === -1 ? "" : (chunks[at + 1] ?? "")
  if (rule.fractionDigits !== undefined && fraction.length > rule.fractionDigits) return null
  const integer = digits.join("").replace(/^0+(?=\d)/u, "")
  if (rule.digits !== undefined && integer.length > rule.digits) return null
  const zero = /^[0]*$/u.test(integer + fraction)
  const result = `${negative && !zero ? "-" : ""}${integer}${fraction === "" ? "" : `.${fraction}`}`
  const value = Number(result)
  if (value < (rule.min ?? 0)) return null
  if (rule.above !== undefined && value <= rule.above) return null
  if (rule.max !== undefined && value > rule.max) return null
  return result
}

/** The number typed, or null (see `readNumber`); for fields the API takes as a JSON number. */
export const parseNumber = (text: string, locale: Locale, rule: NumberRule = {}): number | null => {
  const read = readNumber(text, locale, rule)
  return read === null ? null : Number(read)
}

/** An empty field (spaces only) is no number. */
export const isBlank = (text: string): boolean => text.trim() === ""

/** A form field's text that must hold a number under `rule` (see `readNumber`). */
export const numberText = (locale: Locale, rule: NumberRule = {}) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => readNumber(s, locale, rule) !== null, { message: "number" }),
  )

/** Like `numberText`, or empty. */
export const optionalNumberText = (locale: Locale, rule: NumberRule = {}) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => isBlank(s) || readNumber(s, locale, rule) !== null, {
      message: "number",
    }),
  )

/** A stored number (or decimal string such as "1200.50") as a form field shows it: "1200,50" in Russian. */
export const numberInput = (value: number | string | null | undefined, locale: Locale): string =>
  value === null || value === undefined ? "" : String(value).replace(".", numberSeparators(locale).decimal)

/** The decimal string of a field its schema has checked (`numberText`); a refusal here is a defect. */
export const decimalOf = (text: string, locale: Locale, rule: NumberRule = {}): string => {
  const read = readNumber(text, locale, rule)
  if (read === null) throw new Error(`not a number the form accepts: ${JSON.stringify(text)}`)
  return read
}

/** The number of a field its schema has checked (`numberText`), for the API's JSON numbers. */
export const numberOf = (text: string, locale: Locale, rule: NumberRule = {}): number =>
  Number(decimalOf(text, locale, rule))
