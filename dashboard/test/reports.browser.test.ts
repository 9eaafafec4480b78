import { readFile } from "node:fs/promises"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import type { Download, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pdfText, shootPdf } from "./reportPdf.js"

/*
 * The reports for the demo fleet in the browser, as a fleet manager: both reports open, the period
 * changes, and CSV, XLSX and PDF download with the page's filters; the files hold the API's rows and
 * totals, the PDF's text the Cyrillic and Kazakh names. Pages, and the PDF's first page rendered by
 * pdfjs-dist in Chromium, are photographed into test-results/reports/.
 */

const POLL = { timeout: 20_000, interval: 100 }

type Table = {
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  period: { from: string; to: string }
}

describe("reports in the browser", () => {
  let b: BrowserFleet
  let token: string
  const api = <T>(path: string) => b.api<T>(token, "GET", path)

  beforeAll(async () => {
    b = await startBrowserFleet("reports", { demoScale: "full" })
    await b.addUser({ email: "manager.en@reports.example", role: "manager", name: "Manager", locale: "en" })
    await b.addUser({ email: "manager.ru@reports.example", role: "manager", name: "Менеджер", locale: "ru" })
    token = await b.tokenOf("manager.en@reports.example")
    // A vehicle named in Kazakh with this month's expense, so every period shows it.
    const vehicle = await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", {
      name: "Газель Өскемен",
      plate: "777 ҚАЗ 16",
    })
    await b.api(token, "POST", "/api/v1/expenses", {
      vehicleId: vehicle.id,
      category: "washing",
      date: new Date().toISOString(),
      amount: "4500.00",
    })
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
    const path = await file.path()
    return { file, bytes: await readFile(path) }
  }

  it("a manager opens the TCO report, changes the period and exports CSV, XLSX and PDF with the API's rows and totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1200 })
    await b.signIn(page, "manager.ru@reports.example")
    await page.getByTestId("sidebar").getByRole("link", { name: "Отчёты" }).click()
    await page.waitForURL(/\/reports$/u)
    await page.getByTestId("report-card-tco").click()
    await page.waitForURL(/\/reports\/tco/u)
    await page.getByTestId("report-body").waitFor(POLL)

    await page.getByTestId("report-filter-period").selectOption("last12Months")
    await page.waitForURL(/period=last12Months/u)
    const api12 = await api<Table>("/api/v1/reports/tco?period=last12Months")
    expect(api12.rows.length).toBeGreaterThan(10)
    await expect
      .poll(
        () =>
          page
            .getByTestId("report-table-row")
            .count()
            .catch(() => 0),
        POLL,
      )
      .toBeGreaterThan(0)
    // The headline total is the API's, digit for digit ("12 345 678,90 ₸" for "12345678.90").
    await expect
      .poll(
        async () => (await page.getByTestId("report-figure-totalCost").textContent())?.replace(/\D/gu, ""),
        POLL,
      )
      .toBe(String(api12.totals.total).replace(/\D/gu, ""))
    await page.getByTestId("report-chart-topVehicles").locator("svg").waitFor(POLL)
    await b.shot(page, "tco-ru-light")

    const csv = await download(page, "csv")
    expect(csv.file.suggestedFilename()).toBe(`tco-${api12.period.from}_${api12.period.to}.csv`)
    const parsed = Papa.parse<Array<string>>(csv.bytes.toString("utf8").replace(/^\uFEFF/u, ""), {
      skipEmptyLines: true,
    })
    const [header, ...lines] = parsed.data
    expect(header?.[0]).toBe("Транспортное средство")
    expect(lines).toHaveLength(api12.rows.length + 1)
    const totalAt = header?.indexOf("Итого") ?? -1
    expect(lines[lines.length - 1]?.[totalAt]).toBe(api12.totals.total)
    expect(lines.map((l) => l[0])).toContain("Газель Өскемен")

    const xlsx = await download(page, "xlsx")
    expect(xlsx.file.suggestedFilename()).toBe(`tco-${api12.period.from}_${api12.period.to}.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    let headerRow = 0
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === "Транспортное средство") headerRow = n
    })
    expect(headerRow).toBeGreaterThan(0)
    expect(sheet.rowCount - headerRow).toBe(api12.rows.length + 1)
    const last = sheet.getRow(sheet.rowCount)
    expect(last.getCell(1).value).toBe("Итого")
    expect(last.getCell(totalAt + 1).value).toBe(Number(api12.totals.total))

    const pdf = await download(page, "pdf")
    expect(pdf.file.suggestedFilename()).toBe(`tco-${api12.period.from}_${api12.period.to}.pdf`)
    const text = await pdfText(pdf.bytes)
    expect(text).toContain("Совокупная стоимость владения")
    expect(text).toContain("Газель Өскемен")
    expect(text).toContain("777 ҚАЗ 16")
    expect(text).toContain("последние 12 месяцев")
    await shootPdf(b, pdf.bytes, "tco-pdf-page1")
    expect(b.pageErrors).toEqual([])
  })

  it("the expenses report shows the months of the period against the budgets and exports the same totals", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 1300 })
    await b.signIn(page, "manager.en@reports.example")
    await page.goto(`${b.fleet.httpUrl}/reports/expenses?period=thisYear`)
    await page.getByTestId("report-chart-byCategory").locator("svg").waitFor(POLL)
    const year = await api<Table>("/api/v1/reports/expenses?period=thisYear")
    expect(year.rows.length).toBe(12)
    await expect.poll(() => page.getByTestId("report-table-row").count(), POLL).toBe(13)
    await page.getByTestId("report-filter-period").selectOption("lastMonth")
    await page.waitForURL(/period=lastMonth/u)
    const lastMonth = await api<Table>("/api/v1/reports/expenses?period=lastMonth")
    await expect.poll(() => page.getByTestId("report-table-row").count(), POLL).toBe(2)
    await b.shot(page, "expenses-en-light")
    const csv = await download(page, "csv")
    expect(csv.file.suggestedFilename()).toBe(`expenses-${lastMonth.period.from}_${lastMonth.period.to}.csv`)
    const rows = Papa.parse<Array<string>>(csv.bytes.toString("utf8").replace(/^\uFEFF/u, ""), {
      skipEmptyLines: true,
    }).data
    const header = rows[0] ?? []
    expect(rows).toHaveLength(1 + 1 + 1)
    expect(rows[2]?.[header.indexOf("Total")]).toBe(lastMonth.totals.total)
    expect(rows[2]?.[header.indexOf("Budget")]).toBe(lastMonth.totals.budget ?? "")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [scheme, email, name] = ["dark", "manager.ru@reports.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme, width: 1400, height: 1200 })
    await b.signIn(page, email)
    await page.goto(`${b.fleet.httpUrl}/reports`)
    await page.getByTestId("report-card-tco").waitFor(POLL)
    await b.shot(page, `list-${name}`)
    for (const report of ["tco", "expenses"]) {
      await page.goto(`${b.fleet.httpUrl}/reports/${report}?period=last12Months`)
      // A year of the demo fleet's costs: well under a second alone, tens of seconds in a loaded suite.
      await page.getByTestId("report-body").locator(".report-chart svg").first().waitFor({ timeout: 60_000 })
      await page.waitForLoadState("networkidle")
      await b.shot(page, `${report}-${name}`)
    }
    expect(b.pageErrors).toEqual([])
  }, 300_000)
})
