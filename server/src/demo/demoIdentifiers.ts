import type { SeededRandom } from "@fleetcore/load-tests"

/** Latin letters as they appear on Kazakh plates. */
const PLATE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/** A Kazakh plate such as "123 ABC 02": three digits, three letters, a region code 01–20. */
export const kazakhPlate = (random: SeededRandom): string => {
  const digits = String(1 + random.int(999)).padStart(3, "0")
  const letters = Array.from({ length: 3 }, () => random.pick([...PLATE_LETTERS])).join("")
  const region = String(1 + random.int(20)).padStart(2, "0")
  return `${digits} ${letters} ${region}`
}

export const KAZAKH_PLATE = /^\d{3} [A-Z]{3} (0[1-9]|1\d|20)$/u

/** The characters a VIN may hold (no I, O or Q). */
const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
const VIN_VALUES: Readonly<Record<string, number>> = {
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
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** The check digit (position 9) of a 17-character VIN, as North America requires (49 CFR 565). */
export const vinCheckDigit = (vin: string): string => {
  let sum = 0
  for (const [i, ch] of [...vin.toUpperCase()].entries()) {
    const value = /\d/u.test(ch) ? Number(ch) : VIN_VALUES[ch]
    if (value === undefined) throw new Error(`not a VIN character: ${ch}`)
    sum += value * (VIN_WEIGHTS[i] ?? 0)
  }
  const rest = sum % 11
  return rest === 10 ? "X" : String(rest)
}

/** A manufacturer identifier made in North America starts with 1–5. */
export const isNorthAmericanWmi = (wmi: string): boolean => /^[1-5]/u.test(wmi)

/**
 * A VIN for a vehicle of manufacturer `wmi` built in `year`: five descriptor characters, the check
 * digit (computed for every WMI; required where it is North-American), the model-year code, a plant
 * code and a six-digit serial.
 */
export const vinFor = (random: SeededRandom, wmi: string, year: number, serial: number): string => {
  const descriptor = Array.from({ length: 5 }, () => random.pick([...VIN_CHARS])).join("")
  const yearCode = "ABCDEFGHJKLMNPRSTVWXY123456789"[(year - 2010 + 30) % 30] as string
  const plant = random.pick([..."ABCDEFGHJKLMNPRSTUVWXYZ"])
  const body = `${wmi}${descriptor}0${yearCode}${plant}${String(serial).padStart(6, "0")}`
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`
}
