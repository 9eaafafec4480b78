import { endpoints, urlOf } from "@fleetcore/contract"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { column, exportFiles } from "./exportFiles.js"
import {
  type ApiClient,
  createOrg,
  createUser,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

/**
 * The lists inside a record's page (a vehicle's drivers, odometer readings, owners, devices and
 * their commands; a driver's vehicles; a schedule's runs; a webhook's deliveries) and the settings
 * lists (templates, currency rates, budgets, webhooks, schedules, notifications, organisations)
 * export like every other list: the rows are the list's own, its path parameter is looked up in the
 * caller's organisation, and its enumerated values come out in the caller's words.
 */
const PASSWORD = "nested-exports-password"

let h: Harness
let admin: ApiClient
let russian: ApiClient
let viewer: ApiClient
let owner: ApiClient
let other: ApiClient
let vehicleId = ""
let driverId = ""
let deviceId = ""
let scheduleId = ""
let webhookId = ""
let otherVehicleId = ""
const files = exportFiles(() => h.fleet.httpUrl)

type Listed = { items: Array<Record<string, unknown>>; total: number }

/** The list (JSON, one page of 200) and its CSV export with the same filters: the same rows. */
const agree = async (api: ApiClient, exported: string, listed: string, query = "") => {
  const list = await api.call<Listed>("GET", `${listed}?pageSize=200${query}`)
  expect(list.status, listed).toBe(200)
  const csv = await files.csvOf(api, `${exported}?format=csv${query}`)
  expect(csv.length - 1, `${exported}: rows of the export against the list's total`).toBe(list.body.total)
  return { items: list.body.items, csv }
}

/** An export's path and its list's, path parameters filled in. */
const paths = (area: keyof typeof endpoints.listExports, id?: string): [string, string] => {
  const exported = urlOf(endpoints.listExports[area], id === undefined ? {} : { params: { id } })
  return [exported, exported.slice(0, -"/export".length)]
}

beforeAll(async () => {
  h = await startHarness()
  const org = await createOrg(h.fleet, "nested-exports", PASSWORD)
  admin = await login(h.fleet, org.email, PASSWORD)
  const russianId = await createUser(h.fleet, org.orgId, "manager", "ru@nested-exports.example", PASSWORD)
  await h.fleet.db.system.query("UPDATE users SET locale = 'ru' WHERE id = $1", [russianId])
  russian = await login(h.fleet, "ru@nested-exports.example", PASSWORD)
  await createUser(h.fleet, org.orgId, "viewer", "viewer@nested-exports.example", PASSWORD)
  viewer = await login(h.fleet, "viewer@nested-exports.example", PASSWORD)
  await createUser(h.fleet, org.orgId, "owner", "owner@nested-exports.example", PASSWORD)
  owner = await login(h.fleet, "owner@nested-exports.example", PASSWORD)
  other = await login(h.fleet, (await createOrg(h.fleet, "nested-exports-b", PASSWORD)).email, PASSWORD)
  otherVehicleId = (await provision(other, "nested-b-1", "NXB 1")).vehicleId

  const device = await provision(admin, "nested-1", "NX 001")
  vehicleId = device.vehicleId
  deviceId = device.deviceId
  driverId = await files.created(admin, "/api/v1/drivers", { fullName: "Ерлан Сапаров" })
  const second = await files.created(admin, "/api/v1/drivers", { fullName: "Anna Berg" })
  const day = 86_400_000
  for (const [driver, from, to] of [
    [second, 30, 20],
    [driverId, 20, null],
  ] as const)
    await files.created(admin, `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId: driver,
      startsAt: new Date(Date.now() - from * day).toISOString(),
      ...(to === null ? {} : { endsAt: new Date(Date.now() - to * day).toISOString() }),
    })
  for (const [valueKm, ago] of [
    [12_000, 10],
    [12_400, 5],
  ] as const)
    await files.created(admin, `/api/v1/vehicles/${vehicleId}/odometer-readings`, {
      valueKm,
      at: new Date(Date.now() - ago * day).toISOString(),
      note: `reading ${valueKm}`,
    })
  await files.created(admin, `/api/v1/vehicles/${vehicleId}/ownership-records`, {
    ownerType: "leasing",
    ownerName: "Halyk Leasing",
    from: "2024-01-01",
    purchasePrice: "15000000.00",
    currency: "KZT",
  })
  const queued = await admin.call("POST", `/api/v1/devices/${deviceId}/commands`, {
    type: "setInterval",
    params: { seconds: 30 },
  })
  expect(queued.status, JSON.stringify(queued.body)).toBeLessThan(300)
  await files.created(admin, "/api/v1/currency-rates", {
    currency: "USD",
    date: "2026-11-02",
    rate: "470.25",
  })
  await files.created(admin, "/api/v1/budgets", {
    category: "fuel",
    period: "month",
    start: "2026-11-01",
    amount: "500000.00",
  })
  await files.created(admin, "/api/v1/maintenance/templates", {
    name: "Замена масла",
    vehicleId,
    everyKm: 10_000,
    everyMonths: 12,
  })
  webhookId = await files.created(admin, "/api/v1/notification-webhooks", {
    name: "Dispatch hook",
    url: "https://hooks.example.com/fleet",
    secret: "a-secret-of-sixteen-chars",
  })
  scheduleId = await files.created(admin, "/api/v1/report-schedules", {
    name: "Monthly fuel",
    report: "fuel",
    period: "lastMonth",
    formats: ["pdf", "xlsx"],
    recipients: ["fleet@nested-exports.example"],
    language: "ru",
    frequency: "monthly",
    monthDay: 1,
    hour: 7,
  })
  await files.created(admin, "/api/v1/fuel-cards", {
    name: "Qazaq Oil card",
    numberLast4: "4417",
    vehicleId,
    currency: "KZT",
    dailyLimit: "40000.00",
  })
  await h.fleet.db.system.query(
    `INSERT INTO unknown_devices (protocol, identifier, remote_address) VALUES ('teltonika', '356307042441013', '10.1.2.3')
     ON CONFLICT DO NOTHING`,
  )
})
afterAll(async () => {
  await h?.close()
})

describe("exports of nested and settings lists", () => {
  it("a vehicle's drivers, readings, owners, devices and commands: the list's rows, in the caller's words", async () => {
    const assignments = await agree(admin, ...paths("vehicleAssignments", vehicleId))
    expect(column(assignments.csv, "Driver")).toEqual(assignments.items.map((i) => i.driverName))
    expect(column(assignments.csv, "Driver")).toContain("Ерлан Сапаров")
    expect(column(assignments.csv, "Plate")).toEqual(["NX 001", "NX 001"])

    const readings = await agree(admin, ...paths("odometerReadings", vehicleId), "&sort=-at")
    expect(column(readings.csv, "Odometer, km")).toEqual(["12400", "12000"])
    expect(column(readings.csv, "Note")).toEqual(["reading 12400", "reading 12000"])

    const owners = await agree(russian, ...paths("ownershipRecords", vehicleId))
    expect(column(owners.csv, "Тип владельца")).toEqual(["Лизинг"])
    expect(column(owners.csv, "Владелец")).toEqual(["Halyk Leasing"])
    expect(column(owners.csv, "Цена покупки")).toEqual(["15000000.00"])

    const [devicesExport, devicesList] = paths("devices")
    const devices = await agree(admin, devicesExport, devicesList, `&vehicleId=${vehicleId}`)
    expect(column(devices.csv, "Protocol")).toEqual(["FleetCore (MQTT, HTTP)"])
    expect(column(devices.csv, "Vehicle")).toEqual([`Vehicle ${deviceId}`])

    const commands = await agree(russian, ...paths("deviceCommands", deviceId))
    expect(column(commands.csv, "Статус")).toEqual(["В очереди"])
    expect(column(commands.csv, "Команда")[0]).toBe(commands.items[0]?.text)
  })

  it("a driver's vehicles, by the driver's page", async () => {
    const vehicles = await agree(admin, ...paths("driverAssignments", driverId))
    expect(column(vehicles.csv, "Vehicle")).toEqual([`Vehicle ${deviceId}`])
  })

  it("a record of another organisation is not found through its export, and no row leaks", async () => {
    for (const [area, id] of [
      ["vehicleAssignments", otherVehicleId],
      ["odometerReadings", otherVehicleId],
      ["ownershipRecords", otherVehicleId],
      ["deviceCommands", "nested-b-1"],
    ] as const) {
      const e = await files.exportOf(admin, `${paths(area, id)[0]}?format=csv`)
      expect(e.status, area).toBe(404)
    }
    const [devicesExport] = paths("devices")
    expect((await files.csvOf(admin, `${devicesExport}?format=csv`)).flat()).not.toContain("nested-b-1")
  })

  it("settings lists: templates, currency rates, budgets, webhooks and their deliveries, schedules and runs", async () => {
    const templates = await agree(admin, ...paths("maintenanceTemplates"))
    expect(column(templates.csv, "Name")).toEqual(["Замена масла"])
    expect(column(templates.csv, "Vehicle")).toEqual([`Vehicle ${deviceId}`])
    expect(column(templates.csv, "Every, km")).toEqual(["10000"])

    const rates = await agree(admin, ...paths("currencyRates"))
    expect(column(rates.csv, "Rate")).toEqual(["470.25"])

    const budgets = await agree(russian, ...paths("budgets"))
    expect(column(budgets.csv, "Категория")).toEqual(["Топливо"])
    expect(column(budgets.csv, "Период")).toEqual(["Месяц"])

    const hooks = await agree(admin, ...paths("notificationWebhooks"))
    expect(column(hooks.csv, "Address")).toEqual(["https://hooks.example.com/fleet"])
    expect(column(hooks.csv, "Enabled")).toEqual(["Yes"])
    await agree(admin, ...paths("webhookDeliveries", webhookId))

    const schedules = await agree(russian, ...paths("reportSchedules"))
    expect(column(schedules.csv, "Отчёт")).toEqual(["Топливо"])
    expect(column(schedules.csv, "Периодичность")).toEqual(["Ежемесячно"])
    expect(column(schedules.csv, "Язык")).toEqual(["Русский"])
    expect(column(schedules.csv, "Получатели")).toEqual(["fleet@nested-exports.example"])
    expect((await admin.call("POST", `/api/v1/report-schedules/${scheduleId}/run`)).status).toBeLessThan(300)
    const runs = await agree(admin, ...paths("scheduleRuns", scheduleId))
    expect(column(runs.csv, "Run by hand")).toEqual(["Yes"])
    expect(runs.items).toHaveLength(1)
  })

  it("the fleet's notifications, fuel reconciliation and card spending export what their pages show", async () => {
    await agree(admin, ...paths("notifications"))
    await agree(admin, ...paths("fuelReconciliation"))
    const spending = await agree(admin, ...paths("fuelCardSpending"))
    expect(column(spending.csv, "Card")).toEqual(["•••• 4417"])
    expect(column(spending.csv, "Daily limit")).toEqual(["40000.00"])
    const periods = spending.items[0]?.periods as Array<{ spent: string; period: string }> | undefined
    const today = periods?.[0]
    expect(today?.period).toBe("day")
    expect(column(spending.csv, "Spent today")).toEqual([today?.spent])
    expect(column(spending.csv, "Daily limit used")).toEqual(["0"])
  })

  it("the installation's lists need their own permission besides reports.export", async () => {
    const organisations = await agree(owner, ...paths("organisations"), "&q=nested-exports")
    expect(column(organisations.csv, "Short name").sort()).toEqual(["nested-exports", "nested-exports-b"])
    const unknown = await agree(owner, ...paths("unknownDevices"))
    expect(column(unknown.csv, "Identifier (IMEI)")).toContain("356307042441013")
    for (const area of [
      "organisations",
      "unknownDevices",
      "notificationWebhooks",
      "reportSchedules",
    ] as const)
      expect((await files.exportOf(viewer, `${paths(area)[0]}?format=csv`)).status).toBe(403)
    expect((await files.exportOf(admin, `${paths("organisations")[0]}?format=csv`)).status).toBe(403)
  })

  it("exports in XLSX and PDF too, with the caller's letters", async () => {
    const [owners] = paths("ownershipRecords", vehicleId)
    const xlsx = await files.xlsxOf(russian, `${owners}?format=xlsx`)
    expect(xlsx.cells).toContain("Лизинг")
    const pdf = await files.pdfOf(russian, `${paths("vehicleAssignments", vehicleId)[0]}?format=pdf`)
    expect(pdf).toContain("Водители автомобиля")
    expect(pdf).toContain("Ерлан Сапаров")
  })
})
