import { type Reason, reason } from "@fleetcore/contract"
import type { FunctionCatalogue } from "./functionCatalogue.js"

/** Table functions that read no stored data: number and value generators. */
export const ALLOWED_TABLE_FUNCTIONS = new Set([
  "numbers",
  "numbers_mt",
  "zeros",
  "zeros_mt",
  "generate_series",
  "generateSeries",
  "values",
])

/** The node kinds of `EXPLAIN AST` a SELECT is made of; anything else is refused. */
const SELECT_NODES = new Set([
  "SelectWithUnionQuery",
  "SelectIntersectExceptQuery",
  "SelectQuery",
  "ExpressionList",
  "Asterisk",
  "QualifiedAsterisk",
  "ColumnsListMatcher",
  "ColumnsRegexpMatcher",
  "QualifiedColumnsListMatcher",
  "QualifiedColumnsRegexpMatcher",
  "ColumnsTransformerList",
  "ColumnsApplyTransformer",
  "ColumnsExceptTransformer",
  "ColumnsReplaceTransformer",
  "ColumnsReplaceTransformerReplacement",
  "TablesInSelectQuery",
  "TablesInSelectQueryElement",
  "TableExpression",
  "TableIdentifier",
  "TableJoin",
  "ArrayJoin",
  "Subquery",
  "Identifier",
  "Function",
  "Literal",
  "WithElement",
  "OrderByElement",
  "WindowDefinition",
  "WindowListElement",
  "InterpolateElement",
  "SampleRatio",
  "Interval",
])

export type AstVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: Reason }

interface Line {
  readonly depth: number
  readonly kind: string
  readonly name: string
}

const parse = (line: string): Line => {
  const depth = line.length - line.trimStart().length
  const body = line
    .trim()
    .replace(/ \(children \d+\)$/u, "")
    .replace(/ \(alias [^)]*\)$/u, "")
  const space = body.indexOf(" ")
  return space < 0
    ? { depth, kind: body, name: "" }
    : { depth, kind: body.slice(0, space), name: body.slice(space + 1) }
}

/**
 * Checks ClickHouse's own parse of an analyst's query (the lines of `EXPLAIN AST`): only SELECT
 * constructs, no SETTINGS, tables of no database but the organisation's (`databases` = every
 * database the server has), table functions that read no data, functions of the catalogue.
 */
export const checkAst = (
  lines: ReadonlyArray<string>,
  orgDatabase: string,
  databases: ReadonlySet<string>,
  functions: FunctionCatalogue,
): AstVerdict => {
  const root = lines.find((l) => l.trim().length > 0)
  const rootKind = root === undefined ? "" : parse(root).kind
  if (rootKind !== "SelectWithUnionQuery") {
    return {
      ok: false,
      reason: reason("selectOnly", { kind: rootKind.replace(/Query$/u, "") || "—" }),
    }
  }
  const stack: Line[] = []
  for (const raw of lines) {
    if (raw.trim().length === 0) continue
    const node = parse(raw)
    while (stack.length > 0 && (stack[stack.length - 1] as Line).depth >= node.depth) stack.pop()
    const parent = stack[stack.length - 1]
    stack.push(node)
    if (node.kind === "Set") return { ok: false, reason: reason("noSettings") }
    if (!SELECT_NODES.has(node.kind)) return { ok: false, reason: reason("selectOnly", { kind: node.kind }) }
    if (node.kind === "Function") {
      const name = node.name.split(" ")[0] ?? ""
      if (parent?.kind === "TableExpression") {
        if (!ALLOWED_TABLE_FUNCTIONS.has(name))
          return { ok: false, reason: reason("tableFunctionRefused", { name }) }
      } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(name) || !functions.allows(name)) {
        return { ok: false, reason: reason("functionRefused", { name }) }
      }
    }
    if (node.kind === "TableIdentifier" || node.kind === "Identifier") {
      const name = node.name.split(" ")[0] ?? ""
      const dot = name.indexOf(".")
      if (dot > 0) {
        const db = name.slice(0, dot)
        if (db !== orgDatabase && (databases.has(db) || databases.has(db.toLowerCase()))) {
          return { ok: false, reason: reason("foreignTable", { name }) }
        }
      }
    }
  }
  return { ok: true }
}
