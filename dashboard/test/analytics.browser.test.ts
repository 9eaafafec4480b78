import { randomUUID } from "node:crypto"
import { readFile } from "node:fs/promises"
import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 11, analysts: the SQL page runs a query on the demo organisation's ClickHouse rows and shows
 * them in the table, and its Export menu downloads the answer as CSV; a refused query shows the
 * reason with its code. Photographed in light and
 * dark, English and Russian, into test-results/analytics/.
 */

const POLL = { timeout: 20_000, interval: 100 }
const DAY = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe("the analysts' SQL page", () => {
  let b: BrowserFleet
  const vehicleId = randomUUID()

  beforeAll(async () => {
    b = await startBrowserFleet("analytics")
    await b.addUser({ email: "analyst.en@analytics.example", role: "analyst", locale: "en" })
    await b.addUser({ email: "analyst.ru@analytics.example", role: "analyst", locale: "ru" })
    const today = Date.parse(isoDay(Date.now()))
    await b.fleet.ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version"],
      [3, 2, 1].map((ago, i) => [b.orgId, vehicleId, isoDay(today - ago * DAY), 100_000 + i * 25_000, 1]),
    )
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  const distanceSql = `SELECT day, round(metres / 1000, 1) AS km FROM daily_mileage WHERE vehicle_id = '${vehicleId}' ORDER BY day`

  it("runs a query with Ctrl+Enter and shows its rows; a refused query shows why", async () => {
    const page = await b.newPage()
    await b.signIn(page, "analyst.en@analytics.example")
    await page.goto(`${b.fleet.httpUrl}/analytics`)
    await expect.poll(() => page.getByTestId("analytics-table-positions").count(), POLL).toBe(1)
    await page.getByTestId("analytics-sql").fill(distanceSql)
    await page.getByTestId("analytics-sql").press("Control+Enter")
    const cells = () =>
      page.getByTestId("analytics-results").locator("tbody tr td:nth-child(2)").allTextContents()
    await expect.poll(cells, POLL).toEqual(["100", "125", "150"])
    await expect
      .poll(() => page.getByTestId("analytics-summary").textContent(), POLL)
      .toMatch(/^3 rows · [\d,]+ ms$/u)
    await page.getByTestId("analytics-export").click()
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("analytics-export-csv").click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^analytics-\d{4}-\d{2}-\d{2}\.csv$/u)
    const text = (await readFile((await download.path()) ?? "", "utf8")).replace(/^\uFEFF/u, "")
    const rows = Papa.parse<Array<string>>(text, { skipEmptyLines: true }).data
    expect(rows.map((r) => r[1])).toEqual(["km", "100", "125", "150"])
    await page.getByTestId("analytics-table-trips").locator("summary").click()
    await page.waitForLoadState("networkidle")
    await b.shot(page, "analytics-en-light")
    // An opened table offers a query on it.
    await page.getByTestId("analytics-insert-trips").click()
    expect(await page.getByTestId("analytics-sql").inputValue()).toBe("SELECT *\nFROM trips\nLIMIT 100")

    await page.getByTestId("analytics-sql").fill("SELECT * FROM system.tables")
    await page.getByTestId("analytics-run").click()
    await expect
      .poll(() => page.getByTestId("analytics-error").textContent(), POLL)
      .toBe(
        "Query refusedFLEET_ANALYTICS_QUERY_REJECTEDsystem.tables is not one of your organisation's tables",
      )
    await b.shot(page, "analytics-en-light-rejected")
    expect(b.pageErrors).toEqual([])
  })

  it("puts an example one click away, and looks right in dark and in Russian", async () => {
    const [scheme, email, name] = ["dark", "analyst.ru@analytics.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, email)
    await page.goto(`${b.fleet.httpUrl}/analytics`)
    await expect.poll(() => page.getByTestId("analytics-example-daily-distance").count(), POLL).toBe(1)
    await page.getByTestId("analytics-example-daily-distance").click()
    await expect
      .poll(() => page.getByTestId("analytics-sql").inputValue(), POLL)
      .toContain("FROM daily_mileage")
    await page.getByTestId("analytics-run").click()
    await expect
      .poll(() => page.getByTestId("analytics-results").locator("tbody tr").count(), POLL)
      .toBeGreaterThanOrEqual(3)
    await page.waitForLoadState("networkidle")
    await b.shot(page, `analytics-${name}`)
    expect(b.pageErrors).toEqual([])
  })
})
