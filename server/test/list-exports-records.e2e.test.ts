import ExcelJS from "exceljs"
import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The records' lists export like the fleet's (`list-exports.e2e.test.ts`): contracts, fines,
 * documents, incidents, service tasks, refuels and the audit log, each with the list's filters,
 * none of another organisation's rows, and their statuses and types in the caller's language.
 */
const PASSWORD = "list-exports-records-password"

let h: Harness
let admin: ApiClient
let manager: ApiClient
let russian: ApiClient
let other: ApiClient
let vehicleId = ""
let otherVehicleId = ""

const exportOf = async (api: ApiClient, path: string) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } })
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    bytes: Buffer.from(await r.arrayBuffer()),
  }
}
const csvOf = async (api: ApiClient, path: string): Promise<Array<Array<string>>> => {
  const e = await exportOf(api, path)
  expect(e.status, path).toBe(200)
  return Papa.parse<Array<string>>(e.bytes.toString("utf8").replace(/^\uFEFF/u, ""), { skipEmptyLines: true })
    .data
}
/** The column of a CSV export under its header label. */
const column = (rows: Array<Array<string>>, label: string): Array<string> => {
  const at = rows[0]?.indexOf(label) ?? -1
  expect(at, `column ${label} in ${rows[0]?.join("|")}`).toBeGreaterThanOrEqual(0)
  return rows.slice(1).map((r) => r[at] ?? "")
}
const created = async (api: ApiClient, path: string, body: Record<string, unknown>): Promise<string> => {
  const r = await api.call<{ id: string }>("POST", path, body)
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(201)
  return r.body.id
}
const contract = (vehicle: string, contractor: string, type: string) => ({
  vehicleId: vehicle,
  type,
  contractor,
  startDate: "2025-01-01",
  endDate: "2030-12-31",
  amount: "1200.00",
  currency: "KZT",
  paymentFrequency: "monthly",
})
const upload = async (api: ApiClient, entityId: string, name: string, kind: string) => {
  const form = new FormData()
  for (const [k, v] of Object.entries({ entityType: "vehicle", entityId, kind })) form.append(k, v)
  form.append("files", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")], { type: "application/pdf" }), name)
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  expect(r.status, await r.clone().text()).toBe(201)
}

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "exports-records-a", PASSWORD)
  admin = await login(h.fleet, a.email, PASSWORD)
  await createUser(h.fleet, a.orgId, "manager", "manager@exports-records-a.example", PASSWORD)
  manager = await login(h.fleet, "manager@exports-records-a.example", PASSWORD)
  await createUser(h.fleet, a.orgId, "viewer", "ru@exports-records-a.example", PASSWORD)
  await h.fleet.db.system.query("UPDATE users SET locale = 'ru' WHERE email = 'ru@exports-records-a.example'")
  russian = await login(h.fleet, "ru@exports-records-a.example", PASSWORD)
  other = await login(h.fleet, (await createOrg(h.fleet, "exports-records-b", PASSWORD)).email, PASSWORD)

  vehicleId = await created(admin, "/api/v1/vehicles", { name: "Газель Север", plate: "REC 1" })
  const second = await created(admin, "/api/v1/vehicles", { name: "Hilux Süd", plate: "REC 2" })
  otherVehicleId = await created(other, "/api/v1/vehicles", { name: "Foreign van", plate: "FOR 9" })

  await created(admin, "/api/v1/contracts", contract(vehicleId, "Лизинг-Центр", "leasing"))
  await created(admin, "/api/v1/contracts", contract(second, "Halyk Insurance", "insurance_casco"))
  await created(other, "/api/v1/contracts", contract(otherVehicleId, "Foreign Leasing", "leasing"))

  const fine = { currency: "KZT", offenceAt: "2025-03-02T08:00:00Z" }
  await created(admin, "/api/v1/penalties", { ...fine, vehicleId, amount: "5000.00", reason: "Превышение" })
  await created(admin, "/api/v1/penalties", {
    ...fine,
    vehicleId: second,
    amount: "7000.00",
    reason: "Parking",
    status: "paid",
    paidOn: "2025-03-05",
  })
  await created(other, "/api/v1/penalties", {
    ...fine,
    vehicleId: otherVehicleId,
    amount: "1.00",
    reason: "Foreign",
  })

  await upload(admin, vehicleId, "страховка.pdf", "insurance")
  await upload(admin, second, "invoice-7.pdf", "invoice")
  await upload(other, otherVehicleId, "foreign.pdf", "insurance")

  for (const [vehicle, kind, at] of [
    [vehicleId, "fuel_drop", "2025-04-01T10:00:00Z"],
    [second, "odometer_rollback", "2025-04-02T10:00:00Z"],
  ] as const)
    await h.fleet.db.system.query(
      `INSERT INTO incidents (org_id, vehicle_id, kind, started_at, ended_at, amount, unit)
       VALUES ($1, $2, $3, $4, $4, 42, $5)`,
      [a.orgId, vehicle, kind, at, kind === "fuel_drop" ? "l" : "m"],
    )

  await created(admin, "/api/v1/maintenance/tasks", {
    vehicleId,
    name: "Замена масла",
    status: "scheduled",
    dueDate: "2030-05-01",
  })
  await created(admin, "/api/v1/maintenance/tasks", {
    vehicleId: second,
    name: "Brake pads",
    status: "completed",
    service: { odometerKm: 1000, completedOn: "2025-02-01", cost: "300.00", currency: "KZT" },
  })
  await created(other, "/api/v1/maintenance/tasks", {
    vehicleId: otherVehicleId,
    name: "Foreign",
    status: "scheduled",
  })

  await created(admin, `/api/v1/vehicles/${vehicleId}/fuel-entries`, {
    time: "2025-03-01T09:00:00Z",
    litres: 40,
    amount: "12000.00",
  })
  await created(admin, `/api/v1/vehicles/${second}/fuel-entries`, {
    time: "2025-03-02T09:00:00Z",
    litres: 55,
  })
  await created(other, `/api/v1/vehicles/${otherVehicleId}/fuel-entries`, {
    time: "2025-03-02T09:00:00Z",
    litres: 1,
  })
})
afterAll(async () => {
  await h?.close()
})

