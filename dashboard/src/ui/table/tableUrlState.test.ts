import { describe, expect, it } from "vitest"
import { listQueryOf, nextSort, pageCount, readTableState, tableStateParams } from "./tableUrlState"

const filters = ["action", "user"]
const sorts = ["at", "name"]

describe("table URL state", () => {
  it("reads defaults from an empty query string", () => {
    expect(readTableState({}, filters, sorts)).toEqual({
      page: 1,
      pageSize: 50,
      sort: null,
      q: "",
      filters: {},
      hidden: [],
    })
  })

  it("reads page, size, sort, search, known filters and hidden columns", () => {
    const state = readTableState(
      {
        page: "3",
        pageSize: "100",
        sort: "-at",
        q: "truck",
        action: "user.create",
        other: "x",
        hide: "ip,agent",
      },
      filters,
      sorts,
    )
    expect(state).toEqual({
      page: 3,
      pageSize: 100,
      sort: "-at",
      q: "truck",
      filters: { action: "user.create" },
      hidden: ["ip", "agent"],
    })
  })

  it("ignores a malformed page, an oversized page size and an unknown sort", () => {
    const state = readTableState({ page: "-2", pageSize: "5000", sort: "password" }, filters, sorts)
    expect([state.page, state.pageSize, state.sort]).toEqual([1, 50, null])
  })

  it("leaves defaults out of the URL and goes back to page 1 when the search changes", () => {
    const current = readTableState({ page: "4", q: "a" }, filters, sorts)
    expect(tableStateParams(current, { q: "ab" }, filters)).toEqual({
      page: undefined,
      pageSize: undefined,
      sort: undefined,
      q: "ab",
      hide: undefined,
      action: undefined,
      user: undefined,
    })
  })

  it("keeps the page when only the page or the columns change", () => {
    const current = readTableState({ page: "4", sort: "name" }, filters, sorts)
    expect(tableStateParams(current, { page: 5 }, filters).page).toBe("5")
    expect(tableStateParams(current, { hidden: ["ip"] }, filters)).toMatchObject({ page: "4", hide: "ip" })
  })

  it("restarts at page 1 on a new filter or sort", () => {
    const current = readTableState({ page: "4" }, filters, sorts)
    expect(tableStateParams(current, { filters: { user: "u1" } }, filters)).toMatchObject({
      page: undefined,
      user: "u1",
    })
    expect(tableStateParams(current, { sort: "-at" }, filters)).toMatchObject({
      page: undefined,
      sort: "-at",
    })
  })

  it("round-trips through the URL", () => {
    const start = readTableState({}, filters, sorts)
    const params = tableStateParams(
      start,
      { q: "x", sort: "-name", filters: { action: "a.b" }, pageSize: 25 },
      filters,
    )
    const defined = Object.fromEntries(
      Object.entries(params).filter((kv): kv is [string, string] => kv[1] !== undefined),
    )
    expect(readTableState(defined, filters, sorts)).toEqual({
      page: 1,
      pageSize: 25,
      sort: "-name",
      q: "x",
      filters: { action: "a.b" },
      hidden: [],
    })
  })

  it("makes the list endpoint's query", () => {
    const state = readTableState({ page: "2", sort: "at", q: "z", user: "u" }, filters, sorts)
    expect(listQueryOf(state)).toEqual({ page: "2", pageSize: "50", sort: "at", q: "z", user: "u" })
  })

  it("cycles a column's sort: ascending, descending, default", () => {
    expect(nextSort(null, "at")).toBe("at")
    expect(nextSort("at", "at")).toBe("-at")
    expect(nextSort("-at", "at")).toBeNull()
    expect(nextSort("-name", "at")).toBe("at")
  })

  it("counts pages, at least one", () => {
    expect([pageCount(0, 50), pageCount(50, 50), pageCount(51, 50)]).toEqual([1, 1, 2])
  })
})
