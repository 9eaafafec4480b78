import { readFile } from "node:fs/promises"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import type { Download, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pdfText, shootPdf } from "./reportPdf.js"

/*
 * The fuel and maintenance reports for the demo fleet in the browser, as a fleet manager: each
 * opens from its card, the period changes, and CSV, XLSX and PDF download with the page's filters
 * holding the API's rows and totals (the PDF's text the Russian words). Pages are photographed in
 * light and dark, English and Russian, into test-results/reports-fuel-maintenance/.
 */

const POLL = { timeout: 20_000, interval: 100 }
/** Rows on a report table's page (the shared tables' default page size); the totals row is under it. */
const PAGE = 50

type Table = {
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  charts: Array<{ key: string }>
  period: { from: string; to: string }
}

describe("fuel and maintenance reports in the browser", () => {
  let b: BrowserFleet
  let token: string
  const api = <T>(path: string) => b.api<T>(token, "GET", path)

  beforeAll(async () => {
    b = await startBrowserFleet("reports-fuel-maintenance", { demoScale: "full" })
    await b.addUser({
      email: "manager.en@reports-fm.example",
      role: "manager",
      name: "Manager",
      locale: "en",
    })
    await b.addUser({
      email: "manager.ru@reports-fm.example",
      role: "manager",
      name: "Менеджер",
      locale: "ru",
    })
    token = await b.tokenOf("manager.en@reports-fm.example")
    // The demo has no fuel cards: one with limits, used twice today, so the card chart shows.
    const vehicle = await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", {
      name: "Газель Өскемен",
      plate: "778 ҚАЗ 16",
    })
    const card = await b.api<{ id: string }>(token, "POST", "/api/v1/fuel-cards", {
      name: "Halyk",
      numberLast4: "4242",
      currency: "KZT",
      dailyLimit: "20000.00",
      monthlyLimit: "100000.00",
    })
    for (const amount of ["15000.00", "12000.00"]) {
      await b.api(token, "POST", "/api/v1/expenses", {
        vehicleId: vehicle.id,
        category: "fuel",
        date: new Date().toISOString().slice(0, 10),
        amount,
        litres: 50,
        fuelCardId: card.id,
      })
    }
  }, 240_000)

  afterAll(async () => {
    await b?.close()
  })

  const download = async (
    page: Page,
    format: "csv" | "xlsx" | "pdf",
  ): Promise<{ file: Download; bytes: Buffer }> => {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(`report-export-${format}`).click(),
    ])
    return { file, bytes: await readFile(await file.path()) }
  }

  const csvRows = (bytes: Buffer) =>
    Papa.parse<Array<string>>(bytes.toString("utf8").replace(/^\uFEFF/u, ""), { skipEmptyLines: true }).data

  const digits = (v: unknown) => String(v ?? "").replace(/\D/gu, "")

  it("the fuel report opens from its card, changes period, and exports the API's rows and totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1500, height: 1300 })
    await b.signIn(page, "manager.ru@reports-fm.example")
    await page.goto(`${b.fleet.httpUrl}/reports`)
    await page.getByTestId("report-card-fuel").click()
    await page.waitForURL(/\/reports\/fuel/u)
    await page.getByTestId("report-body").waitFor(POLL)

    await page.getByTestId("report-filter-period").selectOption("last12Months")
    await page.waitForURL(/period=last12Months/u)
    const year = await api<Table>("/api/v1/reports/fuel?period=last12Months")
    expect(Number(year.totals.refuels)).toBeGreaterThan(0)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-fuelCost").textContent()), POLL)
      .toBe(digits(year.totals.fuelCost))
    await page.getByTestId("report-chart-costPerLitreByMonth").locator("svg").waitFor(POLL)
    // 27,000 of the 20,000 daily limit.
    await page.getByTestId("report-chart-cardLimits").locator("svg").waitFor(POLL)
    const cards = year.charts.find((c) => c.key === "cardLimits") as unknown as {
      categories: Array<string>
      series: Array<{ key: string; values: Array<number> }>
    }
    expect(cards.categories).toEqual(["Halyk ·4242"])
    expect(cards.series[0]).toEqual({ key: "limitDay", values: [135] })
    await expect
      .poll(() => page.getByTestId("report-table-row").count(), POLL)
      .toBe(Math.min(year.rows.length, PAGE) + 1)

    const csv = await download(page, "csv")
    expect(csv.file.suggestedFilename()).toBe(`fuel-${year.period.from}_${year.period.to}.csv`)
    const [header, ...lines] = csvRows(csv.bytes)
    expect(header?.[0]).toBe("Транспортное средство")
    expect(lines).toHaveLength(year.rows.length + 1)
    const costAt = header?.indexOf("Стоимость топлива") ?? -1
    const refuelsAt = header?.indexOf("Заправки") ?? -1
    expect(lines[lines.length - 1]?.[costAt]).toBe(year.totals.fuelCost)
    expect(lines[lines.length - 1]?.[refuelsAt]).toBe(String(year.totals.refuels))

    const xlsx = await download(page, "xlsx")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    let headerRow = 0
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === "Транспортное средство") headerRow = n
    })
    expect(sheet.rowCount - headerRow).toBe(year.rows.length + 1)
    expect(sheet.getRow(sheet.rowCount).getCell(costAt + 1).value).toBe(Number(year.totals.fuelCost))

    const pdf = await download(page, "pdf")
    const text = await pdfText(pdf.bytes)
    expect(text).toContain("Топливо")
    expect(text).toContain("По заправкам, л/100 км")
    expect(text).toContain(String(year.rows[0]?.vehicle))
    await shootPdf(b, pdf.bytes, "fuel-pdf-page1")

    // A shorter period: the page and the API agree again.
    await page.getByTestId("report-filter-period").selectOption("lastMonth")
    await page.waitForURL(/period=lastMonth/u)
    const month = await api<Table>("/api/v1/reports/fuel?period=lastMonth")
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-fuelCost").textContent()), POLL)
      .toBe(digits(month.totals.fuelCost))
    expect(b.pageErrors).toEqual([])
  })

  it("the maintenance report shows the year's services and exports the same totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1500, height: 1300 })
    await b.signIn(page, "manager.en@reports-fm.example")
    await page.goto(`${b.fleet.httpUrl}/reports/maintenance?period=thisYear`)
    await page.getByTestId("report-chart-costByMonth").locator("svg").waitFor(POLL)
    await page.getByTestId("report-filter-period").selectOption("last12Months")
    await page.waitForURL(/period=last12Months/u)
    const year = await api<Table>("/api/v1/reports/maintenance?period=last12Months")
    expect(Number(year.totals.services)).toBeGreaterThan(0)
    expect(year.charts.map((c) => c.key)).toEqual(["costByMonth", "costByType", "costByVendor"])
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-serviceCost").textContent()), POLL)
      .toBe(digits(year.totals.serviceCost))

    const [header, ...lines] = csvRows((await download(page, "csv")).bytes)
    expect(lines).toHaveLength(year.rows.length + 1)
    expect(lines[lines.length - 1]?.[header?.indexOf("Service cost") ?? -1]).toBe(year.totals.serviceCost)
    expect(lines[lines.length - 1]?.[header?.indexOf("Services") ?? -1]).toBe(String(year.totals.services))

    const xlsx = await download(page, "xlsx")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe("Total")

    const pdf = await download(page, "pdf")
    const text = await pdfText(pdf.bytes)
    expect(text).toContain("Maintenance")
    expect(text).toContain("On time, %")
    await shootPdf(b, pdf.bytes, "maintenance-pdf-page1")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in light English and in dark Russian", async () => {
    for (const [scheme, email, name] of [
      ["light", "manager.en@reports-fm.example", "en-light"],
      ["dark", "manager.ru@reports-fm.example", "ru-dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme, width: 1500, height: 1200 })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/reports`)
      await page.getByTestId("report-card-fuel").waitFor(POLL)
      await b.shot(page, `list-${name}`)
      for (const report of ["fuel", "maintenance"]) {
        await page.goto(`${b.fleet.httpUrl}/reports/${report}?period=last12Months`)
        await page.getByTestId("report-body").locator(".report-chart svg").first().waitFor(POLL)
        await page.waitForLoadState("networkidle")
        await b.shot(page, `${report}-${name}`)
      }
    }
    expect(b.pageErrors).toEqual([])
  }, 300_000)
})
