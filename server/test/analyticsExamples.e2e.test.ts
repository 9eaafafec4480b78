import { randomUUID } from "node:crypto"
import { readFile } from "node:fs/promises"
import { HttpError } from "@fleetcore/platform"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EXAMPLE_QUERIES } from "../../api/src/analytics/exampleQueries.js"
import { runAnalystQuery } from "../../api/src/analytics/runAnalystQuery.js"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The example queries of docs/analytics.md, run on known rows through the analysts' endpoint, and
 * an answer exported as CSV, XLSX and PDF.
 */
const PASSWORD = "analytics-examples-pw"
let h: Harness
let analyst: ApiClient
let orgId: string
const van = randomUUID()
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const yesterday = day(-1)
const at = (seconds: number) =>
  `${yesterday} 10:${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}.000`

beforeAll(async () => {
  h = await startHarness()
  const org = await createOrg(h.fleet, "analytics-examples", PASSWORD)
  orgId = org.orgId
  await createUser(h.fleet, orgId, "analyst", "analyst@analytics-examples.example", PASSWORD)
  analyst = await login(h.fleet, "analyst@analytics-examples.example", PASSWORD)
  const ch = h.fleet.ch
  // 40 points 10 s apart: 30 at 108 km/h then 10 at 36 km/h; the first 20 inside the example area.
  await ch.insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    Array.from({ length: 40 }, (_, i) => {
      const inside = i < 20
      return [
        orgId,
        van,
        "dev-examples",
        at(i * 10),
        at(i * 10),
        inside ? 43.22 : 43.3,
        inside ? 76.92 : 77,
        i < 30 ? 30 : 10,
        [],
        {},
      ]
    }),
  )
  // A redelivered point (same vehicle, time, device) counts once.
  await ch.insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    [[orgId, van, "dev-examples", at(0), at(5), 43.22, 76.92, 30, [], {}]],
  )
  const tripColumns = [
    "org_id",
    "vehicle_id",
    "device_id",
    "start_time",
    "end_time",
    "start_lat",
    "start_lon",
  ]
    .concat(["end_lat", "end_lon", "distance_m", "duration_s", "moving_s", "idle_s", "max_speed_mps"])
    .concat(["avg_speed_mps", "fuel_used_l", "version"])
  const trip = (start: number, metres: number, litres: number, version: number) => [
    orgId,
    van,
    "dev-examples",
    at(start),
    at(start + 60),
    43.2,
    76.9,
    43.3,
    76.95,
    metres,
    60,
    60,
    0,
    30,
    20,
    litres,
    version,
  ]
  // The first trip was re-derived: its newest version (50 km, 4 L) replaces the first (1 km, 99 L).
  await ch.insert("trips", tripColumns, [trip(0, 1_000, 99, 1)])
  await ch.insert("trips", tripColumns, [trip(0, 50_000, 4, 2), trip(200, 50_000, 6, 1)])
  await ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [[orgId, van, yesterday, 5_000, 1]],
  )
  await ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, van, day(-2), 10_000, 1],
      [orgId, van, yesterday, 20_000, 2],
    ],
  )
  await ch.insert(
    "fuel_events",
    ["org_id", "vehicle_id", "time", "kind", "litres", "from_l", "to_l", "lat", "lon", "version"],
    [
      [orgId, van, at(100), "fuel_drop", 15, 50, 35, 43.2, 76.9, 1],
      [orgId, van, at(300), "fuel_drop", 10, 35, 25, 43.2, 76.9, 1],
      [orgId, van, at(500), "fuel_fill", 30, 25, 55, 43.2, 76.9, 1],
    ],
  )
}, 120_000)

afterAll(async () => {
  await h?.close()
})

const run = async (id: string) => {
  const example = EXAMPLE_QUERIES.find((e) => e.id === id)
  if (!example) throw new Error(`no example ${id}`)
  const res = await analyst.call<{ rows: unknown[][]; columns: { name: string }[] }>(
    "POST",
    "/api/v1/analytics/query",
    {
      sql: example.sql,
    },
  )
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.rows.map((r) =>
    r.map((v) => (typeof v === "string" && /^-?\d+(\.\d+)?$/u.test(v) ? Number(v) : v)),
  )
}

