import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Seed 003 phase 4 in the browser, as a fleet manager: expenses of several categories (a refuel
 * among them, whose form asks for litres and the odometer), the total in the organisation's
 * currency, a rate imported from a CSV with a refused row, budgets against what was spent.
 * Pages are photographed in light and dark, English and Russian, into test-results/.
 */

const POLL = { timeout: 15_000, interval: 100 }

describe("expenses in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let vehicleId: string

  beforeAll(async () => {
    b = await startBrowserFleet("expenses")
    fleet = b.fleet
    const org = b.orgId
    for (const locale of ["en", "ru"])
      await b.addUser({
        email: `manager.${locale}@expenses.example`,
        role: "manager",
        name: "Manager",
        locale,
      })
    const accessToken = await b.tokenOf("manager.en@expenses.example")
    const type = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Camry 8L', 8) RETURNING id",
      [org],
    )
    vehicleId = (
      await b.api<{ id: string }>(accessToken, "POST", "/api/v1/vehicles", {
        name: "Toyota Camry",
        plate: "123 ABC 02",
        vehicleTypeId: type.rows[0]?.id,
      })
    ).id
    const year = new Date().getFullYear()
    const add = (body: Record<string, unknown>) =>
      b.api(accessToken, "POST", "/api/v1/expenses", { vehicleId, ...body })
    await add({
      category: "fuel",
      amount: "15000.00",
      date: `${year}-01-10`,
      litres: 60,
      odometerKm: 50_000,
      vendor: "Helios",
    })
    await add({
      category: "fuel",
      amount: "11500.00",
      date: `${year}-01-20`,
      litres: 46,
      odometerKm: 50_500,
      vendor: "Sinooil",
    })
    await add({ category: "fuel", date: `${year}-01-25`, litres: 20, description: "No receipt" })
    await add({
      category: "parts",
      amount: "120.00",
      currency: "USD",
      date: `${year}-01-12`,
      vendor: "Autodoc",
    })
    await add({ category: "washing", amount: "3500.00", date: `${year}-01-15`, vendor: "Car wash 24" })
    await add({ category: "insurance", amount: "95000.00", date: `${year}-01-05`, vendor: "Halyk Insurance" })
    await b.api(accessToken, "POST", "/api/v1/budgets", {
      category: "fuel",
      period: "month",
      start: `${year}-01-01`,
      amount: "30000",
    })
    await b.api(accessToken, "POST", "/api/v1/budgets", {
      period: "quarter",
      start: `${year}-01-01`,
      amount: "150000",
    })
    await b.api(accessToken, "POST", "/api/v1/budgets", {
      category: "washing",
      period: "month",
      start: `${year}-01-01`,
      amount: "3000",
    })
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("walks expenses, a refuel form, a CSV rate import and budgets as a manager", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@expenses.example")
    await page.getByTestId("nav-expenses").click()
    await page.getByTestId("expense-totals").waitFor()
    // The USD parts have no rate yet: left out of the total, flagged on their row.
    await expect.poll(() => page.getByTestId("expense-rate-missing").count(), POLL).toBe(1)
    await expect.poll(() => page.getByTestId("expense-total").textContent(), POLL).toContain("125,000")

    await page.getByTestId("nav-currencyRates").click()
    await page
      .getByTestId("rates-import-text")
      .fill("date,currency,rate\n2020-01-01,USD,500\n2020-01-02,USDX,1\n")
    await page.getByTestId("rates-import-submit").click()
    await page.getByTestId("rates-import-report").waitFor()
    await expect.poll(() => page.getByTestId("rates-import-error").textContent(), POLL).toContain("Line 3")
    await b.shot(page, "expenses-rates-en-light")

    await page.getByTestId("nav-expenses").click()
    await expect.poll(() => page.getByTestId("expense-rate-missing").count(), POLL).toBe(0)
    await expect.poll(() => page.getByTestId("expense-total").textContent(), POLL).toContain("185,000")
    await b.shot(page, "expenses-list-en-light")

    await page.getByTestId("expense-new").click()
    await page.getByTestId("expense-fuel-fields").waitFor()
    await page.getByTestId("expense-category-select").selectOption("parking")
    await expect.poll(() => page.getByTestId("expense-fuel-fields").count(), POLL).toBe(0)
    await page.getByTestId("expense-category-select").selectOption("fuel")
    await pickRecord(page, "expense-vehicle", "123 ABC", "Toyota Camry · 123 ABC 02")
    await page.getByTestId("expense-litres").fill("48")
    await page.getByTestId("expense-odometer").fill("49000")
    await page.getByTestId("expense-submit").click()
    // An odometer below the previous refuel's is refused on its field.
    await page.getByTestId("field-error-odometerKm").waitFor()
    await b.shot(page, "expenses-new-en-light")
    await page.getByTestId("expense-odometer").fill("51000")
    await page.getByTestId("expense-submit").click()
    await page.getByTestId("expense-facts").waitFor()
    // The refuel before it (no receipt) has no odometer: the page says why nothing was checked.
    await expect
      .poll(() => page.getByTestId("expense-consumption").textContent(), POLL)
      .toContain("previous refuel has no odometer")
    await b.shot(page, "expenses-detail-en-light")

    await page.getByTestId("nav-budgets").click()
    await expect.poll(() => page.getByTestId("budget-row").count(), POLL).toBe(3)
    await expect
      .poll(() => page.locator('[data-testid="budget-bar"][data-tone="danger"]').count(), POLL)
      .toBeGreaterThan(0)
    await b.shot(page, "expenses-budgets-en-light")
    expect(b.pageErrors).toEqual([])
  }, 120_000)

  it("takes numbers as a Russian user types them: 45,5 litres and 12 345,67 tenge", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.ru@expenses.example")
    await page.goto(`${fleet.httpUrl}/expenses/new?vehicleId=${vehicleId}`)
    await page.getByTestId("expense-fuel-fields").waitFor()
    await page.getByTestId("expense-litres").fill("45,5")
    await page.getByTestId("expense-odometer").fill("52\u00a0000")
    await page.getByTestId("expense-amount").fill("12 345,67")
    await page.getByTestId("expense-vendor").fill("Qazaq Oil")
    await page.getByTestId("expense-submit").click()
    await page.getByTestId("expense-facts").waitFor()
    const id = page.url().split("/").at(-1) ?? ""

    // Stored exactly: the amount as the decimal string typed, litres and km as numbers.
    const accessToken = await b.tokenOf("manager.ru@expenses.example")
    const stored = await b.api<{
      amount: string | null
      fuel: { litres: number; odometerKm: number | null } | null
    }>(accessToken, "GET", `/api/v1/expenses/${id}`)
    expect(stored.amount).toBe("12345.67")
    expect(stored.fuel?.litres).toBe(45.5)
    expect(stored.fuel?.odometerKm).toBe(52_000)

    // Shown in Russian, and the edit form gives the numbers back as a Russian user writes them.
    const spaced = (s: string | null) => (s ?? "").replace(/\s/gu, " ")
    await expect
      .poll(async () => spaced(await page.getByTestId("expense-amount-fact").textContent()), POLL)
      .toContain("12 345,67")
    await expect(page.getByTestId("expense-litres").inputValue()).resolves.toBe("45,5")
    await expect(page.getByTestId("expense-amount").inputValue()).resolves.toBe("12345,67")
    await b.shot(page, "expenses-decimal-comma-ru-light")

    // "1,2,3" is no number: refused on its field, nothing saved.
    await page.getByTestId("expense-litres").fill("1,2,3")
    await page.getByTestId("expense-submit").click()
    await page.getByTestId("field-error-litres").waitFor()
    const after = await b.api<{ fuel: { litres: number } | null }>(
      accessToken,
      "GET",
      `/api/v1/expenses/${id}`,
    )
    expect(after.fuel?.litres).toBe(45.5)
    expect(b.pageErrors).toEqual([])
  }, 90_000)

  it("deleting an expense leaves its page without fetching the deleted record again", async () => {
    const accessToken = await b.tokenOf("manager.en@expenses.example")
    const { id } = await b.api<{ id: string }>(accessToken, "POST", "/api/v1/expenses", {
      vehicleId,
      category: "parking",
      amount: "900.00",
      date: `${new Date().getFullYear()}-01-16`,
      vendor: "Mall parking",
    })
    const page = await b.newPage()
    await b.signIn(page, "manager.en@expenses.example")
    await page.goto(`${b.fleet.httpUrl}/expenses/${id}`)
    await page.getByTestId("expense-facts").waitFor()
    let deleted = false
    const afterDelete: string[] = []
    page.on("request", (request) => {
      if (!request.url().includes(`/api/v1/expenses/${id}`)) return
      if (request.method() === "DELETE") deleted = true
      else if (deleted) afterDelete.push(`${request.method()} ${request.url()}`)
    })
    await page.getByTestId("expense-delete").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await page.waitForURL(`${b.fleet.httpUrl}/expenses`)
    await page.getByTestId("expense-totals").waitFor()
    await page.waitForLoadState("networkidle")
    expect(deleted).toBe(true)
    expect(afterDelete).toEqual([])
    expect(b.pageErrors).toEqual([])
  }, 60_000)

  it("looks right in dark and in Russian", async () => {
    const [scheme, email, tag] = ["dark", "manager.ru@expenses.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, email)
    for (const [path, name, ready] of [
      ["/expenses", "list", "expense-totals"],
      ["/expenses/new", "new", "expense-form"],
      ["/expenses/budgets", "budgets", "budget-list"],
      ["/settings/currency-rates", "rates", "rates-import"],
    ] as const) {
      await page.goto(`${fleet.httpUrl}${path}`)
      await page.getByTestId(ready).waitFor()
      await b.shot(page, `expenses-${name}-${tag}`)
    }
    expect(b.pageErrors).toEqual([])
  }, 120_000)
})
