import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { LOCALES } from "../endpoints/common.js"
import { ALL_ENDPOINTS } from "../endpoints/index.js"
import { CHECK_MESSAGES } from "./checkMessages.js"
import { errorMessage } from "./errorMessage.js"
import { languageOf } from "./language.js"
import { ERROR_MESSAGES } from "./messages.js"
import { placeholdersOf } from "./placeholders.js"
import { SCHEMA_ISSUE_MESSAGES, SCHEMA_TYPES } from "./schemaIssueMessages.js"

const entries = Object.entries({
  ...ERROR_MESSAGES,
  ...SCHEMA_ISSUE_MESSAGES,
  ...SCHEMA_TYPES,
  ...CHECK_MESSAGES,
})

/** The codes of the API section of docs/errors.md (the device-ingest section is not the API's). */
const documentedApiCodes = (): ReadonlyArray<string> => {
  const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8")
  const api = doc.slice(doc.indexOf("\n## API"))
  // The first cell of each table row names the code(s) of that row.
  const cells = [...api.matchAll(/^\| ([^|]+) \|/gmu)].map((m) => m[1] ?? "")
  return [
    ...new Set(cells.flatMap((cell) => [...cell.matchAll(/`(FLEET_[A-Z_]+)`/gu)].map((m) => m[1] ?? ""))),
  ]
}

describe("error message catalogue", () => {
  it("has every code in en, ru, kk and tr with the same placeholders", () => {
    for (const [code, messages] of entries) {
      const expected = placeholdersOf(messages.en)
      for (const language of LOCALES) {
        const text = messages[language]
        expect(text.trim(), `${code} ${language}`).not.toBe("")
        expect(placeholdersOf(text), `${code} ${language}`).toEqual(expected)
      }
    }
  })

  it("is translated: no language repeats the English text", () => {
    for (const [code, messages] of entries) {
      if (messages.en.replace(/\{[a-zA-Z]+\}|[\s:.]/gu, "") === "") continue // only placeholders
      for (const language of ["ru", "kk", "tr"] as const) {
        expect(messages[language], `${code} ${language}`).not.toBe(messages.en)
      }
    }
  })

  it("covers every code the endpoints declare and every API code docs/errors.md lists", () => {
    const declared = ALL_ENDPOINTS.flatMap((e) => e.errors.map((x) => x.code)).filter((code) =>
      /^FLEET_[A-Z_]+$/u.test(code),
    )
    const missing = [...new Set([...declared, ...documentedApiCodes()])].filter(
      (code) => !Object.hasOwn(ERROR_MESSAGES, code),
    )
    expect(missing).toEqual([])
  })
})

describe("schema explanations", () => {
  it("has no key shared between the catalogues (one key, one message)", () => {
    const keys = [ERROR_MESSAGES, SCHEMA_ISSUE_MESSAGES, SCHEMA_TYPES, CHECK_MESSAGES].flatMap(Object.keys)
    expect(keys.length).toBe(new Set(keys).size)
  })

  it("no check of the contract carries an English message of its own instead of explained(key)", () => {
    const root = new URL("../", import.meta.url)
    const sources = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
      (path) => path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.startsWith("errors"),
    )
    const offending = sources.flatMap((path) => {
      const text = readFileSync(new URL(path, root), "utf8")
      // `message:` or `messageMissingKey:` with a text, or a filter's `issue:` given as a text.
      return /\bmessage[A-Za-z]*:\s*["'`]|\bissue:\s*["'`]/u.test(text) ? [path] : []
    })
    expect(offending).toEqual([])
  })
})

describe("errorMessage", () => {
  it("fills placeholders in the asked language", () => {
    expect(errorMessage("FLEET_QUERY_INVALID", "ru", { field: "page", detail: "an integer" })).toBe(
      "Неверный параметр запроса «page»: an integer",
    )
    expect(errorMessage("FLEET_AUTH_TOO_MANY_ATTEMPTS", "tr", { seconds: "4" })).toContain("4 sn")
  })

  it("is null for an unknown code or a placeholder without a value", () => {
    expect(errorMessage("FLEET_NO_SUCH_CODE", "ru", {})).toBeNull()
    expect(errorMessage("toString", "ru", {})).toBeNull()
    expect(errorMessage("FLEET_QUERY_INVALID", "kk", { field: "page" })).toBeNull()
  })
})

describe("languageOf (Accept-Language)", () => {
  it("picks the supported language with the highest weight, by primary subtag", () => {
    expect(languageOf("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru")
    expect(languageOf("de-DE, tr;q=0.5, kk;q=0.8")).toBe("kk")
    expect(languageOf("KK")).toBe("kk")
    expect(languageOf("fr, ru;q=0")).toBe("en")
  })

  it("is English when the header is absent, empty or names nothing supported", () => {
    expect(languageOf(undefined)).toBe("en")
    expect(languageOf("")).toBe("en")
    expect(languageOf("de, fr;q=0.5")).toBe("en")
    expect(languageOf(";;;,q=abc")).toBe("en")
  })
})
