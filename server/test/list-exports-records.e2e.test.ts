import ExcelJS from "exceljs"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { column, exportFiles } from "./exportFiles.js"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The records' lists export like the fleet's (`list-exports.e2e.test.ts`): contracts, fines,
 * documents, incidents, service tasks, refuels and the audit log; and the catalogues and work
 * lists: fuel cards, users, teams, vehicle types, geofences, tasks, tickets and the onboarding
 * queue. Each with the list's filters, none of another organisation's rows, the list's own read
 * permission, and statuses and types in the caller's language; the XLSX carries the logo.
 */
const PASSWORD = "list-exports-records-password"

let h: Harness
let admin: ApiClient
let manager: ApiClient
let russian: ApiClient
let other: ApiClient
let vehicleId = ""
let otherVehicleId = ""

const { exportOf, csvOf, xlsxOf, pdfOf, created } = exportFiles(() => h.fleet.httpUrl)
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
  await seedCatalogues(second)
})

/** Fuel cards, teams, types, fences, tasks, tickets and the onboarding queue of A (and B's decoys). */
const seedCatalogues = async (second: string) => {
  const driverId = await created(admin, "/api/v1/drivers", { fullName: "Асель Нурланова" })
  const card = { currency: "KZT", dailyLimit: "50000.00" }
  await created(admin, "/api/v1/fuel-cards", {
    ...card,
    name: "Qazaq Oil",
    numberLast4: "1234",
    vehicleId,
    driverId,
  })
  await created(admin, "/api/v1/fuel-cards", { ...card, name: "Helios", vehicleId: second })
  await created(other, "/api/v1/fuel-cards", { ...card, name: "Foreign card", vehicleId: otherVehicleId })
  await created(admin, "/api/v1/teams", { name: "Северная бригада", description: "Астана" })
  await created(admin, "/api/v1/teams", { name: "South crew" })
  await created(other, "/api/v1/teams", { name: "Foreign team" })
  await created(admin, "/api/v1/vehicle-types", {
    name: "Камаз 65115",
    fuelType: "diesel",
    tankCapacityL: 350,
  })
  await created(admin, "/api/v1/vehicle-types", { name: "Prius fleet", fuelType: "hybrid" })
  await created(other, "/api/v1/vehicle-types", { name: "Foreign type", fuelType: "diesel" })
  const schedule = { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" }
  await created(admin, "/api/v1/geofences", {
    name: "Депо",
    kind: "circle",
    lat: 51.1,
    lon: 71.4,
    radiusM: 300,
    schedule,
  })
  const ring = [
    [51.2, 71.5],
    [51.21, 71.5],
    [51.21, 71.52],
  ]
  await created(admin, "/api/v1/geofences", { name: "Yard", kind: "polygon", ring })
  await created(other, "/api/v1/geofences", {
    name: "Foreign fence",
    kind: "circle",
    lat: 1,
    lon: 1,
    radiusM: 50,
  })
  await created(admin, "/api/v1/tasks", { title: "Доставка в Караганду", priority: "urgent", vehicleId })
  await created(admin, "/api/v1/tasks", { title: "Wash", priority: "low" })
  await created(other, "/api/v1/tasks", { title: "Foreign task", priority: "urgent" })
  await created(admin, "/api/v1/tickets", { type: "accident", title: "Удар на парковке", vehicleId })
  await created(admin, "/api/v1/tickets", { type: "breakdown", title: "Flat tyre", vehicleId: second })
  await created(other, "/api/v1/tickets", {
    type: "accident",
    title: "Foreign ticket",
    vehicleId: otherVehicleId,
  })
  const orgOf = async (name: string) =>
    (await h.fleet.db.system.query<{ org_id: string }>("SELECT org_id FROM vehicles WHERE name = $1", [name]))
      .rows[0]?.org_id
  await h.fleet.ch.insert(
    "fuel_events",
    [
      "org_id",
      "vehicle_id",
      "time",
      "kind",
      "litres",
      "from_l",
      "to_l",
      "lat",
      "lon",
      "version",
      "driver_id",
    ],
    [
      [
        await orgOf("Газель Север"),
        vehicleId,
        "2025-04-03 02:00:00.000",
        "fuel_drop",
        22.5,
        60,
        37.5,
        51.1,
        71.4,
        1,
        driverId,
      ],
      [
        await orgOf("Hilux Süd"),
        second,
        "2025-04-04 08:00:00.000",
        "fuel_fill",
        40,
        10,
        50,
        51.2,
        71.5,
        1,
        null,
      ],
      [
        await orgOf("Foreign van"),
        otherVehicleId,
        "2025-04-03 02:00:00.000",
        "fuel_drop",
        99,
        99,
        0,
        1,
        1,
        1,
        null,
      ],
    ],
  )
  for (const api of [admin, other])
    expect(
      (await api.call("PUT", "/api/v1/onboarding/settings", { vehicles: true, drivers: true })).status,
    ).toBe(200)
  await created(admin, "/api/v1/vehicles", { name: "Новый фургон", plate: "NEW 1" })
  await created(admin, "/api/v1/drivers", { fullName: "Ерлан Новичок", employeeId: "E-77" })
  await created(other, "/api/v1/vehicles", { name: "Foreign new van", plate: "FOR 2" })
  const logo = await sharp({
    create: { width: 400, height: 100, channels: 3, background: { r: 200, g: 30, b: 30 } },
  })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append("file", new Blob([logo], { type: "image/png" }), "logo.png")
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/organisation/logo`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin.token}` },
    body: form,
  })
  expect(r.status, await r.text()).toBe(200)
}
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
    const { cells } = await xlsxOf(russian, "/api/v1/penalties/export?format=xlsx&status=paid")
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

