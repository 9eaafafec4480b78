import { endpoints, makeClient } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { ALL_PAGES_MAX_ITEMS, fetchAllPages } from "./createAllPagesQuery"

/** A list server of `total` teams, answering `page`/`pageSize` as the API does; records the URLs asked. */
const teamServer = (total: number) => {
  const asked: string[] = []
  const send = async (request: { readonly url: string }) => {
    asked.push(request.url)
    const query = new URL(request.url, "http://fleet.test").searchParams
    const page = Number(query.get("page") ?? "1")
    const pageSize = Number(query.get("pageSize") ?? "50")
    const from = (page - 1) * pageSize
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`,
      name: `Team ${from + i}`,
      description: null,
      driverCount: 0,
      vehicleCount: 0,
      createdAt: "2026-12-01T00:00:00.000Z",
    }))
    return { items, total, page, pageSize }
  }
  return { asked, api: { call: makeClient({ send }).call, refresh: async () => undefined } }
}

describe("fetchAllPages", () => {
  it("returns every item of a list longer than one page, in order, keeping the caller's query", async () => {
    const { asked, api } = teamServer(450)
    const all = await fetchAllPages(api, endpoints.teams.list, { sort: "name" })
    expect(all.items.map((t) => t.name)).toEqual(Array.from({ length: 450 }, (_, i) => `Team ${i}`))
    expect(all.total).toBe(450)
    expect(asked).toHaveLength(3)
    expect(asked.every((url) => url.includes("sort=name") && url.includes("pageSize=200"))).toBe(true)
  })

  it("asks once for a short list and stops at the cap for a huge one", async () => {
    const short = teamServer(3)
    expect((await fetchAllPages(short.api, endpoints.teams.list, {})).items).toHaveLength(3)
    expect(short.asked).toHaveLength(1)
    const huge = teamServer(ALL_PAGES_MAX_ITEMS + 500)
    const capped = await fetchAllPages(huge.api, endpoints.teams.list, {})
    expect(capped.items).toHaveLength(ALL_PAGES_MAX_ITEMS)
    expect(capped.total).toBe(ALL_PAGES_MAX_ITEMS + 500)
  })
})
