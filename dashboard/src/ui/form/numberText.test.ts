import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import type { Locale } from "../../i18n/locales"
import {
  MONEY,
  numberInput,
  numberSeparators,
  numberText,
  optionalNumberText,
  POSITIVE_MONEY,
  parseNumber,
  readNumber,
} from "./numberText"

const NBSP = "\u00a0"
const NNBSP = "\u202f"

describe("numbers typed into forms", () => {
  it("takes each language's separators from Intl", () => {
    expect(numberSeparators("en")).toEqual({ decimal: ".", group: "," })
    expect(numberSeparators("ru")).toEqual({ decimal: ",", group: NBSP })
    expect(numberSeparators("kk")).toEqual({ decimal: ",", group: NBSP })
    expect(numberSeparators("tr")).toEqual({ decimal: ",", group: "." })
  })

  it.each<[Locale, string, string]>([
    ["en", "45.5", "45.5"],
    ["en", "12,345.67", "12345.67"],
    ["en", "1,234,567", "1234567"],
    ["en", " 12 345.67 ", "12345.67"],
    ["ru", "45,5", "45.5"],
    ["ru", "45.5", "45.5"],
    ["ru", "12 345,67", "12345.67"],
    ["ru", `12${NBSP}345,67`, "12345.67"],
    ["ru", `1${NNBSP}234${NNBSP}567`, "1234567"],
    ["kk", "45,5", "45.5"],
    ["kk", `12${NBSP}345,67`, "12345.67"],
    ["kk", "0,75", "0.75"],
    ["tr", "45,5", "45.5"],
    ["tr", "12.345,67", "12345.67"],
    ["tr", "1.234.567", "1234567"],
    ["tr", "12 345,67", "12345.67"],
    // Both marks written: the last one is the decimal mark whatever the language.
    ["tr", "12,345.67", "12345.67"],
    ["en", "12.345,67", "12345.67"],
    ["ru", "007", "7"],
    ["ru", "45,50", "45.50"],
  ])("reads %s %j as %s", (locale, text, expected) => {
    expect(readNumber(text, locale)).toBe(expected)
  })

  it("reads a lone mark before three digits by the language's group separator", () => {
    expect(readNumber("1.234", "en")).toBe("1.234")
    expect(readNumber("1.234", "tr")).toBe("1234")
    expect(readNumber("1.234", "ru")).toBe("1.234")
    expect(readNumber("1.234", "kk")).toBe("1.234")
    expect(readNumber("1,234", "en")).toBe("1234")
    expect(readNumber("1,234", "tr")).toBe("1.234")
    expect(readNumber("1,234", "ru")).toBe("1.234")
    // Not a group: a leading zero, or more than three digits before the mark.
    expect(readNumber("0,125", "en")).toBe("0.125")
    expect(readNumber("1234.567", "tr")).toBe("1234.567")
  })

  it("reads that mark as a group in a whole-number field, and refuses decimals there", () => {
    const whole = { fractionDigits: 0 }
    expect(readNumber("1.234", "ru", whole)).toBe("1234")
    expect(readNumber("1,234", "ru", whole)).toBe("1234")
    expect(readNumber("12 345", "kk", whole)).toBe("12345")
    expect(readNumber("45,5", "ru", whole)).toBeNull()
    expect(readNumber("45.5", "en", whole)).toBeNull()
    expect(parseNumber("1.234.567", "en", whole)).toBe(1234567)
  })

  it.each<[Locale, string]>([
    ["en", ""],
    ["ru", "   "],
    ["ru", "1,2,3"],
    ["en", "1.2.3"],
    ["ru", "12a"],
    ["tr", "12,3a"],
    ["en", "12 34"],
    ["en", "1,23,456"],
    ["tr", "1.234 567"],
    ["ru", ",5"],
    ["ru", "5,"],
    ["ru", "1,,5"],
    ["en", "1e5"],
    ["en", "0x10"],
    ["en", "-5"],
    ["ru", "−5"],
    ["en", "+5"],
    ["en", "Infinity"],
  ])("refuses %s %j", (locale, text) => {
    expect(readNumber(text, locale)).toBeNull()
  })

  it("keeps the field's limits", () => {
    expect(readNumber("-5", "en", { min: -10 })).toBe("-5")
    expect(readNumber("−5,5", "ru", { min: -10 })).toBe("-5.5")
    expect(readNumber("-0", "en", { min: -10 })).toBe("0")
    expect(readNumber("11", "en", { max: 10 })).toBeNull()
    expect(readNumber("0", "en", { above: 0 })).toBeNull()
    expect(readNumber("0,01", "ru", { above: 0 })).toBe("0.01")
    expect(readNumber("1,234", "ru", { fractionDigits: 2 })).toBeNull()
  })

  it("keeps money as the digits typed, in the contract's shape", () => {
    expect(readNumber("12 345,67", "ru", MONEY)).toBe("12345.67")
    expect(readNumber("999 999 999 999,99", "ru", MONEY)).toBe("999999999999.99")
    expect(readNumber("1 000 000 000 000", "ru", MONEY)).toBeNull()
    expect(readNumber("0,1", "tr", MONEY)).toBe("0.1")
    expect(readNumber("12,345", "ru", MONEY)).toBeNull()
    expect(readNumber("0", "ru", POSITIVE_MONEY)).toBeNull()
    // Past the precision of a float: the digits typed, not the nearest double.
    expect(readNumber("9007199254740993,01", "ru", { fractionDigits: 2 })).toBe("9007199254740993.01")
  })

  it("validates form text through Standard Schema, empty allowed only where optional", () => {
    const validate = (schema: Schema.Codec<unknown, string>, text: string) => {
      const result = Schema.toStandardSchemaV1(schema)["~standard"].validate(text)
      if (result instanceof Promise) throw new Error("expected synchronous validation")
      return result.issues === undefined
    }
    const litres = numberText("ru", { fractionDigits: 2, above: 0 })
    expect(validate(litres, "45,5")).toBe(true)
    expect(validate(litres, "")).toBe(false)
    expect(validate(litres, "0")).toBe(false)
    const optional = optionalNumberText("tr", { fractionDigits: 0, max: 10_000 })
    expect(validate(optional, "")).toBe(true)
    expect(validate(optional, "1.500")).toBe(true)
    expect(validate(optional, "10.001")).toBe(false)
    expect(validate(optional, "1,5")).toBe(false)
  })

  it("shows a stored number with the language's decimal mark, read back the same", () => {
    expect(numberInput(45.5, "ru")).toBe("45,5")
    expect(numberInput("12345.67", "tr")).toBe("12345,67")
    expect(numberInput(1.234, "en")).toBe("1.234")
    expect(numberInput(null, "kk")).toBe("")
    for (const locale of ["en", "ru", "kk", "tr"] as const) {
      expect(readNumber(numberInput(1.234, locale), locale)).toBe("1.234")
      expect(readNumber(numberInput("12345.67", locale), locale, MONEY)).toBe("12345.67")
    }
  })
})
