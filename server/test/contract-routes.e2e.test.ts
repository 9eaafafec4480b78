import { ALL_ENDPOINTS } from "@fleetcore/contract"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, startHarness } from "./harness.js"

/**
 * The contract is the API: every route FleetCore serves under `/api/` (and the health, readiness
 * and metrics routes) is declared in `@fleetcore/contract`, and every declaration is served. Both
 * sides come from the running process (its route table) and `ALL_ENDPOINTS`, never from a list here.
 */
let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

/** The reference page's static files: served beside `/api/v1/docs`, not endpoints of the API. */
const isReferenceAsset = (pattern: string): boolean => /^\/api\/v1\/docs\/[^/]+\.(js|css)$/u.test(pattern)

const isApiPattern = (pattern: string): boolean =>
  pattern.startsWith("/api/") || ["/healthz", "/readyz", "/metrics"].includes(pattern)

/** "get /api/v1/users/:id": the route table says "del" where the contract says "delete". */
const key = (method: string, path: string): string => `${method === "del" ? "delete" : method} ${path}`

describe("routes and declarations", () => {
  it("every served API route is declared in the contract", () => {
    const declared = new Set(ALL_ENDPOINTS.map((e) => key(e.method, e.path)))
    const served = h.fleet.routes
      .filter((r) => isApiPattern(r.pattern) && !isReferenceAsset(r.pattern))
      .map((r) => key(r.method, r.pattern))
    expect(served.length).toBeGreaterThan(0)
    const undeclared = served.filter((r) => !declared.has(r))
    expect(
      undeclared,
      `served but not declared in @fleetcore/contract:\n  ${undeclared.join("\n  ")}`,
    ).toEqual([])
  })

  it("every declaration is served", () => {
    const served = new Set(h.fleet.routes.map((r) => key(r.method, r.pattern)))
    const unserved = ALL_ENDPOINTS.filter((e) => !served.has(key(e.method, e.path))).map(
      (e) => `${e.id}: ${key(e.method, e.path)}`,
    )
    expect(unserved, `declared but not served:\n  ${unserved.join("\n  ")}`).toEqual([])
  })

  it("no two declarations share an id or a method and path", () => {
    const ids = ALL_ENDPOINTS.map((e) => e.id)
    const routes = ALL_ENDPOINTS.map((e) => key(e.method, e.path))
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([])
  })

  it("the reference page's assets are the only undeclared routes under /api/v1/docs", () => {
    const assets = h.fleet.routes.filter((r) => isReferenceAsset(r.pattern))
    expect(assets.map((r) => r.method)).toEqual(assets.map(() => "get"))
    expect(assets.length).toBeGreaterThan(0)
  })
})
