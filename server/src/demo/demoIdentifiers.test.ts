import { vinCheckDigit, vinProblem } from "@fleetcore/contract"
import { seededRandom } from "@fleetcore/load-tests"
import { describe, expect, it } from "vitest"
import { KAZAKH_PLATE, kazakhPlate, vinFor } from "./demoIdentifiers.js"

describe("demo identifiers", () => {
  it("makes Kazakh plates: three digits, three Latin letters, a region 01–20", () => {
    const random = seededRandom(7)
    const plates = Array.from({ length: 2000 }, () => kazakhPlate(random))
    for (const p of plates) expect(p).toMatch(KAZAKH_PLATE)
    const regions = new Set(plates.map((p) => p.slice(-2)))
    expect(regions.size).toBe(20)
  })

  it("gives the same plates for the same seed", () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    expect(Array.from({ length: 5 }, () => kazakhPlate(a))).toEqual(
      Array.from({ length: 5 }, () => kazakhPlate(b)),
    )
  })

  it("makes 17-character VINs whose check digit holds, without I, O or Q", () => {
    const random = seededRandom(3)
    for (const [i, wmi] of ["1G1", "5NP", "4T1", "KMH", "XTA"].entries()) {
      const vin = vinFor(random, wmi, 2015 + i, 1000 + i)
      expect(vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/u)
      expect(vin.startsWith(wmi)).toBe(true)
      expect(vin[8]).toBe(vinCheckDigit(vin))
      expect(vinProblem(vin)).toBeUndefined()
    }
  })
})
