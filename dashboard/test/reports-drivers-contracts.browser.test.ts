import { readFile } from "node:fs/promises"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import type { Download, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pdfText, shootPdf } from "./reportPdf.js"

/*
 * The drivers, contracts-and-insurance and rental reports for the demo fleet in the browser, as a
 * fleet manager: each opens from its card, the period changes, CSV, XLSX and PDF download with the
 * page's filters and hold the API's rows and totals, the PDF the Cyrillic names. Pages are
 * photographed light and dark, in English and Russian, into test-results/reports/.
 */

const POLL = { timeout: 30_000, interval: 100 }
/** Rows on a report table's page (the shared tables' default page size); the totals row is under it. */
const PAGE = 50

type Table = {
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  period: { from: string; to: string }
}

describe("drivers, coverage and rental reports in the browser", () => {
  let b: BrowserFleet
  let token: string
  const api = <T>(path: string) => b.api<T>(token, "GET", path)

  beforeAll(async () => {
    b = await startBrowserFleet("reports", { demoScale: "full" })
    await b.addUser({ email: "manager.en@dc.example", role: "manager", name: "Manager", locale: "en" })
    await b.addUser({ email: "manager.ru@dc.example", role: "manager", name: "Менеджер", locale: "ru" })
    token = await b.tokenOf("manager.en@dc.example")
  }, 300_000)

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
  const tableRows = (page: Page) =>
    page
      .getByTestId("report-table-row")
      .count()
      .catch(() => 0)

  it("the drivers report scores the demo fleet's drivers and exports the API's rows and totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1200 })
    await b.signIn(page, "manager.ru@dc.example")
    await page.goto(`${b.fleet.httpUrl}/reports`)
    await page.getByTestId("report-card-drivers").click()
    await page.waitForURL(/\/reports\/drivers/u)
    await page.getByTestId("report-body").waitFor(POLL)
    await page.getByTestId("report-filter-period").selectOption("lastMonth")
    await page.waitForURL(/period=lastMonth/u)
    const month = await api<Table>("/api/v1/reports/drivers?period=lastMonth")
    expect(month.rows.length).toBeGreaterThan(10)
    // The demo fleet drives: most drivers have distance and a score.
    expect(month.rows.filter((r) => r.score !== null).length).toBeGreaterThan(10)
    expect(Number(month.totals.distanceKm)).toBeGreaterThan(1000)
    await expect.poll(() => tableRows(page), POLL).toBe(Math.min(month.rows.length, PAGE) + 1)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-fleetScore").textContent()), POLL)
      .toBe(digits(month.totals.score))
    await page.getByTestId("report-chart-scores").locator("svg").waitFor(POLL)
    await b.shot(page, "drivers-ru-light")

    const csv = csvRows((await download(page, "csv")).bytes)
    const [header, ...lines] = csv
    expect(header?.[0]).toBe("Водитель")
    expect(lines).toHaveLength(month.rows.length + 1)
    const at = (key: string) => header?.indexOf(key) ?? -1
    expect(lines[lines.length - 1]?.[at("Штрафы, сумма")]).toBe(month.totals.penaltiesAmount)
    expect(lines[lines.length - 1]?.[at("Оценка")]).toBe(String(month.totals.score))
    expect(lines[0]?.[0]).toBe(month.rows[0]?.driver)

    const xlsx = await download(page, "xlsx")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    let headerRow = 0
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === "Водитель") headerRow = n
    })
    expect(sheet.rowCount - headerRow).toBe(month.rows.length + 1)
    expect(sheet.getRow(sheet.rowCount).getCell(at("Пробег, км") + 1).value).toBe(month.totals.distanceKm)

    const pdf = await download(page, "pdf")
    await shootPdf(b, pdf.bytes, "drivers-pdf-page1")
    expect(pdf.file.suggestedFilename()).toBe(`drivers-${month.period.from}_${month.period.to}.pdf`)
    const text = await pdfText(pdf.bytes)
    expect(text).toContain("Водители")
    expect(text).toContain(String(month.rows[0]?.driver))
    expect(b.pageErrors).toEqual([])
  })

  it("the coverage report lists the contracts and the uninsured days, and exports the same totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1200 })
    await b.signIn(page, "manager.en@dc.example")
    await page.goto(`${b.fleet.httpUrl}/reports/coverage?period=thisMonth`)
    await page.getByTestId("report-body").waitFor(POLL)
    await page.getByTestId("report-filter-period").selectOption("thisQuarter")
    await page.waitForURL(/period=thisQuarter/u)
    const quarter = await api<Table>("/api/v1/reports/coverage?period=thisQuarter")
    expect(quarter.rows.length).toBeGreaterThan(100)
    expect(Number(quarter.totals.contracts)).toBeGreaterThan(100)
    await expect.poll(() => tableRows(page), POLL).toBe(Math.min(quarter.rows.length, PAGE) + 1)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-costInPeriod").textContent()), POLL)
      .toBe(digits(quarter.totals.costInPeriod))
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-uninsuredVehicles").textContent()), POLL)
      .toBe(digits(quarter.totals.uninsuredVehicles))
    await b.shot(page, "coverage-en-light")
    const [header, ...lines] = csvRows((await download(page, "csv")).bytes)
    expect(lines).toHaveLength(quarter.rows.length + 1)
    expect(lines[lines.length - 1]?.[header?.indexOf("Due in the period") ?? -1]).toBe(
      quarter.totals.costInPeriod,
    )
    expect(lines[lines.length - 1]?.[header?.indexOf("Days uninsured") ?? -1]).toBe(
      String(quarter.totals.uninsuredDays),
    )
    expect(
      lines.some((l) => l[header?.indexOf("Contract") ?? -1] === "Motor liability insurance (OSAGO)"),
    ).toBe(true)
    const xlsx = await download(page, "xlsx")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    expect(book.worksheets[0]?.getRow(book.worksheets[0].rowCount).getCell(1).value).toBe("Total")
    const pdf = await download(page, "pdf")
    await shootPdf(b, pdf.bytes, "coverage-pdf-page1")
    const text = await pdfText(pdf.bytes)
    expect(text).toContain("Contracts and insurance coverage")
    expect(b.pageErrors).toEqual([])
  })

  it("the rental report shows the rented vehicles against the owned ones and exports the same totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1200 })
    await b.signIn(page, "manager.ru@dc.example")
    await page.goto(`${b.fleet.httpUrl}/reports/rental`)
    await page.getByTestId("report-body").waitFor(POLL)
    await page.getByTestId("report-filter-period").selectOption("last12Months")
    await page.waitForURL(/period=last12Months/u)
    const year = await api<Table>("/api/v1/reports/rental?period=last12Months")
    expect(year.rows.length).toBeGreaterThan(3)
    expect(year.totals.ownedCostPerKm).not.toBeNull()
    expect(year.totals.costPerKm).not.toBeNull()
    await expect.poll(() => tableRows(page), POLL).toBe(Math.min(year.rows.length, PAGE) + 1)
    await expect
      .poll(async () => digits(await page.getByTestId("report-figure-rentPaid").textContent()), POLL)
      .toBe(digits(year.totals.rentPaid))
    await page.getByTestId("report-chart-ownedVsRented").locator("svg").waitFor(POLL)
    await b.shot(page, "rental-ru-light")
    const [header, ...lines] = csvRows((await download(page, "csv")).bytes)
    expect(lines).toHaveLength(year.rows.length + 1)
    expect(lines[lines.length - 1]?.[header?.indexOf("Аренда оплачено") ?? -1]).toBe(year.totals.rentPaid)
    const text = await pdfText((await download(page, "pdf")).bytes)
    expect(text).toContain("Аналитика аренды")
    expect(text).toContain(String(year.rows[0]?.vehicle))
    expect(b.pageErrors).toEqual([])
  })

  it("answers a year of the demo fleet (500+ vehicles) quickly", async () => {
    for (const report of ["drivers", "coverage", "rental"]) {
      await api(`/api/v1/reports/${report}?period=last12Months`)
      const started = performance.now()
      await api(`/api/v1/reports/${report}?period=last12Months`)
      const ms = Math.round(performance.now() - started)
      console.info(`${report} report, last 12 months: ${ms} ms`)
      // ≤ 1 s on an idle machine (issue 11); the bound leaves room for a shared one.
      expect(ms).toBeLessThan(3000)
    }
  })

  it("looks right in dark and in Russian", async () => {
    for (const [scheme, email, name] of [
      ["light", "manager.en@dc.example", "en-light"],
      ["dark", "manager.ru@dc.example", "ru-dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme, width: 1400, height: 1200 })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/reports`)
      await page.getByTestId("report-card-rental").waitFor(POLL)
      await b.shot(page, `list-dc-${name}`, { fullPage: false })
      for (const report of ["drivers", "coverage", "rental"]) {
        await page.goto(`${b.fleet.httpUrl}/reports/${report}?period=lastMonth`)
        await page.getByTestId("report-body").locator(".report-chart svg").first().waitFor(POLL)
        await page.waitForLoadState("networkidle")
        await b.shot(page, `${report}-${name}`, { fullPage: false })
      }
    }
    expect(b.pageErrors).toEqual([])
  }, 300_000)
})
