import { type AnyEndpoint, pathParameters, type Wire } from "@fleetcore/contract"
import { Arbitrary, Effect, Result, Schema } from "effect"

/**
 * Calls of declared endpoints made from their declarations: schema-valid path parameters, query
 * strings and bodies sampled from the endpoint's own schemas (Effect's `Arbitrary`), so a test can
 * call every endpoint without a hand-written request per endpoint.
 */

/**
 * Realistic values for leaves whose checks are predicates a generator cannot aim at (a real calendar
 * day, an IANA time zone): such a leaf is generated from the values here that it accepts.
 */
const KNOWN_VALUES: ReadonlyArray<string> = [
  "2026-01-05T10:00:00Z",
  "2026-01-05T23:59:59.999+05:00",
  "2026-01-20T08:30:00Z",
  "2026-01-05",
  "2026-01-20",
  "2026-02-28",
  "Asia/Almaty",
  "Europe/Istanbul",
  "UTC",
]

type AnySchema = Schema.Top

const generates = (schema: AnySchema): boolean => {
  try {
    Effect.runSync(Arbitrary.sampleEffect(Arbitrary.schema(schema), { count: 3, seed: 1, size: 4 }))
    return true
  } catch {
    return false
  }
}

const friendlyCache = new WeakMap<AnySchema, AnySchema>()

/** `schema` with every leaf the generator cannot satisfy replaced by the known values it accepts. */
const friendly = (schema: AnySchema): AnySchema => {
  const cached = friendlyCache.get(schema)
  if (cached !== undefined) return cached
  const parts = schema as unknown as {
    readonly fields?: Record<string, AnySchema>
    readonly schema?: AnySchema
    readonly members?: ReadonlyArray<AnySchema>
    readonly value?: AnySchema
  }
  let out: AnySchema = schema
  if (schema.ast.context?.isOptional === true && parts.schema !== undefined) {
    out = Schema.optionalKey(friendly(parts.schema))
  } else if (parts.fields !== undefined) {
    out = Schema.Struct(Object.fromEntries(Object.entries(parts.fields).map(([k, v]) => [k, friendly(v)])))
  } else if (parts.members !== undefined) {
    out = Schema.Union(parts.members.map(friendly))
  } else if (schema.ast._tag === "Arrays" && parts.value !== undefined) {
    out = Schema.Array(friendly(parts.value))
  } else if (!generates(schema)) {
    const fits = KNOWN_VALUES.filter((v) => Schema.is(schema)(v))
    if (fits.length > 0) out = Schema.Literals(fits)
  }
  friendlyCache.set(schema, out)
  return out
}

/**
 * One value of `schema` in its wire form (what goes into JSON or a query string), fixed by `seed`.
 * Generated from the schema itself (leaves it cannot aim at from `KNOWN_VALUES`), and checked
 * against the schema before it is used.
 */
export const sampleWire = (schema: Wire, seed: number): unknown => {
  const generator = friendly(schema) as Wire
  for (let attempt = 0; attempt < 20; attempt++) {
    const [value] = Effect.runSync(
      Arbitrary.sampleEffect(Arbitrary.schema(generator), { count: 1, seed: seed + attempt * 7919, size: 4 }),
    )
    const wire = Schema.encodeSync(generator)(value)
    if (Result.isSuccess(Schema.decodeUnknownResult(schema)(wire))) return wire
  }
  throw new Error(
    `no value of the schema ${JSON.stringify(Schema.toJsonSchemaDocument(schema).schema)} found`,
  )
}

/** A stable seed for a label ("users.update owner"), so every run sends the same requests. */
export const seedOf = (label: string): number => {
  let hash = 2166136261
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 16777619)
  return hash >>> 0
}

export interface CallParts {
  readonly params?: Readonly<Record<string, string>>
  readonly query?: unknown
  readonly body?: unknown
}

