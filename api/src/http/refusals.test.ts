import { readdirSync, readFileSync } from "node:fs"
import { ALL_ENDPOINTS, ERROR_MESSAGES } from "@fleetcore/contract"
import ts from "typescript"
import { describe, expect, it } from "vitest"
import { notFoundCode } from "./serve.js"

const catalogue: Readonly<Record<string, { readonly en: string }>> = ERROR_MESSAGES

/** What `notFoundCode(e)` answers for a malformed path parameter, over every endpoint with one. */
const pathNotFoundCodes = [...new Set(ALL_ENDPOINTS.filter((e) => e.params !== undefined).map(notFoundCode))]

/** The codes an `HttpError`'s code argument can be, or null when the source does not say. */
const codesOf = (node: ts.Expression): ReadonlyArray<string> | null => {
  if (ts.isStringLiteralLike(node)) return [node.text]
  if (ts.isParenthesizedExpression(node)) return codesOf(node.expression)
  if (ts.isConditionalExpression(node)) {
    const [yes, no] = [codesOf(node.whenTrue), codesOf(node.whenFalse)]
    return yes === null || no === null ? null : [...yes, ...no]
  }
  if (ts.isCallExpression(node) && node.expression.getText() === "notFoundCode") return pathNotFoundCodes
  return null
}

/**
 * Why a `new HttpError(status, code, message, field)` call would leave English (or a wire key) in
 * an answer to a Russian, Kazakh or Turkish caller; null when it cannot. Such a call is fine only
 * when its code's message in the catalogue stands whole in every language: no `{detail}` (the
 * English text would fill it) and no `{field}` (the wire key would name the field). Anything else
 * is a refusal with a reason: `refuse(status, code, field, reason(key))` (refuse.ts).
 */
const offence = (call: ts.NewExpression): string | null => {
  const [, code] = call.arguments ?? []
  if (code === undefined) return "no code"
  const codes = codesOf(code)
  if (codes === null) return `code ${code.getText()} is not a literal`
  for (const c of codes) {
    const template = Object.hasOwn(catalogue, c) ? catalogue[c]?.en : undefined
    if (template === undefined) return `${c} is not in the catalogue`
    if (/\{(detail|field)\}/u.test(template)) return `${c} takes {detail} or {field}: use refuse(...)`
  }
  return null
}

const root = new URL("../", import.meta.url)
const sources = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
  (path) => path.endsWith(".ts") && !path.endsWith(".test.ts"),
)

/** Each `new HttpError(...)` in api/src that would answer a non-English caller in English. */
const offending = (): ReadonlyArray<string> =>
  sources.flatMap((path) => {
    const file = ts.createSourceFile(
      path,
      readFileSync(new URL(path, root), "utf8"),
      ts.ScriptTarget.Latest,
      true,
    )
    const found: Array<string> = []
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText() === "HttpError") {
        const why = offence(node)
        const { line } = file.getLineAndCharacterOfPosition(node.getStart())
        if (why !== null) found.push(`${path}:${line + 1} ${why}`)
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
    return found
  })

describe("refusals of the API, in the caller's language", () => {
  it("no HttpError carries an English sentence into {detail} or a wire key into {field}", () => {
    expect(offending()).toEqual([])
  })

  it("finds such a call when one is written (the check itself works)", () => {
    const probe = ts.createSourceFile(
      "probe.ts",
      'throw new HttpError(400, "FLEET_VEHICLE_INVALID", "plate: too long", "plate")\n' +
        'throw new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")\n' +
        "throw new HttpError(400, code, message)\n",
      ts.ScriptTarget.Latest,
      true,
    )
    const calls: Array<ts.NewExpression> = []
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node)) calls.push(node)
      ts.forEachChild(node, visit)
    }
    visit(probe)
    expect(calls.map(offence)).toEqual([
      "FLEET_VEHICLE_INVALID takes {detail} or {field}: use refuse(...)",
      null,
      "code code is not a literal",
    ])
  })
})