describe("catalogue and work list exports", () => {
  it("fuel cards: the vehicle filter, the card's vehicle and driver, limits, in all three formats", async () => {
    const rows = await csvOf(admin, `/api/v1/fuel-cards/export?format=csv&vehicleId=${vehicleId}`)
    expect(column(rows, "Name")).toEqual(["Qazaq Oil"])
    expect(column(rows, "Card")).toEqual(["•••• 1234"])
    expect(column(rows, "Vehicle")).toEqual(["Газель Север"])
    expect(column(rows, "Driver")).toEqual(["Асель Нурланова"])
    expect(column(rows, "Daily limit")).toEqual(["50000.00"])
    expect(column(rows, "Active")).toEqual(["Active"])
    const all = await csvOf(admin, "/api/v1/fuel-cards/export?format=csv&sort=name")
    expect(column(all, "Name")).toEqual(["Helios", "Qazaq Oil"])
    const xlsx = await xlsxOf(russian, `/api/v1/fuel-cards/export?format=xlsx&vehicleId=${vehicleId}`)
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Топливные карты", "Qazaq Oil", "Активна"]))
    expect(xlsx.cells).not.toContain("Helios")
    expect(xlsx.cells).not.toContain("Foreign card")
    const pdf = await pdfOf(russian, "/api/v1/fuel-cards/export?format=pdf")
    expect(pdf).toContain("Асель Нурланова")
    expect(pdf).not.toContain("Foreign card")
  })

  it("users: for users.read only, the role filter, roles and statuses in words", async () => {
    expect((await exportOf(russian, "/api/v1/users/export?format=csv")).status).toBe(403)
    const managers = await csvOf(manager, "/api/v1/users/export?format=csv&role=manager")
    expect(column(managers, "E-mail")).toEqual(["manager@exports-records-a.example"])
    expect(column(managers, "Role")).toEqual(["Fleet manager"])
    expect(column(managers, "Status")).toEqual(["Active"])
    const all = await csvOf(admin, "/api/v1/users/export?format=csv&sort=email")
    expect(column(all, "E-mail")).toHaveLength(3)
    expect(column(all, "E-mail").join()).not.toContain("exports-records-b")
    const xlsx = await xlsxOf(admin, "/api/v1/users/export?format=xlsx&role=viewer")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["ru@exports-records-a.example", "Viewer"]))
    expect(xlsx.cells).not.toContain("manager@exports-records-a.example")
    expect(await pdfOf(admin, "/api/v1/users/export?format=pdf&role=manager")).toContain("Fleet manager")
  })

  it("teams: the search, member counts, none of another organisation's", async () => {
    const rows = await csvOf(admin, "/api/v1/teams/export?format=csv&q=%D0%A1%D0%B5%D0%B2")
    expect(column(rows, "Name")).toEqual(["Северная бригада"])
    expect(column(rows, "Description")).toEqual(["Астана"])
    expect(column(rows, "Drivers")).toEqual(["0"])
    const xlsx = await xlsxOf(russian, "/api/v1/teams/export?format=xlsx&sort=name")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Команды", "South crew", "Северная бригада"]))
    expect(xlsx.cells).not.toContain("Foreign team")
    expect(await pdfOf(russian, "/api/v1/teams/export?format=pdf")).toContain("Северная бригада")
  })

  it("vehicle types: the scope and fuel filters, fuels and catalogues in words", async () => {
    const own = await csvOf(admin, "/api/v1/vehicle-types/export?format=csv&scope=own&fuelType=diesel")
    expect(column(own, "Name")).toEqual(["Камаз 65115"])
    expect(column(own, "Fuel")).toEqual(["Diesel"])
    expect(column(own, "Catalogue")).toEqual(["Own"])
    expect(column(own, "Tank, L")).toEqual(["350"])
    const xlsx = await xlsxOf(russian, "/api/v1/vehicle-types/export?format=xlsx&scope=own")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Prius fleet", "Гибрид", "Собственный"]))
    expect(xlsx.cells).not.toContain("Foreign type")
    expect(await pdfOf(russian, "/api/v1/vehicle-types/export?format=pdf&scope=own")).toContain("Дизель")
  })

  it("geofences: the kind filter, shapes, alerts and watch windows in words", async () => {
    const circles = await csvOf(admin, "/api/v1/geofences/export?format=csv&kind=circle")
    expect(column(circles, "Name")).toEqual(["Депо"])
    expect(column(circles, "Radius, m")).toEqual(["300"])
    expect(column(circles, "Alert on")).toEqual(["Entering and leaving"])
    expect(column(circles, "Watched")).toEqual(["Mon, Tue, Wed, Thu, Fri 08:00–18:00"])
    const xlsx = await xlsxOf(russian, "/api/v1/geofences/export?format=xlsx&kind=polygon")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Yard", "Многоугольник", "Всегда"]))
    expect(xlsx.cells).not.toContain("Депо")
    expect(xlsx.cells).not.toContain("Foreign fence")
    expect(await pdfOf(russian, "/api/v1/geofences/export?format=pdf")).toContain("Пн, Вт, Ср, Чт, Пт 08:00–")
  })

  it("tasks: the priority filter, the workflow's status and the priority in words", async () => {
    const urgent = await csvOf(admin, "/api/v1/tasks/export?format=csv&priority=urgent")
    expect(column(urgent, "Title")).toEqual(["Доставка в Караганду"])
    expect(column(urgent, "Priority")).toEqual(["Urgent"])
    expect(column(urgent, "Vehicle")).toEqual(["Газель Север"])
    expect(column(urgent, "Status")[0]).not.toBe("")
    const xlsx = await xlsxOf(russian, "/api/v1/tasks/export?format=xlsx&priority=low")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Задачи", "Wash", "Низкий"]))
    expect(xlsx.cells).not.toContain("Foreign task")
    expect(await pdfOf(russian, "/api/v1/tasks/export?format=pdf&priority=urgent")).toContain("Срочный")
  })

  it("tickets: the type filter, types and statuses in words, the vehicle's plate", async () => {
    const accidents = await csvOf(admin, "/api/v1/tickets/export?format=csv&type=accident")
    expect(column(accidents, "Title")).toEqual(["Удар на парковке"])
    expect(column(accidents, "Type")).toEqual(["Accident"])
    expect(column(accidents, "Status")).toEqual(["Open"])
    expect(column(accidents, "Plate")).toEqual(["REC 1"])
    const xlsx = await xlsxOf(russian, "/api/v1/tickets/export?format=xlsx&type=breakdown")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Заявки", "Flat tyre", "Поломка", "Открыта"]))
    expect(xlsx.cells).not.toContain("Foreign ticket")
    expect(await pdfOf(russian, "/api/v1/tickets/export?format=pdf")).toContain("ДТП")
  })

  it("onboarding queue: for vehicles.approve only, the kind filter, stages in words", async () => {
    expect((await exportOf(russian, "/api/v1/onboarding/queue/export?format=csv")).status).toBe(403)
    const vehicles = await csvOf(manager, "/api/v1/onboarding/queue/export?format=csv&kind=vehicle")
    expect(column(vehicles, "Name")).toEqual(["Новый фургон"])
    expect(column(vehicles, "Plate or employee no.")).toEqual(["NEW 1"])
    expect(column(vehicles, "Status")).toEqual(["Created"])
    const xlsx = await xlsxOf(manager, "/api/v1/onboarding/queue/export?format=xlsx&kind=driver")
    expect(xlsx.cells).toEqual(expect.arrayContaining(["Ерлан Новичок", "E-77", "Driver"]))
    expect(xlsx.cells).not.toContain("Новый фургон")
    expect(xlsx.cells).not.toContain("Foreign new van")
    expect(await pdfOf(manager, "/api/v1/onboarding/queue/export?format=pdf")).toContain("Ерлан Новичок")
  })

  it("fuel sensor events: the kind filter, the vehicle and driver, kinds in words", async () => {
    const thefts = await csvOf(admin, "/api/v1/fuel/events/export?format=csv&kind=theft")
    expect(column(thefts, "Vehicle")).toEqual(["Газель Север"])
    expect(column(thefts, "Driver")).toEqual(["Асель Нурланова"])
    expect(column(thefts, "Kind")).toEqual(["Theft"])
    expect(column(thefts, "Litres")).toEqual(["22.5"])
    // 02:00 UTC in the organisation's wall clock (Asia/Almaty, UTC+5).
    expect(column(thefts, "Time")).toEqual(["2025-04-03 07:00"])
    const xlsx = await xlsxOf(russian, "/api/v1/fuel/events/export?format=xlsx&sort=time")
    expect(xlsx.cells).toEqual(
      expect.arrayContaining(["События датчика топлива", "Слив", "Заправка", "Hilux Süd"]),
    )
    expect(xlsx.cells).not.toContain("Foreign van")
    expect(await pdfOf(russian, "/api/v1/fuel/events/export?format=pdf&kind=fill")).toContain("Hilux Süd")
  })

  it("writes times to XLSX as date cells in the organisation's wall clock, the zone named", async () => {
    const { sheet } = await xlsxOf(admin, "/api/v1/fuel/events/export?format=xlsx&kind=theft")
    let header: ExcelJS.Row | undefined
    const notes: Array<string> = []
    sheet.eachRow((row) => {
      if (header !== undefined) return
      const texts: Array<unknown> = []
      row.eachCell((cell) => texts.push(cell.value))
      // "Time" (once "Time (UTC)"): the header row.
      if (texts.some((t) => t === "Time" || t === "Time (UTC)")) header = row
      else notes.push(String(row.getCell(1).value ?? ""))
    })
    if (header === undefined) throw new Error("no header row")
    let at = 0
    header.eachCell((cell, i) => {
      if (cell.value === "Time" || cell.value === "Time (UTC)") at = i
    })
    const time = sheet.getRow(header.number + 1).getCell(at)
    expect(time.type).toBe(ExcelJS.ValueType.Date)
    // Excel has no zones: the cell holds the wall clock in Almaty, 3 April 07:00.
    expect((time.value as Date).toISOString()).toBe("2025-04-03T07:00:00.000Z")
    expect(time.numFmt).toMatch(/yyyy-mm-dd hh:mm/u)
    expect(notes).toContain("Times in: Asia/Almaty")
  })

  it("XLSX files carry the organisation's logo; another organisation's, without one, none", async () => {
    const mine = await xlsxOf(admin, "/api/v1/teams/export?format=xlsx")
    expect(mine.images).toHaveLength(1)
    const drawn = await sharp(Buffer.from(mine.images[0]?.buffer as unknown as Uint8Array)).metadata()
    expect([drawn.width, drawn.height]).toEqual([400, 100])
    expect((await xlsxOf(admin, "/api/v1/contracts/export?format=xlsx")).images).toHaveLength(1)
    expect((await xlsxOf(other, "/api/v1/teams/export?format=xlsx")).images).toHaveLength(0)
    const audit = await csvOf(admin, "/api/v1/audit/export?format=csv&action=export")
    expect(column(audit, "Record type")).toEqual(
      expect.arrayContaining([
        "fuelCards",
        "fuelEvents",
        "users",
        "teams",
        "vehicleTypes",
        "geofences",
        "tasks",
        "tickets",
      ]),
    )
  })
})
