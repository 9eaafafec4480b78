import { EXPENSE_CATEGORIES, LOCALES } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { columnLabel, EXPORT_TEXTS } from "./exportTexts.js"

const shape = (value: unknown): unknown =>
  typeof value === "object" && value !== null
    ? Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, shape(v)]),
      )
    : typeof value

describe("export texts", () => {
  it("has the same keys in every language", () => {
    for (const language of LOCALES) expect(shape(EXPORT_TEXTS[language])).toEqual(shape(EXPORT_TEXTS.en))
  })

  it("labels every expense category, capitalised by the language's rules", () => {
    for (const language of LOCALES) {
      for (const category of EXPENSE_CATEGORIES) {
        const label = columnLabel(language, category)
        expect(label).not.toBe(category)
        expect(label.charAt(0)).toBe(label.charAt(0).toLocaleUpperCase(language))
      }
    }
    expect(columnLabel("ru", "fuel")).toBe("Топливо")
  })
})
