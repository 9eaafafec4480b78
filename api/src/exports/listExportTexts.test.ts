import { ALERT_TYPES, ALL_ENDPOINTS, endpoints, LOCALES } from "@fleetcore/contract"
import type { SchemaAST } from "effect"
import { describe, expect, it } from "vitest"
import { ADDED_NAMES } from "./itemNames.js"
import { LIST_COLUMNS, LIST_EXPORT_TEXTS } from "./listExportColumns.js"
import { VALUE_SETS } from "./listTexts/ListExportTexts.js"

type Area = keyof typeof endpoints.listExports
const AREAS = Object.keys(endpoints.listExports) as ReadonlyArray<Area>

/** The string literals a field's type may take (through unions and null), empty for free text. */
const literalsOf = (ast: SchemaAST.AST): ReadonlyArray<string> =>
  ast._tag === "Literal"
    ? typeof ast.literal === "string"
      ? [ast.literal]
      : []
    : ast._tag === "Union"
      ? ast.types.flatMap(literalsOf)
      : []

/** The fields of the items of the list an export writes, by name. */
const itemFields = (area: Area): ReadonlyMap<string, SchemaAST.AST> => {
  const path = endpoints.listExports[area].path.replace(/\/export$/u, "")
  const list = ALL_ENDPOINTS.find((e) => e.method === "get" && e.path === path)
  if (list === undefined) throw new Error(`${area}: no list at ${path}`)
  const items = (list.response as unknown as { fields: { items: { ast: SchemaAST.AST } } }).fields.items.ast
  const element = items._tag === "Arrays" ? items.rest[0] : undefined
  if (element?._tag !== "Objects") throw new Error(`${area}: the list's items are not records`)
  return new Map(element.propertySignatures.map((p) => [String(p.name), p.type]))
}

const shape = (value: unknown): unknown =>
  typeof value === "object" && value !== null
    ? Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, shape(v)]),
      )
    : typeof value

describe("list export texts", () => {
  it("has the same keys in every language", () => {
    for (const language of LOCALES)
      expect(shape(LIST_EXPORT_TEXTS[language])).toEqual(shape(LIST_EXPORT_TEXTS.en))
  })

  it("has a title for every exported list and a label for every column, in every language", () => {
    for (const language of LOCALES) {
      const texts = LIST_EXPORT_TEXTS[language]
      for (const area of AREAS) {
        expect(texts.titles[area], `${language} title of ${area}`).toBeTruthy()
        for (const column of LIST_COLUMNS[area])
          expect(texts.labels[column.key], `${language} label ${column.key}`).toBeTruthy()
      }
    }
  })

  it("writes every enumerated field of every exported list in words, each value named in every language", () => {
    let checked = 0
    for (const area of AREAS) {
      const fields = itemFields(area)
      for (const column of LIST_COLUMNS[area]) {
        const type = fields.get(column.from ?? column.key)
        const added = (ADDED_NAMES as ReadonlyArray<string>).includes(column.key)
        expect(type !== undefined || added, `${area}.${column.key} is a field of the list's items`).toBe(true)
        const codes = type === undefined ? [] : literalsOf(type)
        if (codes.length === 0) continue
        // A field of the contract with a closed set of values is never written as its raw code.
        expect(column.values, `${area}.${column.key} is written in words`).toBeDefined()
        for (const language of LOCALES) {
          for (const code of codes) {
            const set = column.values ?? "yesNo"
            expect(LIST_EXPORT_TEXTS[language].values[set][code], `${language} ${set}.${code}`).toBeTruthy()
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it("names every alert type (a free string on the wire, the contract's ALERT_TYPES)", () => {
    for (const language of LOCALES)
      for (const type of ALERT_TYPES) expect(LIST_EXPORT_TEXTS[language].values.alertType[type]).toBeTruthy()
  })

  it("uses the dashboard's words, capitalised in the language's way (units excepted)", () => {
    for (const language of LOCALES)
      for (const set of VALUE_SETS.filter((s) => s !== "incidentUnit"))
        for (const word of Object.values(LIST_EXPORT_TEXTS[language].values[set]))
          expect(word.charAt(0)).toBe(word.charAt(0).toLocaleUpperCase(language))
    expect(LIST_EXPORT_TEXTS.ru.values.vehicleStatus.in_maintenance).toBe("На обслуживании")
    expect(LIST_EXPORT_TEXTS.kk.values.penaltyStatus.paid_by_driver).toBe("Растауды күтуде")
    expect(LIST_EXPORT_TEXTS.ru.values.incidentUnit.l).toBe("л")
  })
})
