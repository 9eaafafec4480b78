import { flatten } from "@solid-primitives/i18n"
import { describe, expect, it } from "vitest"
import { dictionaries, locales } from "./locales"

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()
const strings = (locale: (typeof locales)[number]) =>
  Object.entries(flatten(dictionaries[locale])).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  )

describe("dictionaries", () => {
  const reference = new Map(strings("en"))

  for (const locale of locales) {
    it(`${locale} has every English string, non-empty, with the same placeholders`, () => {
      const entries = new Map(strings(locale))
      expect([...entries.keys()].sort()).toEqual([...reference.keys()].sort())
      for (const [key, text] of entries) {
        expect(text.trim(), key).not.toBe("")
        expect(placeholders(text), key).toEqual(placeholders(reference.get(key) ?? ""))
      }
    })
  }
})
