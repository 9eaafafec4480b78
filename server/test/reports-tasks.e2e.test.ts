import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { column, exportFiles } from "./exportFiles.js"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The tasks report (issue 15) in an organisation on Asia/Tokyo (UTC+9): tasks and their steps are
 * made through the API, then their history is moved to known instants (the API stamps "now"), so
 * every figure below is worked out by hand. A task made at 15:30 UTC on 1 March is made on 2 March
 * in Tokyo; one made at 16:00 UTC on 31 March belongs to April there and is not counted.
 */
const PASSWORD = "reports-tasks-password"
const PERIOD = "period=custom&from=2025-03-01&to=2025-03-31"
const BASE = "/api/v1/reports/tasks"

let h: Harness
let admin: ApiClient
let otherAdmin: ApiClient
let driver: ApiClient
const ids = { north: "", south: "", inspect: "", alice: "", bob: "", v1: "", v2: "" }
const other = { template: "", user: "" }

type Table = {
  columns: Array<{ key: string; kind: string }>
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  summary?: Array<{ key: string; kind: string; value: string | number | null }>
  charts: Array<{
    key: string
    categories: Array<string>
    series: Array<{ key: string; values: Array<number> }>
  }>
  filters: Array<{ key: string; name: string }>
}

const files = exportFiles(() => h.fleet.httpUrl)

const INSPECT = {
  name: "Inspect",
  states: [
    { key: "created", label: "Created", initial: true },
    { key: "done", label: "Done", final: true },
    { key: "cancelled", label: "Cancelled", final: true },
  ],
  transitions: [
    { from: "created", to: "done" },
    { from: "created", to: "cancelled" },
  ],
  triggers: [],
}

interface Made {
  readonly links: Record<string, string | null>
  /** The steps taken through the API, the last one final (or none: still open). */
  readonly steps: ReadonlyArray<string>
  readonly created: string
  readonly closed?: string
}

