import { explanationText } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { checkAst } from "./astCheck.js"
import { catalogueOf } from "./functionCatalogue.js"
import { offendingSource } from "./queryTreeCheck.js"

const functions = catalogueOf([
  { name: "count", categories: "Aggregate Functions", is_aggregate: 1, case_insensitive: 1, alias_to: "" },
  { name: "sum", categories: "Aggregate Functions", is_aggregate: 1, case_insensitive: 1, alias_to: "" },
  { name: "plus", categories: "Arithmetic", is_aggregate: 0, case_insensitive: 0, alias_to: "" },
  { name: "dictGet", categories: "Dictionary", is_aggregate: 0, case_insensitive: 0, alias_to: "" },
  { name: "file", categories: "Other", is_aggregate: 0, case_insensitive: 0, alias_to: "" },
])
const DBS = new Set([
  "default",
  "system",
  "information_schema",
  "INFORMATION_SCHEMA",
  "fleet_org_a",
  "fleet_org_b",
])
const check = (ast: string) => checkAst(ast.split("\n"), "fleet_org_a", DBS, functions)
/** Why `ast` is refused, in English; null when it is not. */
const reasonOf = (ast: string): string | null => {
  const verdict = check(ast)
  return verdict.ok ? null : explanationText({ path: [], ...verdict.reason }, "en")
}

// EXPLAIN AST of `SELECT sumIf(x, 1), COUNT() FROM positions`, as ClickHouse 26.7 prints it.
const OWN = `SelectWithUnionQuery (children 1)
 ExpressionList (children 1)
  SelectQuery (children 2)
   ExpressionList (children 2)
    Function sumIf (children 1)
     ExpressionList (children 2)
      Identifier x
      Literal UInt64_1
    Function COUNT (children 1)
     ExpressionList
   TablesInSelectQuery (children 1)
    TablesInSelectQueryElement (children 1)
     TableExpression (children 1)
      TableIdentifier positions`

describe("checkAst", () => {
  it("accepts a SELECT of the organisation's tables with aggregates, combinators and any case", () => {
    expect(check(OWN)).toEqual({ ok: true })
  })

  it("refuses another database's table, named or in IN", () => {
    expect(reasonOf(OWN.replace("TableIdentifier positions", "TableIdentifier default.positions"))).toBe(
      "default.positions is not one of your organisation's tables",
    )
    expect(check(OWN.replace("Identifier x", "Identifier fleet_org_b.positions")).ok).toBe(false)
    expect(check(OWN.replace("TableIdentifier positions", "TableIdentifier fleet_org_a.positions")).ok).toBe(
      true,
    )
  })

  it("refuses table functions but the generators, and functions outside the safe categories", () => {
    const tableFunction = (name: string) =>
      OWN.replace(
        "      TableIdentifier positions",
        `      Function ${name} (children 1)\n       ExpressionList`,
      )
    expect(reasonOf(tableFunction("file"))).toBe("table function file() is not allowed")
    expect(check(tableFunction("numbers")).ok).toBe(true)
    expect(reasonOf(OWN.replace("Function COUNT", "Function dictGet"))).toBe(
      "function dictGet() is not allowed",
    )
    expect(reasonOf(OWN.replace("Function COUNT", "Function file"))).toBe("function file() is not allowed")
  })

  it("refuses SETTINGS and anything but a SELECT", () => {
    expect(reasonOf(`${OWN}\n   Set`)).toBe("SETTINGS are not allowed: the limits are fixed")
    expect(reasonOf("InsertQuery (children 1)\n Identifier positions")).toBe(
      "only SELECT queries are allowed (found Insert)",
    )
  })
})

describe("offendingSource", () => {
  it("names the first resolved table outside the organisation's database", () => {
    const tree = [
      "      TABLE id: 3, alias: __table1, table_name: fleet_org_a.positions",
      "      TABLE id: 5, alias: __table2, table_name: system.one",
      "      TABLE id: 7, alias: __table3, table_name: default.trips",
    ]
    expect(offendingSource(tree, "fleet_org_a")).toBe("default.trips")
    expect(offendingSource(tree.slice(0, 2), "fleet_org_a")).toBeNull()
    expect(
      offendingSource(["  TABLE_FUNCTION id: 9, alias: __table1, table_function_name: url"], "fleet_org_a"),
    ).toBe("url()")
  })
})
