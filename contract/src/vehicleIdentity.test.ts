import { describe, expect, it } from "vitest"
import { reason } from "./errors/reason.js"
import {
  normalisePlate,
  normaliseVin,
  PLATE_PATTERN,
  plateSearchKey,
  vinCheckDigit,
  vinProblem,
  vinSearchKey,
} from "./vehicleIdentity.js"

describe("VIN rules", () => {
  it("computes the ISO 3779 check digit, X for a remainder of 10", () => {
    expect(vinCheckDigit("1HGBH41JXMN109186")).toBe("X")
    expect(vinCheckDigit("1M8GDM9AXKP042788")).toBe("X")
    expect(vinCheckDigit("11111111111111111")).toBe("1")
    expect(vinCheckDigit("1HGBH41JXMN10918")).toBeUndefined()
  })

  it("accepts a North-American VIN only with the right check digit", () => {
    expect(vinProblem("1HGBH41JXMN109186")).toBeUndefined()
    expect(vinProblem("1HGBH41J7MN109999")).toBeUndefined()
    expect(vinProblem("1HGBH41JXMN109999")).toEqual(reason("vinCheckDigit", { expected: "7" }))
  })

  it("does not ask a check digit of VINs from outside North America", () => {
    expect(vinProblem("WD3PE7CC7B5500001")).toBeUndefined()
    expect(vinProblem("JTDKB20U093123456")).toBeUndefined()
  })

  it("refuses I, O and Q and any length but 17", () => {
    expect(vinProblem("WD3PE7CC7B550000I")).toEqual(reason("vin"))
    expect(vinProblem("WD3PE7CC7B55000O1")).toEqual(reason("vin"))
    expect(vinProblem("WD3PE7CC7B5500001X")).toEqual(reason("vin"))
  })

  it("normalises case and surrounding spaces", () => {
    expect(normaliseVin(" wd3pe7cc7b5500001 ")).toBe("WD3PE7CC7B5500001")
  })
})

describe("plate rules", () => {
  it("normalises to upper case with single spaces", () => {
    expect(normalisePlate(" 123  abc 02 ")).toBe("123 ABC 02")
    expect(normalisePlate("b-tc-1234")).toBe("B-TC-1234")
  })

  it("accepts local formats and refuses punctuation and empty plates", () => {
    for (const plate of ["123 ABC 02", "B-TC-1234", "А123ВС77", "7"])
      expect(PLATE_PATTERN.test(plate)).toBe(true)
    for (const plate of ["", " ", "-12", "12/34", "ABC_1", "123456789012345678901"])
      expect(PLATE_PATTERN.test(plate)).toBe(false)
  })
})

describe("plate search keys per country", () => {
  it("reads a Russian plate typed in Cyrillic or Latin, with or without its RUS marking, as one plate", () => {
    for (const typed of ["А123ВС 77", "a123bc77", "А 123 ВС 77 RUS", "A-123-BC-77", "а123вс77rus"])
      expect(plateSearchKey(typed, "RU")).toBe("A123BC77")
  })

  it("drops Kazakhstan's KZ marking and maps Cyrillic look-alikes in Kazakh plates", () => {
    for (const typed of ["123 ABC 02", "KZ 123 ABC 02", "123-авс-02", "kz123abc02"])
      expect(plateSearchKey(typed, "KZ")).toBe("123ABC02")
  })

  it("reads Turkish plates, their TR marking and the dotted capital I", () => {
    for (const typed of ["34 ABC 123", "TR 34-ABC-123", "34abc123"])
      expect(plateSearchKey(typed, "TR")).toBe("34ABC123")
    expect(plateSearchKey("06 İKİ 42", "TR")).toBe("06IKI42")
  })

  it("keeps a marking that is part of another country's plate, and gives nothing for an empty plate", () => {
    expect(plateSearchKey("KZ 123", "RU")).toBe("KZ123")
    expect(plateSearchKey(" - ", "KZ")).toBeUndefined()
    expect(plateSearchKey("а 777 мм 97", null)).toBe("A777MM97")
  })

  it("reads a VIN without separators, in upper case", () => {
    expect(vinSearchKey(" wd3pe7cc7b-5500001 ")).toBe("WD3PE7CC7B5500001")
  })
})
