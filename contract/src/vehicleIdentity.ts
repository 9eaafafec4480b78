/**
 * How a vehicle is identified: its registration plate (unique per organisation) and its VIN (unique
 * across the installation). Both are normalised before they are stored or compared.
 */

import { type Reason, reason } from "./errors/reason.js"

/** ISO 3779 transliteration of VIN letters (I, O and Q never occur). */
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
}
/** Position weights; position 9 (weight 0) holds the check digit. */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const

/** 17 characters of 0-9 and A-Z without I, O and Q. */
export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/u

/** A VIN as stored: trimmed, upper case. */
export const normaliseVin = (vin: string): string => vin.trim().toUpperCase()

/**
 * The check digit ("0"-"9" or "X") position 9 of a 17-character VIN must hold, per the North-American
 * rule (49 CFR 565.15); undefined when `vin` is not 17 valid characters.
 */
export const vinCheckDigit = (vin: string): string | undefined => {
  if (!VIN_PATTERN.test(vin)) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = vin[i] as string
    const value = c >= "0" && c <= "9" ? Number(c) : (LETTER_VALUES[c] ?? 0)
    sum += value * (WEIGHTS[i] as number)
  }
  const remainder = sum % 11
  return remainder === 10 ? "X" : String(remainder)
}

/**
 * Whether a VIN carries a check digit: North-American VINs (world manufacturer identifiers starting
 * 1-5: United States, Canada, Mexico) must; European and Asian ones (e.g. "W…", "J…") need not.
 */
export const vinHasCheckDigit = (vin: string): boolean => /^[1-5]/u.test(vin)

/** What is wrong with a normalised VIN, or undefined when it is valid. */
export const vinProblem = (vin: string): Reason | undefined => {
  if (!VIN_PATTERN.test(vin)) return reason("vin")
  if (!vinHasCheckDigit(vin)) return undefined
  const expected = vinCheckDigit(vin) ?? ""
  return vin[8] === expected ? undefined : reason("vinCheckDigit", { expected })
}

/** A plate as stored: trimmed, single spaces, upper case ("123 abc  02" → "123 ABC 02"). */
export const normalisePlate = (plate: string): string => plate.trim().replace(/\s+/gu, " ").toUpperCase()

/** Letters (any script), digits, spaces and hyphens, starting and ending with a letter or digit. */
export const PLATE_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N} -]{0,18}[\p{L}\p{N}])?$/u

/** Cyrillic letters that look like Latin ones on a plate, and the Latin letter each is read as. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: "A",
  В: "B",
  Е: "E",
  Ё: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
  І: "I",
  // Turkish dotted capital I (a dotless ı upper-cases to I by itself).
  İ: "I",
}

/**
 * The country marking printed on a plate beside the number, which is no part of it: a leading
 * "KZ" (Kazakhstan) or "TR" (Turkey) before the digits, a trailing "RUS" (Russia) after them.
 */
const MARKINGS: Readonly<Record<string, RegExp>> = {
  KZ: /^KZ(?=\d)/u,
  TR: /^TR(?=\d)/u,
  RU: /(?<=\d)RUS?$/u,
}

/**
 * A plate as search compares it, per country (ISO 3166-1 alpha-2; null: unknown): upper case,
 * Cyrillic look-alikes read as Latin ("А123ВС 77" and "a123bc77" are one plate), spaces, dashes and
 * any other separator removed, and the country's marking dropped ("KZ 123 ABC 02" → "123ABC02",
 * "А 123 ВС 77 RUS" → "A123BC77", "TR 34-ABC-123" → "34ABC123"). Undefined when nothing is left.
 */
export const plateSearchKey = (plate: string, country: string | null): string | undefined => {
  const latin = [...plate.toLocaleUpperCase("en")].map((c) => LOOK_ALIKES[c] ?? c).join("")
  let key = latin.replace(/[^A-Z0-9]/gu, "")
  const marking = country === null ? undefined : MARKINGS[country.toUpperCase()]
  if (marking !== undefined) key = key.replace(marking, "")
  return key.length === 0 ? undefined : key.slice(0, 20)
}

/** A VIN as search compares it: upper case, separators removed. */
export const vinSearchKey = (vin: string): string => vin.toUpperCase().replace(/[^A-Z0-9]/gu, "")