/** A task made and moved through the API, its history then set to the instants given. */
const makeTask = async (api: ApiClient, title: string, m: Made): Promise<string> => {
  const id = await files.created(api, "/api/v1/tasks", { title, ...m.links })
  for (const to of m.steps) {
    const r = await api.call("POST", `/api/v1/tasks/${id}/transitions`, { to })
    expect(r.status, `${title} → ${to}: ${JSON.stringify(r.body)}`).toBe(200)
  }
  const last = m.steps.at(-1)
  await h.fleet.db.system.query(
    `UPDATE task_events SET at = CASE
       WHEN kind = 'created' THEN $2::timestamptz
       WHEN kind = 'status_change' AND to_status = $4 AND $3::timestamptz IS NOT NULL THEN $3::timestamptz
       ELSE $2::timestamptz + interval '1 minute' END
     WHERE task_id = $1`,
    [id, m.created, m.closed ?? null, last ?? ""],
  )
  await h.fleet.db.system.query(
    "UPDATE tasks SET created_at = $2, closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1",
    [id, m.created, m.closed ?? null],
  )
  return id
}

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-tasks-a", PASSWORD)
  await sys(
    `UPDATE organisations SET settings = settings || '{"timezone":"Asia/Tokyo"}'::jsonb WHERE id = $1`,
    [a.orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  const b = await createOrg(h.fleet, "reports-tasks-b", PASSWORD)
  otherAdmin = await login(h.fleet, b.email, PASSWORD)

  ids.north = await files.created(admin, "/api/v1/teams", { name: "North" })
  ids.south = await files.created(admin, "/api/v1/teams", { name: "South" })
  ids.inspect = await files.created(admin, "/api/v1/task-templates", INSPECT)
  ids.alice = await createUser(h.fleet, a.orgId, "manager", "alice@reports-tasks-a.example", PASSWORD)
  ids.bob = await createUser(h.fleet, a.orgId, "dispatcher", "bob@reports-tasks-a.example", PASSWORD)
  await sys("UPDATE users SET name = 'Alice Ayan' WHERE id = $1", [ids.alice])
  await sys("UPDATE users SET name = 'Bob Bek' WHERE id = $1", [ids.bob])
  ids.v1 = await files.created(admin, "/api/v1/vehicles", { name: "Van one", plate: "TSK 101" })
  ids.v2 = await files.created(admin, "/api/v1/vehicles", { name: "Van two", plate: "TSK 102" })
  const { inspect, north, south, alice, bob, v1, v2 } = ids

  // T1: made 2 March (Tokyo), done after 10 h, 1.5 h after its due time: overdue.
  await makeTask(admin, "T1", {
    links: {
      templateId: inspect,
      teamId: north,
      assigneeUserId: alice,
      vehicleId: v1,
      dueAt: "2025-03-02T00:00:00Z",
    },
    steps: ["done"],
    created: "2025-03-01T15:30:00Z",
    closed: "2025-03-02T01:30:00Z",
  })
  // T2: done in 2 h, before its due time.
  await makeTask(admin, "T2", {
    links: { templateId: inspect, teamId: north, assigneeUserId: bob, dueAt: "2025-03-03T05:00:00Z" },
    steps: ["done"],
    created: "2025-03-03T00:00:00Z",
    closed: "2025-03-03T02:00:00Z",
  })
  // T3: ad hoc, no team, on the second van, done in 4 h, no due time.
  await makeTask(admin, "T3", {
    links: { assigneeUserId: alice, vehicleId: v2 },
    steps: ["in_progress", "done"],
    created: "2025-03-04T00:00:00Z",
    closed: "2025-03-04T04:00:00Z",
  })
  // T4: ad hoc, cancelled (not due: a cancelled task is never overdue).
  await makeTask(admin, "T4", {
    links: { teamId: south, assigneeUserId: bob, dueAt: "2025-03-05T00:30:00Z" },
    steps: ["cancelled"],
    created: "2025-03-05T00:00:00Z",
    closed: "2025-03-05T01:00:00Z",
  })
  // T5: nobody's, still open past its due time: overdue.
  await makeTask(admin, "T5", {
    links: { templateId: inspect, teamId: south, dueAt: "2025-03-07T00:00:00Z" },
    steps: [],
    created: "2025-03-06T00:00:00Z",
  })
  // T6: made in February, done on 1 March (Tokyo) after 2 days 3 hours.
  await makeTask(admin, "T6", {
    links: { teamId: north, assigneeUserId: alice },
    steps: ["in_progress", "done"],
    created: "2025-02-27T00:00:00Z",
    closed: "2025-03-01T03:00:00Z",
  })
  // T7: 1 April in Tokyo: outside the period.
  await makeTask(admin, "T7", { links: { teamId: north }, steps: [], created: "2025-03-31T16:00:00Z" })

  // Another organisation's template, user and task (made in the period): never counted here.
  other.template = await files.created(otherAdmin, "/api/v1/task-templates", INSPECT)
  other.user = await createUser(h.fleet, b.orgId, "manager", "carol@reports-tasks-b.example", PASSWORD)
  await makeTask(otherAdmin, "B1", {
    links: { templateId: other.template },
    steps: ["done"],
    created: "2025-03-02T00:00:00Z",
    closed: "2025-03-02T01:00:00Z",
  })

  await createUser(h.fleet, a.orgId, "driver", "driver@reports-tasks-a.example", PASSWORD)
  driver = await login(h.fleet, "driver@reports-tasks-a.example", PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

const get = async (api: ApiClient, path: string): Promise<Table> => {
  const r = await api.call<Table>("GET", path)
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}
const pick = (t: Table, keys: ReadonlyArray<string>) => Object.fromEntries(keys.map((k) => [k, t.totals[k]]))
const COUNTS = ["created", "completed", "cancelled", "avgTime", "p90Time", "due", "overdue", "overdueRate"]
const row = (
  breakdown: string,
  group: string | null,
  f: [number, number, number, number | null, number | null, number, number, number | null],
) => ({
  breakdown,
  group,
  ...Object.fromEntries(COUNTS.map((k, i) => [k, f[i]])),
})

describe("GET /api/v1/reports/tasks", () => {
  it("counts per Tokyo day, times to complete (average, p90), the overdue rate, per team, template and person", async () => {
    const t = await get(admin, `${BASE}?${PERIOD}`)
    // Durations completed in March: 7200, 14400, 36000, 183600 s. p90 = 36000 + 0.7 × 147600.
    expect(t.totals).toEqual({ ...row("", null, [5, 4, 1, 60_300, 139_320, 3, 2, 66.7]), breakdown: null })
    expect(t.rows).toEqual([
      row("byTeam", "North", [2, 3, 0, 75_600, 154_080, 2, 1, 50]),
      row("byTeam", "South", [2, 0, 1, null, null, 1, 1, 100]),
      row("noTeam", null, [1, 1, 0, 14_400, 14_400, 0, 0, null]),
      row("byTemplate", "Inspect", [3, 2, 0, 21_600, 33_120, 3, 2, 66.7]),
      row("adHoc", null, [2, 2, 1, 99_000, 166_680, 0, 0, null]),
      row("byAssignee", "Alice Ayan", [2, 3, 0, 78_000, 154_080, 1, 1, 100]),
      row("byAssignee", "Bob Bek", [2, 1, 1, 7200, 7200, 1, 0, 0]),
      row("unassigned", null, [1, 0, 0, null, null, 1, 1, 100]),
    ])
    expect(t.summary?.map((f) => [f.key, f.value])).toEqual([
      ["created", 5],
      ["completed", 4],
      ["cancelled", 1],
      ["avgTime", 60_300],
      ["p90Time", 139_320],
      ["overdueRate", 66.7],
    ])
    const byDay = t.charts.find((c) => c.key === "tasksByDay")
    expect(byDay?.categories).toHaveLength(31)
    const on = (key: string) => {
      const values = byDay?.series.find((s) => s.key === key)?.values ?? []
      return Object.fromEntries(values.flatMap((v, i) => (v === 0 ? [] : [[byDay?.categories[i], v]])))
    }
    expect(on("created")).toEqual({
      "2025-03-02": 1,
      "2025-03-03": 1,
      "2025-03-04": 1,
      "2025-03-05": 1,
      "2025-03-06": 1,
    })
    expect(on("completed")).toEqual({ "2025-03-01": 1, "2025-03-02": 1, "2025-03-03": 1, "2025-03-04": 1 })
    expect(on("cancelled")).toEqual({ "2025-03-05": 1 })
    expect(t.charts.find((c) => c.key === "completedByAssignee")).toMatchObject({
      categories: ["Alice Ayan", "Bob Bek"],
      series: [{ key: "completed", values: [3, 1] }],
    })
  })

  it("filters by template, assignee, the task's team and vehicle, naming each filter", async () => {
    const totals = async (q: string) => pick(await get(admin, `${BASE}?${PERIOD}&${q}`), COUNTS)
    expect(await totals(`templateId=${ids.inspect}`)).toEqual(
      Object.fromEntries(COUNTS.map((k, i) => [k, [3, 2, 0, 21_600, 33_120, 3, 2, 66.7][i]])),
    )
    expect(await totals(`assigneeUserId=${ids.bob}`)).toMatchObject({
      created: 2,
      completed: 1,
      cancelled: 1,
    })
    expect(await totals(`teamId=${ids.north}`)).toMatchObject({ created: 2, completed: 3, overdueRate: 50 })
    expect(await totals(`vehicleId=${ids.v1}`)).toMatchObject({ created: 1, completed: 1, avgTime: 36_000 })
    const named = await get(admin, `${BASE}?${PERIOD}&templateId=${ids.inspect}&assigneeUserId=${ids.alice}`)
    expect(named.filters.map((f) => [f.key, f.name])).toEqual([
      ["templateId", "Inspect"],
      ["assigneeUserId", "Alice Ayan"],
    ])
    expect(pick(named, ["created", "completed", "overdue"])).toEqual({ created: 1, completed: 1, overdue: 1 })
  })

  it("keeps to the caller's organisation and refuses a role without reports", async () => {
    for (const q of [`templateId=${other.template}`, `assigneeUserId=${other.user}`]) {
      const r = await admin.call<{ error: { code: string } }>("GET", `${BASE}?${PERIOD}&${q}`)
      expect(r.status, q).toBe(404)
      expect(r.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
    }
    const b = await get(otherAdmin, `${BASE}?${PERIOD}`)
    expect(pick(b, ["created", "completed"])).toEqual({ created: 1, completed: 1 })
    expect(b.rows.filter((r) => r.breakdown === "byTemplate").map((r) => r.group)).toEqual(["Inspect"])
    expect((await driver.call("GET", `${BASE}?${PERIOD}`)).status).toBe(403)
  })

  it("downloads as CSV, XLSX and PDF with the same figures", async () => {
    const path = `${BASE.replace("/tasks", "/tasks/export")}?${PERIOD}`
    const csv = await files.csvOf(admin, `${path}&format=csv`)
    const groups = column(csv, "Name")
    expect(groups).toContain("Inspect")
    expect(column(csv, "By")).toContain("Ad hoc (no template)")
    const at = groups.indexOf("Inspect")
    expect(column(csv, "Created")[at]).toBe("3")
    expect(column(csv, "Overdue, %")[at]).toMatch(/66[.,]7/u)
    const xlsx = await files.xlsxOf(admin, `${path}&format=xlsx`)
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Alice Ayan", "Time to complete, p90"]))
    const pdf = await files.pdfOf(admin, `${path}&format=pdf`)
    expect(pdf).toContain("Tasks")
    expect(pdf).toContain("Bob Bek")
  })
})
