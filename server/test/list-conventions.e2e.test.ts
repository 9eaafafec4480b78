import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/**
 * Every list pages (50 by default, at most 200), sorts by a declared field ("-" for descending),
 * searches with `q`, filters, and reports the total: shown here on vehicles and alerts.
 */
let h: Harness
let admin: ApiClient
const NAMES = ["Lorry Delta", "Lorry Alpha", "Van Echo", "Lorry Charlie", "Van Bravo"]
let vehicleIds: string[] = []

interface Page<T> {
  readonly items: ReadonlyArray<T>
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  vehicleIds = []
  for (const [i, name] of NAMES.entries()) {
    const r = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name, plate: `LST ${100 + i}` })
    expect(r.status).toBe(201)
    vehicleIds.push(r.body.id)
  }
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  // 60 alerts, one a minute, alternating types and severities, so paging, order and filters show.
  for (let i = 0; i < 60; i++) {
    await h.fleet.db.system.query(
      `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [
        org.rows[0]?.id,
        vehicleIds[i % vehicleIds.length],
        i % 3 === 0 ? "overspeed" : "device_offline",
        `k${i}`,
        i % 2 === 0 ? "warning" : "critical",
        new Date(Date.UTC(2026, 0, 1, 0, i)),
      ],
    )
  }
})
afterAll(async () => {
  await h?.close()
})

describe("vehicles list", () => {
  it("pages and counts", async () => {
    const first = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?pageSize=2")
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ total: 5, page: 1, pageSize: 2 })
    expect(first.body.items.map((v) => v.name)).toEqual(["Lorry Alpha", "Lorry Charlie"])
    const last = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?pageSize=2&page=3")
    expect(last.body.items.map((v) => v.name)).toEqual(["Van Echo"])
    const beyond = await admin.call<Page<unknown>>("GET", "/api/v1/vehicles?pageSize=2&page=9")
    expect(beyond.body).toMatchObject({ items: [], total: 5, page: 9 })
    const byDefault = await admin.call<Page<unknown>>("GET", "/api/v1/vehicles")
    expect(byDefault.body).toMatchObject({ total: 5, page: 1, pageSize: 50 })
  })

  it("sorts by a declared field, either way", async () => {
    const desc = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?sort=-name")
    expect(desc.body.items.map((v) => v.name)).toEqual([...NAMES].sort().reverse())
    const byPlate = await admin.call<Page<{ plate: string }>>("GET", "/api/v1/vehicles?sort=plate")
    expect(byPlate.body.items.map((v) => v.plate)).toEqual([
      "LST 100",
      "LST 101",
      "LST 102",
      "LST 103",
      "LST 104",
    ])
  })

  it("searches the name and plate with q, literally", async () => {
    const vans = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?q=van")
    expect(vans.body.items.map((v) => v.name)).toEqual(["Van Bravo", "Van Echo"])
    expect(vans.body.total).toBe(2)
    const byPlate = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?q=LST%20103")
    expect(byPlate.body.items.map((v) => v.name)).toEqual(["Lorry Charlie"])
    const anyCase = await admin.call<Page<{ name: string }>>("GET", "/api/v1/vehicles?q=vAN%20e")
    expect(anyCase.body.items.map((v) => v.name)).toEqual(["Van Echo"])
    // One column's end and the next one's start ("Van Echo", "LST 104") are no match.
    expect((await admin.call<Page<unknown>>("GET", "/api/v1/vehicles?q=echo%20lst")).body.total).toBe(0)
    expect((await admin.call<Page<unknown>>("GET", "/api/v1/vehicles?q=echolst")).body.total).toBe(0)
    // "%" and "_" are searched for, not used as wildcards.
    expect((await admin.call<Page<unknown>>("GET", "/api/v1/vehicles?q=%25")).body.total).toBe(0)
    expect((await admin.call<Page<unknown>>("GET", "/api/v1/vehicles?q=_")).body.total).toBe(0)
  })

  it("refuses a page size over 200, an unknown sort and an unknown parameter", async () => {
    for (const query of ["pageSize=201", "pageSize=0", "page=0", "sort=vin", "limit=5"]) {
      const r = await admin.call<{ error: { code: string } }>("GET", `/api/v1/vehicles?${query}`)
      expect({ query, status: r.status, code: r.body.error.code }).toEqual({
        query,
        status: 400,
        code: "FLEET_QUERY_INVALID",
      })
    }
  })
})

describe("alerts list", () => {
  it("pages by 50 by default, newest first, with the total", async () => {
    const first = await admin.call<Page<{ key: string; openedAt: string }>>("GET", "/api/v1/alerts")
    expect(first.body).toMatchObject({ total: 60, page: 1, pageSize: 50 })
    expect(first.body.items).toHaveLength(50)
    expect(first.body.items[0]?.key).toBe("k59")
    const second = await admin.call<Page<{ key: string }>>("GET", "/api/v1/alerts?page=2")
    expect(second.body.items.map((a) => a.key)).toEqual([
      "k9",
      "k8",
      "k7",
      "k6",
      "k5",
      "k4",
      "k3",
      "k2",
      "k1",
      "k0",
    ])
  })

  it("sorts oldest first on request", async () => {
    const asc = await admin.call<Page<{ key: string }>>("GET", "/api/v1/alerts?sort=openedAt&pageSize=3")
    expect(asc.body.items.map((a) => a.key)).toEqual(["k0", "k1", "k2"])
  })

  it("filters and searches, and the total counts what matched", async () => {
    const overspeed = await admin.call<Page<{ type: string }>>(
      "GET",
      "/api/v1/alerts?type=overspeed&pageSize=5",
    )
    expect(overspeed.body.total).toBe(20)
    expect(overspeed.body.items.every((a) => a.type === "overspeed")).toBe(true)
    const critical = await admin.call<Page<{ severity: string }>>(
      "GET",
      "/api/v1/alerts?q=offline&severity=critical",
    )
    // device_offline: i % 3 !== 0 (40 alerts), critical: odd i; both: 20.
    expect(critical.body.total).toBe(20)
    expect(critical.body.items.every((a) => a.severity === "critical")).toBe(true)
    const window = await admin.call<Page<{ key: string }>>(
      "GET",
      "/api/v1/alerts?from=2026-01-01T00:10:00Z&to=2026-01-01T00:13:00Z",
    )
    expect(window.body.items.map((a) => a.key)).toEqual(["k12", "k11", "k10"])
    const ofOne = await admin.call<Page<unknown>>("GET", `/api/v1/alerts?vehicleId=${vehicleIds[0]}`)
    expect(ofOne.body.total).toBe(12)
  })
})
