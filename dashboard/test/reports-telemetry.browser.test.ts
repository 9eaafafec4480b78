import { readFile } from "node:fs/promises"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pdfText } from "./reportPdf.js"

/*
 * The telemetry reports (utilisation, mileage by day/month, trips and stops) for the demo fleet's
 * last weeks of driving (server/src/demo/demoTrips.ts), in the browser: each opens, its period or
 * grouping changes, and CSV, XLSX and PDF carry the API's rows and totals. Pages are photographed
 * in light and dark, English and Russian, into test-results/reports-telemetry/.
 */

const POLL = { timeout: 30_000, interval: 100 }
/** Rows on a report table's page (the shared tables' default page size); the totals row is under it. */
const PAGE = 50

type Table = {
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  summary?: Array<{ key: string; value: string | number | null }>
  rowsTotal?: number
  period: { from: string; to: string }
}

describe("telemetry reports in the browser", () => {
  let b: BrowserFleet
  let token: string
  const api = <T>(path: string) => b.api<T>(token, "GET", path)

  beforeAll(async () => {
    b = await startBrowserFleet("reports-telemetry", { demoScale: "full" })
    await b.addUser({ email: "manager.en@tel.example", role: "manager", name: "Manager", locale: "en" })
    await b.addUser({ email: "manager.ru@tel.example", role: "manager", name: "Менеджер", locale: "ru" })
    token = await b.tokenOf("manager.en@tel.example")
  }, 300_000)

  afterAll(async () => {
    await b?.close()
  })

  const download = async (page: Page, format: "csv" | "xlsx" | "pdf") => {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(`report-export-${format}`).click(),
    ])
    return { file, bytes: await readFile(await file.path()) }
  }
  const csvOf = (bytes: Buffer) =>
    Papa.parse<Array<string>>(bytes.toString("utf8").replace(/^\uFEFF/u, ""), { skipEmptyLines: true }).data
  const figure = (t: Table, key: string) => t.summary?.find((f) => f.key === key)?.value
  const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/gu, "")

  it("utilisation: active and idle vehicles as the API counts them, the period changes, exports hold its totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1300 })
    await b.signIn(page, "manager.ru@tel.example")
    await page.goto(`${b.fleet.httpUrl}/reports`)
    await page.getByTestId("report-card-utilisation").click()
    await page.waitForURL(/\/reports\/utilisation/u)
    await page.getByTestId("report-body").waitFor(POLL)
    await page.getByTestId("report-filter-period").selectOption("lastMonth")
    await page.waitForURL(/period=lastMonth/u)
    const month = await api<Table>("/api/v1/reports/utilisation?period=lastMonth")
    expect(Number(figure(month, "activeVehicles"))).toBeGreaterThan(100)
    expect(Number(figure(month, "idleVehicles"))).toBeGreaterThan(10)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-activeVehicles").textContent()), POLL)
      .toBe(String(figure(month, "activeVehicles")))
    await page.getByTestId("report-chart-activeByDay").locator("svg").waitFor(POLL)
    await page.getByTestId("report-chart-hoursByDay").locator("svg").waitFor(POLL)
    await b.shot(page, "utilisation-ru-light")

    const [header, ...lines] = csvOf((await download(page, "csv")).bytes)
    expect(header?.[0]).toBe("Транспортное средство")
    expect(lines).toHaveLength(month.rows.length + 1)
    const at = (label: string) => header?.indexOf(label) ?? -1
    expect(Number(lines.at(-1)?.[at("Пробег, км")])).toBe(month.totals.distanceKm)
    expect(Number(lines.at(-1)?.[at("Дней в работе")])).toBe(month.totals.daysUsed)

    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await download(page, "xlsx")).bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    const last = sheet.getRow(sheet.rowCount)
    expect(last.getCell(1).value).toBe("Итого")
    expect(last.getCell(at("Пробег, км") + 1).value).toBe(month.totals.distanceKm)
    // Driving time as Excel holds time, in days since 30 December 1899 (exceljs reads it as a date).
    const driving = last.getCell(at("Время в движении") + 1).value
    expect(driving).toBeInstanceOf(Date)
    expect(((driving as Date).getTime() - Date.UTC(1899, 11, 30)) / 1000).toBeCloseTo(
      Number(month.totals.drivingTime),
      -1,
    )

    const text = await pdfText((await download(page, "pdf")).bytes)
    expect(text).toContain("Использование")
    expect(text).toContain("Активные ТС")
    expect(text).toContain(String(month.rows[0]?.vehicle))
    expect(b.pageErrors).toEqual([])
  })

  it("mileage: by day the rows are capped and say so; by month they all show, and the export follows the grouping", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1300 })
    await b.signIn(page, "manager.en@tel.example")
    await page.goto(`${b.fleet.httpUrl}/reports/mileage?period=lastMonth`)
    await page.getByTestId("report-chart-distanceByDay").locator("svg").waitFor(POLL)
    const byDay = await api<Table>("/api/v1/reports/mileage?period=lastMonth")
    expect(byDay.rowsTotal ?? 0).toBeGreaterThan(byDay.rows.length)
    await page.getByTestId("report-capped").waitFor(POLL)

    await page.getByTestId("report-filter-groupBy").selectOption("month")
    await page.waitForURL(/groupBy=month/u)
    await page.getByTestId("report-chart-distanceByMonth").locator("svg").waitFor(POLL)
    const byMonth = await api<Table>("/api/v1/reports/mileage?period=lastMonth&groupBy=month")
    expect(byMonth.rowsTotal).toBe(byMonth.rows.length)
    expect(byMonth.totals.distanceKm).toBe(byDay.totals.distanceKm)
    await expect
      .poll(() => page.getByTestId("report-table-row").count(), POLL)
      .toBe(Math.min(byMonth.rows.length, PAGE) + 1)
    await b.shot(page, "mileage-en-light", { fullPage: false })

    const { file, bytes } = await download(page, "csv")
    expect(file.suggestedFilename()).toBe(`mileage-${byMonth.period.from}_${byMonth.period.to}.csv`)
    const [header, ...lines] = csvOf(bytes)
    expect(header?.slice(0, 4)).toEqual(["Month", "Vehicle", "Plate", "Driver"])
    expect(lines).toHaveLength(byMonth.rows.length + 1)
    expect(Number(lines.at(-1)?.[4])).toBe(byMonth.totals.distanceKm)
    expect(b.pageErrors).toEqual([])
  })

  it("trips: one vehicle's trips with their stops, exported with the same rows and the Cyrillic names", async () => {
    // The vehicle of the month's first trip.
    const all = await api<Table>("/api/v1/reports/trips?period=lastMonth")
    // No vehicle is on two trips at once (the engine re-deriving the demo's points beside its trips
    // would be: demoTrips.ts writes the engine's snapshot with them).
    const spans = new Map<string, Array<{ start: string; end: string }>>()
    for (const r of all.rows) {
      // Two demo vehicles may share a name: the plate tells them apart.
      const key = `${String(r.vehicle)} · ${String(r.plate)}`
      const own = spans.get(key) ?? []
      own.push({ start: String(r.start), end: String(r.end) })
      spans.set(key, own)
    }
    const overlapping = [...spans].filter(([, own]) =>
      own
        .sort((x, y) => x.start.localeCompare(y.start))
        .some((t, i) => i > 0 && t.start < (own[i - 1] as { end: string }).end),
    )
    expect(overlapping.map(([name]) => name)).toEqual([])
    const vehicle = await findVehicle(String(all.rows[0]?.vehicle))
    const page = await b.newPage({ colorScheme: "light", width: 1500, height: 1300 })
    await b.signIn(page, "manager.ru@tel.example")
    await page.goto(`${b.fleet.httpUrl}/reports/trips?period=lastMonth&vehicleId=${vehicle.id}`)
    await page.getByTestId("report-chart-tripsByDay").locator("svg").waitFor(POLL)
    const one = await api<Table>(`/api/v1/reports/trips?period=lastMonth&vehicleId=${vehicle.id}`)
    expect(one.rows.length).toBeGreaterThan(5)
    expect(one.rows.every((r) => r.vehicle === vehicle.name)).toBe(true)
    // Every trip but the last is followed by a stop.
    expect(one.rows.slice(0, -1).every((r) => Number(r.stopAfter) > 0)).toBe(true)
    await expect
      .poll(() => page.getByTestId("report-table-row").count(), POLL)
      .toBe(Math.min(one.rows.length, PAGE) + 1)
    await b.shot(page, "trips-ru-light", { fullPage: false })

    const [header, ...lines] = csvOf((await download(page, "csv")).bytes)
    expect(lines).toHaveLength(one.rows.length + 1)
    expect(lines[0]?.[header?.indexOf("Начало") ?? -1]).toBe(one.rows[0]?.start)
    expect(Number(lines.at(-1)?.[header?.indexOf("Пробег, км") ?? -1])).toBe(one.totals.distanceKm)
    const text = await pdfText((await download(page, "pdf")).bytes)
    expect(text).toContain("Поездки и стоянки")
    expect(text).toContain(vehicle.name)
    expect(b.pageErrors).toEqual([])
  })

  const findVehicle = async (name: string) => {
    const found = await api<{ items: Array<{ id: string; name: string }> }>(
      `/api/v1/vehicles?q=${encodeURIComponent(name)}&pageSize=5`,
    )
    const v = found.items.find((x) => x.name === name)
    if (v === undefined) throw new Error(`no vehicle ${name}`)
    return v
  }

  it("geofence visits: the night stays in the demo's depot and parking, exported with the API's rows", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1300 })
    await b.signIn(page, "manager.en@tel.example")
    await page.goto(`${b.fleet.httpUrl}/reports`)
    await page.getByTestId("report-card-geofenceVisits").click()
    await page.waitForURL(/\/reports\/geofenceVisits/u)
    await page.getByTestId("report-filter-period").selectOption("lastMonth")
    await page.waitForURL(/period=lastMonth/u)
    await page.getByTestId("report-chart-visitsByGeofence").locator("svg").waitFor(POLL)
    const all = await api<Table>("/api/v1/reports/geofenceVisits?period=lastMonth")
    expect(all.rows.map((r) => r.geofence)).toContain("Central depot")
    const fences = await api<{ items: Array<{ id: string; name: string }> }>("/api/v1/geofences?pageSize=50")
    const parking = fences.items.find((f) => f.name === "Night parking")
    if (parking === undefined) throw new Error("no Night parking geofence")
    await page.getByTestId("report-filter-geofence").selectOption(parking.id)
    await page.waitForURL(/geofenceId=/u)
    const one = await api<Table>(`/api/v1/reports/geofenceVisits?period=lastMonth&geofenceId=${parking.id}`)
    expect(one.rows.length).toBeGreaterThan(0)
    expect(one.rows.every((r) => r.geofence === "Night parking")).toBe(true)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-visits").textContent()), POLL)
      .toBe(String(one.rowsTotal))
    await b.shot(page, "geofenceVisits-en-light", { fullPage: false })
    const [header, ...lines] = csvOf((await download(page, "csv")).bytes)
    expect(lines).toHaveLength(one.rows.length + 1)
    expect(lines.at(-1)?.[header?.indexOf("Time inside") ?? -1]).toMatch(/^\d+:\d\d:\d\d$/u)
    expect(b.pageErrors).toEqual([])
  })

  it("tasks: the figures the API counts for tasks made today, filtered by template, in light English and dark Russian", async () => {
    const template = await b.api<{ id: string }>(token, "POST", "/api/v1/task-templates", {
      name: "Yard check",
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
    })
    for (const [title, to] of [
      ["Check the tyres", "done"],
      ["Wash the van", "done"],
      ["Refuel", "cancelled"],
      ["Check the lights", null],
    ] as const) {
      const task = await b.api<{ id: string }>(token, "POST", "/api/v1/tasks", {
        templateId: template.id,
        title,
      })
      if (to !== null) await b.api(token, "POST", `/api/v1/tasks/${task.id}/transitions`, { to })
    }
    const t = await api<Table>("/api/v1/reports/tasks")
    expect([figure(t, "created"), figure(t, "completed"), figure(t, "cancelled")]).toEqual([4, 2, 1])
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1300 })
    await b.signIn(page, "manager.en@tel.example")
    await page.goto(`${b.fleet.httpUrl}/reports`)
    // From the keyboard: the demo's live "device offline" toasts may lie over the card at the
    // bottom of the page (once the test's data folder is over 15 minutes old).
    await page.getByTestId("report-card-tasks").focus()
    await page.keyboard.press("Enter")
    await page.waitForURL(/\/reports\/tasks/u)
    await page.getByTestId("report-filter-template").selectOption(template.id)
    await page.waitForURL(/templateId=/u)
    await page.getByTestId("report-chart-tasksByDay").locator("svg").waitFor(POLL)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-completed").textContent()), POLL)
      .toBe("2")
    await b.shot(page, "tasks-en-light", { fullPage: false })
    const [header, ...lines] = csvOf((await download(page, "csv")).bytes)
    expect(header).toEqual(expect.arrayContaining(["Created", "Completed", "Time to complete, p90"]))
    expect(lines.map((l) => l[header?.indexOf("Name") ?? -1])).toContain("Yard check")
    await page.close()
    const dark = await b.newPage({ colorScheme: "dark", width: 1400, height: 1300 })
    await b.signIn(dark, "manager.ru@tel.example")
    await dark.goto(`${b.fleet.httpUrl}/reports/tasks`)
    await dark.getByTestId("report-chart-tasksByDay").locator("svg").waitFor(POLL)
    await expect
      .poll(async () => await dark.getByTestId("report-figure-created").textContent(), POLL)
      .toContain("Создано")
    await dark.waitForLoadState("networkidle")
    await b.shot(dark, "tasks-ru-dark", { fullPage: false })
    await dark.close()
    expect(b.pageErrors).toEqual([])
  })

  it("trips on a phone: a page of rows at a time, the next page on demand", async () => {
    const all = await api<Table>("/api/v1/reports/trips?period=lastMonth")
    expect(all.rows.length).toBeGreaterThan(2 * PAGE)
    for (const [scheme, email, name] of [
      ["light", "manager.en@tel.example", "en-light"],
      ["dark", "manager.ru@tel.example", "ru-dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme, width: 390, height: 844 })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/reports/trips?period=lastMonth`)
      await page.getByTestId("report-chart-tripsByDay").locator("svg").waitFor(POLL)
      // 50 trips and the totals row, not the report's every row.
      await expect.poll(() => page.getByTestId("report-table-row").count(), POLL).toBe(PAGE + 1)
      // The demo's live alerts arrive as toasts; the page keeps room below its end for them.
      await page.getByTestId("report-table-next").click()
      await page.waitForURL(/page=2/u)
      await expect
        .poll(() => page.getByTestId("report-table-row").first().textContent(), POLL)
        .toContain(String(all.rows[PAGE]?.start))
      expect(await page.getByTestId("report-table-row").count()).toBe(PAGE + 1)
      await page.getByTestId("report-table-range").scrollIntoViewIfNeeded()
      await b.shot(page, `trips-phone-${name}`, { fullPage: false })
      await page.close()
    }
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", { timeout: 300_000 }, async () => {
    const [scheme, email, name] = ["dark", "manager.ru@tel.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme, width: 1400, height: 1200 })
    await b.signIn(page, email)
    for (const report of ["utilisation", "mileage", "trips", "geofenceVisits"]) {
      await page.goto(`${b.fleet.httpUrl}/reports/${report}?period=lastMonth`)
      await page
        .getByTestId("report-body")
        .locator(".report-chart svg")
        .first()
        .waitFor({ ...POLL, timeout: 60_000 })
      await page.waitForLoadState("networkidle")
      await b.shot(page, `${report}-${name}`, { fullPage: false })
    }
    await page.close()
    expect(b.pageErrors).toEqual([])
  })
})
