import { ALL_ENDPOINTS, type AnyEndpoint } from "@fleetcore/contract"
import { Validator } from "@seriousme/openapi-schema-validator"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormats from "ajv-formats"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createUser, demoOrgId, type Harness, login, startHarness } from "./harness.js"

/**
 * `GET /api/v1/openapi.json` is a valid OpenAPI 3.1 document of exactly the declared endpoints, its
 * JSON Schemas compile and describe what the server answers, and `/api/v1/docs` serves a reference
 * page whose assets load.
 */
type Json = Record<string, unknown>

let h: Harness
let owner: ApiClient
let doc: Json

const METHODS = ["get", "post", "put", "patch", "delete"] as const
const OWNER_PASSWORD = "owner-password-for-openapi"

beforeAll(async () => {
  h = await startHarness()
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@openapi.example", OWNER_PASSWORD)
  owner = await login(h.fleet, "owner@openapi.example", OWNER_PASSWORD)
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/openapi.json`)
  expect(res.status).toBe(200)
  expect(res.headers.get("content-type")).toMatch(/^application\/json/u)
  doc = (await res.json()) as Json
})
afterAll(async () => {
  await h?.close()
})

const openApiPath = (e: AnyEndpoint): string => e.path.replace(/:([A-Za-z0-9_]+)/gu, "{$1}")

/** Every operation of the document, as [method, path, operation]. */
const operations = (): ReadonlyArray<readonly [string, string, Json]> =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) => [m, path, item[m] as Json] as const),
  )

/** A JSON Schema validator that resolves the document's `#/components/schemas/…` references. */
const makeAjv = (): Ajv2020 => {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats.default(ajv)
  const components = (doc.components as Json).schemas as Json
  ajv.addSchema(withRefsTo({ $id: "components.json", $defs: components }))
  return ajv
}

/** The document's `#/components/schemas/X` as `components.json#/$defs/X`, the schema `makeAjv` adds. */
const withRefsTo = (schema: unknown): Json =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components.json#/$defs/')) as Json

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 and its references resolve", async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe("3.1")
    expect(doc.openapi).toBe("3.1.0")
    expect(() => validator.resolveRefs()).not.toThrow()
  })

  it("lists exactly the declared endpoints, each with an operationId, tags and responses", () => {
    const listed = operations().map(([m, p, op]) => `${op.operationId as string} ${m} ${p}`)
    const declared = ALL_ENDPOINTS.map((e) => `${e.id} ${e.method} ${openApiPath(e)}`)
    expect([...listed].sort()).toEqual([...declared].sort())
    for (const [method, path, op] of operations()) {
      const label = `${method} ${path}`
      const e = ALL_ENDPOINTS.find((x) => x.id === op.operationId) as AnyEndpoint
      expect({ label, operationId: typeof op.operationId }).toEqual({ label, operationId: "string" })
      expect({ label, tags: op.tags }).toEqual({ label, tags: [e.tag] })
      const responses = op.responses as Record<string, Json>
      expect(Object.keys(responses), label).toContain(String(e.status))
      for (const [status, response] of Object.entries(responses)) {
        expect({ label, status, description: typeof response.description }).toEqual({
          label,
          status,
          description: "string",
        })
      }
      // Signed-in endpoints say how to sign in; public ones do not ask for it.
      expect({ label, secured: op.security !== undefined }).toEqual({ label, secured: e.access !== "public" })
      const pathParams = ((op.parameters ?? []) as ReadonlyArray<Json>).filter((p) => p.in === "path")
      expect(
        pathParams.map((p) => p.name),
        label,
      ).toEqual([...path.matchAll(/\{([^}]+)\}/gu)].map((m) => m[1]))
    }
  })

  it("has JSON Schemas that compile (2020-12, strict)", () => {
    const ajv = makeAjv()
    const schemas: Array<[string, unknown]> = []
    for (const [method, path, op] of operations()) {
      for (const p of (op.parameters ?? []) as ReadonlyArray<Json>) {
        schemas.push([`${method} ${path} parameter ${p.name as string}`, p.schema])
      }
      const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined
      if (body !== undefined) {
        const media = body["application/json"] ?? body["multipart/form-data"] ?? Object.values(body)[0]
        schemas.push([`${method} ${path} body`, media?.schema])
      }
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
          schemas.push([`${method} ${path} ${status} ${type}`, media.schema])
        }
      }
    }
    expect(schemas.length).toBeGreaterThan(ALL_ENDPOINTS.length)
    const broken = schemas.flatMap(([label, schema]) => {
      try {
        ajv.compile(withRefsTo(schema))
        return []
      } catch (error) {
        return [`${label}: ${String(error)}`]
      }
    })
    expect(broken).toEqual([])
  })

  it("describes what the server answers (every GET without a path parameter, as the owner)", async () => {
    const ajv = makeAjv()
    const gets = ALL_ENDPOINTS.filter((e) => e.method === "get" && !e.path.includes("/:"))
    expect(gets.length).toBeGreaterThan(0)
    const problems: Array<string> = []
    for (const e of gets) {
      const op = (doc.paths as Record<string, Json>)[openApiPath(e)]?.get as Json
      const res = await fetch(`${h.fleet.httpUrl}${e.path}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      })
      const text = await res.text()
      const label = `${e.id} answered ${res.status} ${text.slice(0, 300)}`
      const response = (op.responses as Record<string, Json>)[String(res.status)]
      if (response === undefined) {
        problems.push(`${label}\n  an undocumented status`)
        continue
      }
      const content = (response.content ?? {}) as Record<string, Json>
      const contentType = res.headers.get("content-type") ?? ""
      if (!Object.keys(content).some((t) => contentType.startsWith(t))) {
        problems.push(
          `${label}\n  content-type ${contentType}, documented ${Object.keys(content).join(", ")}`,
        )
      }
      const media = content["application/json"]
      if (media === undefined) continue
      const validate = ajv.compile(withRefsTo(media.schema))
      if (!validate(JSON.parse(text))) {
        problems.push(`${label}\n  ${ajv.errorsText(validate.errors, { separator: "\n  " })}`)
      }
    }
    expect(problems, problems.join("\n")).toEqual([])
  })
})

describe("the reference page", () => {
  it("is HTML whose stylesheets and scripts all load", async () => {
    const page = await fetch(`${h.fleet.httpUrl}/api/v1/docs`)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toMatch(/^text\/html/u)
    const html = await page.text()
    expect(html).toMatch(/^<!doctype html>/iu)
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/gu)].map((m) => m[1] as string)
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true)
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true)
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${h.fleet.httpUrl}/api/v1/docs`))
      const body = await res.text()
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 })
      expect(res.headers.get("content-type") ?? "", asset).toMatch(
        asset.endsWith(".css") ? /^text\/css/u : /javascript/u,
      )
      expect(body.length, asset).toBeGreaterThan(0)
    }
    // The page reads the document it is published beside.
    const scripts = await Promise.all(
      assets
        .filter((a) => a.endsWith(".js"))
        .map(async (a) => (await fetch(new URL(a, `${h.fleet.httpUrl}/api/v1/docs`))).text()),
    )
    expect(scripts.some((s) => s.includes("/api/v1/openapi.json"))).toBe(true)
  })
})