describe("record list exports", () => {
  it("contracts: the list's type filter, another organisation's absent, types and statuses in Russian", async () => {
    const all = await csvOf(admin, "/api/v1/contracts/export?format=csv&sort=contractor")
    expect(column(all, "Contractor")).toEqual(["Halyk Insurance", "Лизинг-Центр"])
    expect(column(all, "Type")).toEqual(["Insurance (CASCO)", "Leasing"])
    expect(column(all, "Status")).toEqual(["Active", "Active"])
    expect(column(all, "Auto-renewal")).toEqual(["No", "No"])
    const leasing = await csvOf(russian, "/api/v1/contracts/export?format=csv&type=leasing")
    expect(column(leasing, "Контрагент")).toEqual(["Лизинг-Центр"])
    expect(column(leasing, "Тип")).toEqual(["Лизинг"])
    expect(column(leasing, "Статус")).toEqual(["Действует"])
    expect(column(leasing, "Платежи")).toEqual(["Ежемесячно"])
  })

  it("fines: the status filter, in XLSX, in Russian", async () => {
    const e = await exportOf(russian, "/api/v1/penalties/export?format=xlsx&status=paid")
    expect(e.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(e.bytes as unknown as ArrayBuffer)
    const cells: Array<string> = []
    book.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ""))))
    expect(cells).toContain("Parking")
    expect(cells).toContain("Оплачен")
    expect(cells).not.toContain("Превышение")
    expect(cells).not.toContain("Foreign")
    expect(cells).not.toContain("paid")
  })

  it("documents: the kind filter, the record they are attached to", async () => {
    const rows = await csvOf(admin, "/api/v1/documents/export?format=csv&kind=insurance")
    expect(column(rows, "File")).toEqual(["страховка.pdf"])
    expect(column(rows, "Kind")).toEqual(["Insurance"])
    expect(column(rows, "Attached to")).toEqual(["Vehicle"])
    expect(column(rows, "Record")).toEqual(["Газель Север · REC 1"])
  })

  it("incidents: the kind filter, kinds and units in Russian", async () => {
    const all = await csvOf(russian, "/api/v1/incidents/export?format=csv&sort=startedAt")
    expect(column(all, "Вид")).toEqual(["Слив топлива", "Скручивание одометра"])
    expect(column(all, "Ед.")).toEqual(["л", "м"])
    const drains = await csvOf(admin, "/api/v1/incidents/export?format=csv&kind=fuel_drop")
    expect(column(drains, "Vehicle")).toEqual(["Газель Север"])
  })

  it("service tasks (the service book is the completed ones): the status filter", async () => {
    const book = await csvOf(admin, "/api/v1/maintenance/tasks/export?format=csv&status=completed")
    expect(column(book, "Name")).toEqual(["Brake pads"])
    expect(column(book, "Status")).toEqual(["Completed"])
    expect(column(book, "Cost")).toEqual(["300.00"])
    const all = await csvOf(russian, "/api/v1/maintenance/tasks/export?format=csv&sort=name")
    expect(column(all, "Название")).toEqual(["Brake pads", "Замена масла"])
    expect(column(all, "Статус")).toEqual(["Выполнено", "Запланировано"])
  })

  it("refuels: the vehicle filter, with the vehicle's name the list leaves out, as a PDF too", async () => {
    const rows = await csvOf(admin, `/api/v1/fuel-entries/export?format=csv&vehicleId=${vehicleId}`)
    expect(column(rows, "Vehicle")).toEqual(["Газель Север"])
    expect(column(rows, "Litres")).toEqual(["40"])
    expect(column(rows, "Amount")).toEqual(["12000.00"])
    const all = await csvOf(admin, "/api/v1/fuel-entries/export?format=csv")
    expect(column(all, "Vehicle").sort()).toEqual(["Hilux Süd", "Газель Север"])
    const pdf = await exportOf(admin, "/api/v1/fuel-entries/export?format=pdf")
    expect(pdf.type).toBe("application/pdf")
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-")
  })

  it("audit log: for audit.read only (a manager exports lists but not the log), filtered by action", async () => {
    expect((await exportOf(manager, "/api/v1/audit/export?format=csv")).status).toBe(403)
    expect((await exportOf(manager, "/api/v1/contracts/export?format=csv")).status).toBe(200)
    const exports = await csvOf(admin, "/api/v1/audit/export?format=csv&action=export")
    const entities = column(exports, "Record type")
    expect(entities).toEqual(expect.arrayContaining(["contracts", "penalties", "documents"]))
    expect(new Set(column(exports, "Action"))).toEqual(new Set(["export"]))
    expect(column(exports, "User")).not.toContain("")
    const foreign = await csvOf(other, "/api/v1/audit/export?format=csv&action=export")
    expect(foreign).toHaveLength(1)
  })
})
