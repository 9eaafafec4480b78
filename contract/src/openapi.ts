import { Schema } from "effect"
import { type AnyEndpoint, type Multipart, pathParameters, type Wire } from "./endpoint.js"
import { ROLE_PERMISSIONS, ROLES } from "./roles.js"

type JsonObject = { [key: string]: unknown }

/** The shape of every error answer. */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    code: Schema.String,
    message: Schema.String,
    field: Schema.optionalKey(Schema.NullOr(Schema.String)),
    /** Why `field` was refused, in the caller's language, without naming it (for under a form's label). */
    detail: Schema.optionalKey(Schema.String),
  }),
}).annotate({ identifier: "Error" })

/** The errors any endpoint may answer, from what it declares: validation, sign-in, permission, size. */
export const standardErrors = (e: AnyEndpoint): ReadonlyArray<{ status: number; code: string }> => {
  const out: Array<{ status: number; code: string }> = []
  const hasBody = e.body !== undefined || e.multipart !== undefined || e.textBody !== undefined
  if (e.params !== undefined || e.query !== undefined || hasBody) {
    out.push({ status: 400, code: "FLEET_*_INVALID" })
  }
  if (e.access !== "public") out.push({ status: 401, code: "FLEET_AUTH_REQUIRED" })
  if (e.access !== "public" && e.access !== "signedIn") out.push({ status: 403, code: "FLEET_FORBIDDEN" })
  if (hasBody) out.push({ status: 413, code: "FLEET_BODY_TOO_LARGE" })
  out.push({ status: 500, code: "FLEET_INTERNAL" })
  return out
}

/** Rewrites `#/$defs/X` references into OpenAPI's `#/components/schemas/X`. */
const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (typeof value !== "object" || value === null) return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(v)
  }
  return out
}

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) for a schema; its named parts go to `components`. */
const jsonSchema = (schema: Wire, components: JsonObject): JsonObject => {
  const doc = Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" })
  for (const [name, def] of Object.entries(doc.definitions ?? {})) components[name] = rewriteRefs(def)
  return rewriteRefs(doc.schema) as JsonObject
}

/** The object schema behind a top-level `$ref`, for splitting a struct into parameters. */
const resolve = (s: JsonObject, components: JsonObject): JsonObject => {
  const ref = s.$ref
  if (typeof ref !== "string") return s
  return (components[ref.replace("#/components/schemas/", "")] as JsonObject | undefined) ?? s
}

const parametersOf = (schema: Wire | undefined, where: "path" | "query", components: JsonObject) => {
  if (schema === undefined) return []
  const object = resolve(jsonSchema(schema, components), components)
  const properties = (object.properties ?? {}) as Record<string, JsonObject>
  const required = new Set((object.required ?? []) as ReadonlyArray<string>)
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: s,
  }))
}

/** A form's media type: its text fields, and the file parts as binary strings (OpenAPI 3.1). */
const multipartSchema = (m: Multipart, components: JsonObject): JsonObject => {
  const fields = resolve(jsonSchema(m.fields, components), components)
  const file = { type: "string", contentMediaType: "application/octet-stream" }
  return {
    schema: {
      type: "object",
      properties: {
        ...((fields.properties ?? {}) as JsonObject),
        [m.filesField]: { type: "array", items: file, minItems: 1, maxItems: m.maxFiles },
      },
      required: [...((fields.required ?? []) as ReadonlyArray<string>), m.filesField],
      additionalProperties: false,
    },
    encoding: { [m.filesField]: { contentType: "application/octet-stream" } },
  }
}

const rolesFor = (e: AnyEndpoint): ReadonlyArray<string> =>
  e.access === "public" || e.access === "signedIn"
    ? [e.access]
    : ROLES.filter(
        (r) =>
          ROLE_PERMISSIONS[r].has(e.access as never) &&
          (e.alsoRequires === undefined || ROLE_PERMISSIONS[r].has(e.alsoRequires)),
      )

export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
}

/** The OpenAPI 3.1 document of the declared endpoints. */
export const toOpenApi = (endpoints: ReadonlyArray<AnyEndpoint>, info: OpenApiInfo): JsonObject => {
  const components: JsonObject = {}
  const errorSchema = jsonSchema(ErrorBody, components)
  const paths: Record<string, JsonObject> = {}
  for (const e of endpoints) {
    const path = e.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")
    const responses: JsonObject = {}
    const success: JsonObject = { description: e.summary }
    if (e.response !== undefined) {
      success.content = { "application/json": { schema: jsonSchema(e.response, components) } }
    } else if (e.contentType !== undefined) {
      const types = typeof e.contentType === "string" ? [e.contentType] : e.contentType
      success.content = Object.fromEntries(types.map((t) => [t, { schema: { type: "string" } }]))
    }
    responses[String(e.status)] = success
    const byStatus = new Map<number, Array<string>>()
    for (const { status, code } of [...standardErrors(e), ...e.errors]) {
      byStatus.set(status, [...(byStatus.get(status) ?? []), code])
    }
    if (pathParameters(e.path).length > 0 && !byStatus.has(404)) byStatus.set(404, ["FLEET_*_NOT_FOUND"])
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: [...new Set(codes)].join(", "),
        content: { "application/json": { schema: errorSchema } },
      }
    }
    const operation: JsonObject = {
      operationId: e.id,
      tags: [e.tag],
      summary: e.summary,
      description: [e.description, `Roles: ${rolesFor(e).join(", ")}.`].filter(Boolean).join("\n\n"),
      "x-fleet-access": e.access,
      ...(e.alsoRequires === undefined ? {} : { "x-fleet-also-requires": e.alsoRequires }),
      parameters: [
        ...parametersOf(e.params, "path", components),
        ...parametersOf(e.query, "query", components),
      ],
      responses,
    }
    if (e.access !== "public") operation.security = [{ bearer: [] }, { cookie: [] }]
    if (e.body !== undefined) {
      operation.requestBody = {
        required: e.bodyOptional !== true,
        content: { "application/json": { schema: jsonSchema(e.body, components) } },
      }
    }
    if (e.multipart !== undefined) {
      operation.requestBody = {
        required: true,
        content: { "multipart/form-data": multipartSchema(e.multipart, components) },
      }
    }
    if (e.textBody !== undefined) {
      operation.requestBody = { required: true, content: { [e.textBody]: { schema: { type: "string" } } } }
    }
    paths[path] = { ...(paths[path] ?? {}), [e.method]: operation }
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: "fleet_session",
          description: "The dashboard's session; unsafe methods also send the x-fleet-csrf header.",
        },
      },
    },
  }
}
