import { vinCheckDigit } from "@fleetcore/contract"
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
  return `${body.slice(0, 8)}${vinCheckDigit(body) ?? "0"}${body.slice(9)}`
}