describe("the example queries of docs/analytics.md", () => {
  it("are in the document, verbatim", async () => {
    const doc = await readFile(new URL("../../docs/analytics.md", import.meta.url), "utf8")
    for (const e of EXAMPLE_QUERIES) expect(doc, e.id).toContain(e.sql)
  })

  it("daily distance: the newest version of each day, in km", async () => {
    expect(await run("daily-distance")).toEqual([
      [van, day(-2), 10],
      [van, yesterday, 20],
    ])
  })

  it("fuel per 100 km: re-derived trips count once, newest version", async () => {
    expect(await run("fuel-per-100km")).toEqual([[van, 100, 10, 10]])
  })

  it("speeding minutes: 30 points 10 s apart above 90 km/h, a redelivery counted once", async () => {
    expect(await run("speeding-minutes")).toEqual([[van, yesterday, 5]])
  })

  it("time in an area: 20 points 10 s apart inside", async () => {
    expect(await run("time-in-area")).toEqual([[van, yesterday, 3.3]])
  })

  it("fuel drops: drops only, summed", async () => {
    expect(await run("fuel-drops")).toEqual([[van, 2, 25]])
  })

  it("stops a query at the time limit with FLEET_ANALYTICS_TIMEOUT", async () => {
    const limits = { maxRows: 10, maxSeconds: 1, maxMemoryBytes: 1_000_000_000, maxRowsToRead: 1e12 }
    const error = await runAnalystQuery(
      h.fleet.ch,
      orgId,
      "SELECT sum(sipHash64(number)) FROM numbers(100000000000)",
      limits,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).code).toBe("FLEET_ANALYTICS_TIMEOUT")
  }, 30_000)

  it("answers at most maxRows rows and says it cut the rest", async () => {
    const res = await analyst.call<{ rows: unknown[][]; truncated: boolean; maxRows: number }>(
      "POST",
      "/api/v1/analytics/query",
      { sql: "SELECT number FROM numbers(20000)" },
    )
    expect(res.status).toBe(200)
    expect(res.body.rows).toHaveLength(res.body.maxRows)
    expect(res.body.truncated).toBe(true)
  })

  it("lists the tables and columns an analyst may read, with the examples", async () => {
    const res = await analyst.call<{
      tables: { name: string; columns: { name: string; comment: string }[] }[]
      examples: unknown[]
    }>("GET", "/api/v1/analytics/tables")
    expect(res.status).toBe(200)
    expect(res.body.tables.map((t) => t.name)).toEqual([
      "positions",
      "trips",
      "daily_mileage",
      "daily_mileage_driver",
      "fuel_events",
      "dead_letters",
    ])
    const trips = res.body.tables.find((t) => t.name === "trips")
    expect(trips?.columns.find((c) => c.name === "distance_m")?.comment).toBe("filtered distance, metres")
    expect(res.body.examples).toHaveLength(EXAMPLE_QUERIES.length)
  })

  it("exports an answer as CSV, XLSX and PDF like a report, audited; a refused query is refused", async () => {
    const example = EXAMPLE_QUERIES.find((e) => e.id === "daily-distance")
    const file = async (api: ApiClient, sql: string, format: string) => {
      const r = await fetch(`${h.fleet.httpUrl}/api/v1/analytics/export`, {
        method: "POST",
        headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" },
        body: JSON.stringify({ sql, format }),
      })
      return {
        status: r.status,
        type: r.headers.get("content-type") ?? "",
        bytes: Buffer.from(await r.arrayBuffer()),
      }
    }
    const csv = await file(analyst, example?.sql ?? "", "csv")
    expect(csv.status, csv.bytes.toString()).toBe(200)
    const rows = Papa.parse<Array<string>>(csv.bytes.toString("utf8").replace(/^\uFEFF/u, ""), {
      skipEmptyLines: true,
    }).data
    expect(rows).toEqual([
      ["vehicle_id", "day", "km"],
      [van, day(-2), "10"],
      [van, yesterday, "20"],
    ])
    const xlsx = await file(analyst, example?.sql ?? "", "xlsx")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const cells: Array<unknown> = []
    book.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)))
    expect(cells).toEqual(expect.arrayContaining(["SQL query", "vehicle_id", van, 10, 20]))
    const pdf = await file(analyst, example?.sql ?? "", "pdf")
    expect(pdf.type).toBe("application/pdf")
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-")
    const refused = await file(analyst, "SELECT * FROM system.tables", "csv")
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.bytes.toString()).error.code).toBe("FLEET_ANALYTICS_QUERY_REJECTED")
    await createUser(h.fleet, orgId, "viewer", "viewer@analytics-examples.example", PASSWORD)
    const viewer = await login(h.fleet, "viewer@analytics-examples.example", PASSWORD)
    expect((await file(viewer, "SELECT 1", "csv")).status).toBe(403)
    const audited = await h.fleet.db.system.query<{ details: { format: string; outcome: string } }>(
      "SELECT details FROM audit_log WHERE org_id = $1 AND entity = 'analytics' AND action = 'export' ORDER BY id",
      [orgId],
    )
    expect(audited.rows.map((r) => [r.details.format, r.details.outcome])).toEqual([
      ["csv", "ok"],
      ["xlsx", "ok"],
      ["pdf", "ok"],
      ["csv", "FLEET_ANALYTICS_QUERY_REJECTED"],
    ])
  })
})