/** Sampled parts for every part the endpoint declares; `params` overrides sampled path parameters. */
export const sampleParts = (
  e: AnyEndpoint,
  seed: number,
  params: Readonly<Record<string, string>> = {},
): CallParts => ({
  params: {
    ...(e.params === undefined ? {} : (sampleWire(e.params, seed) as Record<string, string>)),
    ...params,
  },
  ...(e.query === undefined ? {} : { query: sampleWire(e.query, seed + 1) }),
  ...(e.body === undefined ? {} : { body: sampleWire(e.body, seed + 2) }),
})

export interface Answered {
  readonly status: number
  /** The `error.code` of an error answer, "" otherwise. */
  readonly code: string
  readonly contentType: string
  readonly text: string
  readonly json: unknown
}

/** The URL path and query string of a call. */
export const urlOf = (e: AnyEndpoint, parts: CallParts): string => {
  const path = e.path.replace(/:([A-Za-z0-9_]+)/gu, (_, name: string) =>
    encodeURIComponent(parts.params?.[name] ?? ""),
  )
  const query = new URLSearchParams(
    Object.entries((parts.query ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [
      k,
      String(v),
    ]),
  ).toString()
  return query === "" ? path : `${path}?${query}`
}

/** Calls an endpoint as the holder of `token` (or anonymously with null). */
export const callEndpoint = async (
  baseUrl: string,
  token: string | null,
  e: AnyEndpoint,
  parts: CallParts,
): Promise<Answered> => {
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (e.body !== undefined) headers["content-type"] = "application/json"
  const res = await fetch(`${baseUrl}${urlOf(e, parts)}`, {
    method: e.method.toUpperCase(),
    headers,
    ...(e.body === undefined ? {} : { body: JSON.stringify(parts.body ?? {}) }),
  })
  const text = await res.text()
  const contentType = res.headers.get("content-type") ?? ""
  let json: unknown = null
  if (contentType.startsWith("application/json") && text !== "") json = JSON.parse(text)
  const error = (json as { error?: { code?: unknown } } | null)?.error
  return {
    status: res.status,
    code: typeof error?.code === "string" ? error.code : "",
    contentType,
    text,
    json,
  }
}

/** The answer FleetCore gives to a path it has no route for. */
export const isNoSuchEndpoint = (a: Answered): boolean =>
  a.status === 404 && a.code === "FLEET_NOT_FOUND" && a.text.includes("no such endpoint")

/** The 404 code an endpoint with path parameters declares (serve's default otherwise). */
export const notFoundCode = (e: AnyEndpoint): string =>
  e.errors.find((x) => x.status === 404)?.code ?? "FLEET_NOT_FOUND"

/**
 * Whether an answer is one the declaration allows a caller who holds the permission: the success
 * status, a validation 400, the entity's 404, 413, or a declared error (with its declared code).
 * Never a sign-in or permission refusal, never a 5xx.
 */
export const isDeclaredAnswer = (e: AnyEndpoint, a: Answered): boolean => {
  if (a.status >= 500) return false
  if (a.status === e.status) return true
  // Any JSON body may be refused as unreadable text (a sampled string with an unpaired surrogate).
  if (a.status === 400 && a.code === "FLEET_BODY_NOT_JSON") return e.body !== undefined
  const declared = e.errors.filter((x) => x.status === a.status)
  if (declared.length > 0) return a.code === "" || declared.some((x) => x.code === a.code)
  if (a.status === 400) return e.params !== undefined || e.query !== undefined || e.body !== undefined
  if (a.status === 404) return pathParameters(e.path).length > 0 && a.code === notFoundCode(e)
  if (a.status === 413) return e.body !== undefined
  return false
}

/** The id of what a create endpoint answered: its `id`, or the `id` of an object inside it. */
export const idIn = (json: unknown): string | undefined => {
  if (typeof json !== "object" || json === null) return undefined
  const record = json as Record<string, unknown>
  if (typeof record.id === "string") return record.id
  for (const value of Object.values(record)) {
    const id = typeof value === "object" ? idIn(value) : undefined
    if (id !== undefined) return id
  }
  return undefined
}
