import ExcelJS from "exceljs"
import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * Every list exports through one generic endpoint (`<list>/export?format=`): the rows are the
 * list's own for the caller (filters, search, sort, visibility), paged through past one page.
 */
const PASSWORD = "list-exports-password"

let h: Harness
let admin: ApiClient
let viewer: ApiClient
let driver: ApiClient
let other: ApiClient
let orgId = ""

type Exported = { status: number; type: string; bytes: Buffer; rows: number; total: number }

const exportOf = async (api: ApiClient, path: string): Promise<Exported> => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } })
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    bytes: Buffer.from(await r.arrayBuffer()),
    rows: Number(r.headers.get("x-fleet-export-rows")),
    total: Number(r.headers.get("x-fleet-export-total")),
  }
}
const csvRows = (e: Exported): Array<Array<string>> =>
  Papa.parse<Array<string>>(e.bytes.toString("utf8").replace(/^\uFEFF/u, ""), { skipEmptyLines: true }).data

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "exports-a", PASSWORD)
  orgId = a.orgId
  admin = await login(h.fleet, a.email, PASSWORD)
  await createUser(h.fleet, orgId, "viewer", "viewer@exports-a.example", PASSWORD)
  viewer = await login(h.fleet, "viewer@exports-a.example", PASSWORD)
  await createUser(h.fleet, orgId, "driver", "driver@exports-a.example", PASSWORD)
  driver = await login(h.fleet, "driver@exports-a.example", PASSWORD)
  other = await login(h.fleet, (await createOrg(h.fleet, "exports-b", PASSWORD)).email, PASSWORD)
  // 205 vehicles: more than one page (200) of the list.
  await h.fleet.db.system.query(
    `INSERT INTO vehicles (org_id, name, plate) SELECT $1, 'Камаз ' || lpad(g::text, 3, '0'), 'EXP ' || g
     FROM generate_series(1, 205) g`,
    [orgId],
  )
  await other.call("POST", "/api/v1/vehicles", { name: "Foreign truck", plate: "FOR 1" })
  for (const name of ["Ерлан Сапаров", "Anna Berg"])
    expect((await admin.call("POST", "/api/v1/drivers", { fullName: name })).status).toBe(201)
  const { rows } = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM vehicles WHERE org_id = $1 ORDER BY name LIMIT 1",
    [orgId],
  )
  for (const [amount, category] of [
    ["1500.00", "service"],
    ["250.50", "parking"],
  ] as const)
    expect(
      (
        await admin.call("POST", "/api/v1/expenses", {
          vehicleId: rows[0]?.id,
          category,
          date: "2025-03-01",
          amount,
        })
      ).status,
    ).toBe(201)
  await h.fleet.db.system.query(
    "INSERT INTO alerts (org_id, vehicle_id, type, severity, opened_at, last_seen_at) VALUES ($1, $2, 'overspeed', 'warning', now(), now())",
    [orgId, rows[0]?.id],
  )
})
afterAll(async () => {
  await h?.close()
})

describe("list exports", () => {
  it("vehicles: every row of the list past one page, in the list's sort, none of another organisation", async () => {
    const e = await exportOf(viewer, "/api/v1/vehicles/export?format=csv&sort=-name")
    expect(e.status).toBe(200)
    expect(e.type).toBe("text/csv; charset=utf-8")
    const rows = csvRows(e)
    expect(rows[0]?.slice(0, 2)).toEqual(["Name", "Plate"])
    expect(rows).toHaveLength(1 + 205)
    expect(e).toMatchObject({ rows: 205, total: 205 })
    expect(rows[1]?.[0]).toBe("Камаз 205")
    expect(rows[205]?.[0]).toBe("Камаз 001")
    expect(rows.flat()).not.toContain("Foreign truck")
    // The list's own search, with its own answer.
    const list = await viewer.call<{ items: Array<{ name: string }> }>(
      "GET",
      "/api/v1/vehicles?q=Камаз%2001&sort=name",
    )
    const searched = csvRows(
      await exportOf(viewer, "/api/v1/vehicles/export?format=csv&q=Камаз%2001&sort=name"),
    )
    expect(searched.slice(1).map((r) => r[0])).toEqual(list.body.items.map((v) => v.name))
    expect(searched.length).toBeGreaterThan(1)
  })

  it("drivers, expenses and alerts export in XLSX and PDF in the caller's language", async () => {
    const drivers = await exportOf(admin, "/api/v1/drivers/export?format=xlsx&sort=fullName")
    expect(drivers.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(drivers.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    const names: Array<string> = []
    sheet?.eachRow((row) => names.push(String(row.getCell(1).value ?? "")))
    expect(names).toContain("Ерлан Сапаров")
    expect(names).toContain("Anna Berg")

    const expenses = csvRows(await exportOf(admin, "/api/v1/expenses/export?format=csv&sort=-amount"))
    expect(expenses.slice(1).map((r) => [r[3], r[4]])).toEqual([
      ["Service", "1500.00"],
      ["Parking", "250.50"],
    ])
    const alerts = await exportOf(admin, "/api/v1/alerts/export?format=pdf")
    expect(alerts.status).toBe(200)
    expect(alerts.type).toBe("application/pdf")
    expect(alerts.bytes.subarray(0, 5).toString()).toBe("%PDF-")
    expect(alerts.rows).toBe(1)

    await h.fleet.db.system.query("UPDATE users SET locale = 'ru' WHERE email = 'viewer@exports-a.example'")
    const russian = await login(h.fleet, "viewer@exports-a.example", PASSWORD)
    const ru = await exportOf(russian, "/api/v1/vehicles/export?format=csv&q=Камаз%20001")
    expect(csvRows(ru)[0]?.slice(0, 2)).toEqual(["Название", "Госномер"])
  })

  it("needs reports.export and the list's permission, and is audited", async () => {
    expect((await exportOf(driver, "/api/v1/vehicles/export?format=csv")).status).toBe(403)
    expect((await exportOf(admin, "/api/v1/vehicles/export?format=doc")).status).toBe(400)
    const audited = await h.fleet.db.system.query<{
      entity: string
      details: { rows: number; format: string }
    }>("SELECT entity, details FROM audit_log WHERE org_id = $1 AND action = 'export' ORDER BY seq", [orgId])
    expect(audited.rows.map((r) => r.entity)).toEqual(
      expect.arrayContaining(["vehicles", "drivers", "expenses", "alerts"]),
    )
    expect(audited.rows.find((r) => r.entity === "vehicles")?.details).toMatchObject({
      rows: 205,
      format: "csv",
    })
  })
})
