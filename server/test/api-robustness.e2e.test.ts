import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, provision, startHarness } from "./harness.js"

/**
 * Walks every route FleetCore registers (from its route table, not a hand-made list) with
 * malformed path parameters, query strings and bodies, signed in and not: no answer may be a 5xx
 * and the process must keep serving.
 */
let h: Harness
let admin: ApiClient
let vehicleId = ""

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  vehicleId = (await provision(admin, "robust-1", "ROB 001")).vehicleId
})
afterAll(async () => {
  await h?.close()
})

const BAD_PARAMS = [
  "%E0%A4%A",
  "..%2f..%2fetc%2fpasswd",
  "x".repeat(1000),
  "not-a-uuid",
  "-".repeat(36),
  "%00",
  "00000000-0000-0000-0000-000000000000",
]
const BAD_QUERIES = [
  "?from=2024-01-01Tzz&to=2024-13-45T00:00:00Z",
  "?%E0%A4%A=1&from=%E0%A4%A",
  "?vehicleId=%00&limit=99999&status=nope",
  "?from=0000-00-00&to=0000-00-00&groupBy=year",
  "?from=2024-01-01T00:00:00Z&from=2024-01-02T00:00:00Z&to=x",
  "?q=%00&page=1",
]
const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`
const BAD_BODIES: ReadonlyArray<string> = [
  "{",
  "null",
  "[]",
  '"text"',
  "1e999999",
  deep,
  `{"a":${deep}}`,
  JSON.stringify({ name: "\u0000", email: "a\u0000@x", id: "\u0000" }),
  '{"name":"\\ud800","\\udc00":"x","plate":"A\\udfff"}',
  JSON.stringify({
    name: 1,
    time: "0000-00-00T00:00:00Z",
    startsAt: "2024-99-99T00:00:00Z",
    completedOn: "0000-00-00",
    commissionedOn: "2024-99-99",
    dailyLimit: "0",
    vehicleId: "-".repeat(36),
    vehicleTypeId: "00000000-0000-0000-0000-000000000000",
    from: "2024-13-45",
    to: "zz",
  }),
  JSON.stringify({ padding: "x".repeat(1_100_000) }),
]

const send = async (method: string, path: string, token: string | null, body?: string) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body }),
  })
  await r.arrayBuffer()
  return r.status
}

const httpMethod = (m: string) => (m === "del" ? "DELETE" : m.toUpperCase())
const fill = (pattern: string, value: string) => pattern.replace(/:[A-Za-z0-9_]+/g, value).replace("*", value)

describe("every route, malformed input", () => {
  it("enumerates the routes from the route table", () => {
    const patterns = h.fleet.routes.map((r) => r.pattern)
    expect(patterns).toContain("/api/v1/vehicles/:id/track")
    expect(patterns).toContain("/api/v1/maintenance/tasks/:id/complete")
    expect(h.fleet.routes.length).toBeGreaterThan(30)
  })

  it("answers malformed path parameters, query strings and bodies without a 5xx, and stays up", async () => {
    const failures: string[] = []
    const check = async (method: string, path: string, token: string | null, body?: string) => {
      const who = token ? "admin" : "anonymous"
      try {
        const status = await send(method, path, token, body)
        if (status >= 500) failures.push(`${status} ${method} ${path.slice(0, 120)} ${who}`)
      } catch (error) {
        failures.push(`${(error as Error).message} ${method} ${path.slice(0, 120)} ${who}`)
      }
    }
    // A route's ~130 requests eight at a time (a client sending in parallel, as browsers do); the
    // routes one after another.
    for (const { method, pattern } of h.fleet.routes) {
      const m = httpMethod(method)
      const hasBody = m === "POST" || m === "PUT" || m === "PATCH"
      const requests: Array<() => Promise<void>> = []
      for (const token of [admin.token, null]) {
        const params = pattern.includes(":") || pattern.includes("*") ? [...BAD_PARAMS, vehicleId] : [""]
        for (const p of params) {
          for (const q of ["", ...BAD_QUERIES])
            requests.push(() => check(m, `${fill(pattern, p)}${q}`, token, hasBody ? "{}" : undefined))
        }
        if (hasBody) {
          for (const b of BAD_BODIES) requests.push(() => check(m, fill(pattern, vehicleId), token, b))
        }
      }
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let next = requests.shift(); next !== undefined; next = requests.shift()) await next()
        }),
      )
    }
    expect(failures).toEqual([])
    expect(await send("GET", "/healthz", null)).toBe(200)
  })
})

describe("requests that used to crash the process or answer 500", () => {
  it("refuses a NUL in a query string and a lone surrogate in a body with 400 (found by schemathesis)", async () => {
    expect(await send("GET", "/api/v1/vehicles?q=%00", admin.token)).toBe(400)
    expect(await send("POST", "/api/v1/vehicles", admin.token, '{"name":"\\ud800"}')).toBe(400)
  })

  it("answers every method on a path outside the API with a 404, never a dropped connection", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(await send(method, "/healthz", null, "{}")).toBe(404)
      expect(await send(method, "/", null, "{}")).toBe(404)
    }
    expect(await send("GET", "/", null)).toBe(200)
  })

  it("answers a malformed percent-encoded path with 4xx, unauthenticated, and keeps serving", async () => {
    const status = await send("GET", "/api/v1/vehicles/%E0%A4%A/track", null)
    expect(status).toBe(400)
    // In the reader's language, about the address: the parameter's wire key only in `field`.
    const ru = await fetch(`${h.fleet.httpUrl}/api/v1/vehicles/%E0%A4%A/track`, {
      headers: { "accept-language": "ru" },
    })
    expect(((await ru.json()) as { error: unknown }).error).toMatchObject({
      code: "FLEET_PATH_INVALID",
      message: "Этот адрес недопустим: часть его искажена или слишком длинная.",
      field: "id",
    })
    expect(await send("GET", "/%E0%A4%A", null)).toBeLessThan(500)
    expect(await send("GET", "/healthz", null)).toBe(200)
  })

  it("names the field of an impossible date, date-time or amount", async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ["POST", "/api/v1/vehicles", { name: "Bad date", commissionedOn: "2024-99-99" }, "commissionedOn"],
      ["POST", "/api/v1/vehicles", { name: "Year zero", commissionedOn: "0000-00-00" }, "commissionedOn"],
      ["POST", "/api/v1/fuel-cards", { name: "Card", currency: "KZT", dailyLimit: "0" }, "dailyLimit"],
      [
        "POST",
        `/api/v1/vehicles/${vehicleId}/fuel-entries`,
        { time: "0000-01-01T00:00:00Z", litres: 10, amount: "100.00", currency: "KZT", odometerKm: 10 },
        "time",
      ],
      [
        "POST",
        `/api/v1/vehicles/${vehicleId}/odometer-readings`,
        { valueKm: 10, at: "0000-01-01T00:00:00Z" },
        "at",
      ],
      [
        "POST",
        `/api/v1/vehicles/${vehicleId}/assignments`,
        { driverId: "00000000-0000-4000-8000-000000000000", startsAt: "0000-01-01T00:00:00Z" },
        "startsAt",
      ],
      [
        "POST",
        "/api/v1/maintenance/tasks/00000000-0000-4000-8000-000000000000/complete",
        { odometerKm: 1000, completedOn: "2024-99-99" },
        "completedOn",
      ],
      ["GET", "/api/v1/alerts?from=2024-01-01Tzz", undefined, "from"],
      ["GET", "/api/v1/alerts?to=2024-13-45T00:00:00Z", undefined, "to"],
      ["GET", `/api/v1/vehicles/${vehicleId}/mileage?from=2024-02-30&to=2024-03-01`, undefined, "from"],
    ]
    for (const [method, path, body, field] of cases) {
      const r = await admin.call<{ error: { field?: string } }>(method, path, body)
      expect({ path, status: r.status, field: r.body.error.field }).toEqual({ path, status: 400, field })
    }
  })
})
