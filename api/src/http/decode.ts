import { type Explanation, explainIssue } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { Result, Schema } from "effect"
import { ExplainedError } from "./refuse.js"

const pathText = (path: ReadonlyArray<PropertyKey>): string | null =>
  path.length === 0
    ? null
    : path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("")

/** A 400 for input that fails its schema, naming the first field at fault (explainIssue). */
export class InvalidInput extends ExplainedError {
  constructor(code: string, explanation: Explanation) {
    const field = pathText(explanation.path)
    super(400, code, explanation, field, field ?? "body")
  }
}

/** Validates input against a schema; a failure is a 400 naming the first field at fault. */
export const decodeOr400 = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  code: string,
): S["Type"] => {
  const result = Schema.decodeUnknownResult(schema, { onExcessProperty: "error" })(input)
  if (Result.isSuccess(result)) return result.success
  throw new InvalidInput(code, explainIssue(result.failure.issue))
}

/** The deepest nesting of arrays and objects a request body may have; no endpoint needs more than 4. */
export const MAX_JSON_DEPTH = 32

/**
 * The deepest nesting of `[`/`{` in JSON text, counted without recursion (brackets inside strings
 * do not count), so a hostile body is measured before it is parsed.
 */
export const jsonDepth = (text: string): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth)
    else if (c === 93 || c === 125) depth--
  }
  return deepest
}

class UnstorableString extends Error {}

/** A NUL, or half of a surrogate pair: PostgreSQL text and jsonb cannot store either. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether text can be stored as PostgreSQL text (no NUL, no lone surrogate). */
export const isStorableText = (text: string): boolean =>
  !text.includes("\u0000") && !LONE_SURROGATE.test(text)

/**
 * Parses a JSON request body, or answers 400: empty, not JSON, nested deeper than
 * MAX_JSON_DEPTH, or holding a NUL character or a lone surrogate in a string or a key (PostgreSQL
 * text and jsonb cannot store them).
 */
export const jsonBody = (body: Buffer): unknown => {
  if (body.length === 0) throw new HttpError(400, "FLEET_BODY_REQUIRED", "a JSON body is required")
  const text = body.toString("utf8")
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpError(400, "FLEET_BODY_TOO_DEEP", `the body nests deeper than ${MAX_JSON_DEPTH} levels`)
  }
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (!isStorableText(key) || (typeof value === "string" && !isStorableText(value))) {
        throw new UnstorableString()
      }
      return value
    })
  } catch (error) {
    if (error instanceof UnstorableString) {
      throw new HttpError(
        400,
        "FLEET_BODY_NOT_JSON",
        "strings in the body must not contain NUL characters or unpaired surrogates",
      )
    }
    throw new HttpError(400, "FLEET_BODY_NOT_JSON", `the body is not valid JSON: ${(error as Error).message}`)
  }
}
