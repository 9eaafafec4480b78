import { HttpError } from "@fleetcore/platform"
import { Result, Schema, SchemaIssue } from "effect"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const pathText = (
  path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined,
): string | null => {
  const parts = (path ?? []).map((p) => (typeof p === "object" ? p.key : p))
  return parts.length === 0
    ? null
    : parts.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("")
}

/** Validates input against a schema; a failure is a 400 naming the first field at fault. */
export const decodeOr400 = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  code: string,
): S["Type"] => {
  const result = Schema.decodeUnknownResult(schema, { onExcessProperty: "error" })(input)
  if (Result.isSuccess(result)) return result.success
  const first = formatter(result.failure.issue).issues[0]
  const field = pathText(first?.path)
  throw new HttpError(400, code, `${field ?? "body"}: ${first?.message ?? "invalid"}`, field)
}

/** Parses a JSON request body, or answers 400. */
export const jsonBody = (body: Buffer): unknown => {
  if (body.length === 0) throw new HttpError(400, "FLEET_BODY_REQUIRED", "a JSON body is required")
  try {
    return JSON.parse(body.toString("utf8"))
  } catch (error) {
    throw new HttpError(400, "FLEET_BODY_NOT_JSON", `the body is not valid JSON: ${(error as Error).message}`)
  }
}
