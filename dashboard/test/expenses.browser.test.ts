import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"

/*
 * Seed 003 phase 4 in the browser, as a fleet manager: expenses of several categories (a refuel
 * among them, whose form asks for litres and the odometer), the total in the organisation's
 * currency, a rate imported from a CSV with a refused row, budgets against what was spent.
 * Pages are photographed in light and dark, English and Russian, into test-results/.
 * The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const PASSWORD = "Saffron-Harbour-7315"
const POLL = { timeout: 15_000, interval: 100 }

describe("expenses in the browser", () => {
  let fleet: RunningFleetCore
  let dataDir: string
  let browser: Browser
  let vehicleId: string
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }

  const newPage = async (colorScheme: "light" | "dark") => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme,
      viewport: { width: 1280, height: 900 },
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    return page
  }

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("sidebar").waitFor()
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })

  beforeAll(async () => {
    await mkdir(resultsDir, { recursive: true })
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-expenses-browser-"))
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const org = (
      await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows[0]?.id as string
    for (const [email, locale] of [
      ["manager.en@expenses.example", "en"],
      ["manager.ru@expenses.example", "ru"],
    ] as const) {
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, 'Manager', $3, 'manager', $4)",
        [org, email, await hashSecret(PASSWORD), locale],
      )
    }
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "manager.en@expenses.example", password: PASSWORD }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const type = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Camry 8L', 8) RETURNING id",
      [org],
    )
    vehicleId = (
      await api<{ id: string }>(accessToken, "POST", "/api/v1/vehicles", {
        name: "Toyota Camry",
        plate: "123 ABC 02",
        vehicleTypeId: type.rows[0]?.id,
      })
    ).id
    const year = new Date().getFullYear()
    const add = (body: Record<string, unknown>) =>
      api(accessToken, "POST", "/api/v1/expenses", { vehicleId, ...body })
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
    await api(accessToken, "POST", "/api/v1/budgets", {
      category: "fuel",
      period: "month",
      start: `${year}-01-01`,
      amount: "30000",
    })
    await api(accessToken, "POST", "/api/v1/budgets", {
      period: "quarter",
      start: `${year}-01-01`,
      amount: "150000",
    })
    await api(accessToken, "POST", "/api/v1/budgets", {
      category: "washing",
      period: "month",
      start: `${year}-01-01`,
      amount: "3000",
    })
  }, 120_000)

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await fleet?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it("walks expenses, a refuel form, a CSV rate import and budgets as a manager", async () => {
    const page = await newPage("light")
    await signIn(page, "manager.en@expenses.example")
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
    await shot(page, "expenses-rates-en-light")

    await page.getByTestId("nav-expenses").click()
    await expect.poll(() => page.getByTestId("expense-rate-missing").count(), POLL).toBe(0)
    await expect.poll(() => page.getByTestId("expense-total").textContent(), POLL).toContain("185,000")
    await shot(page, "expenses-list-en-light")

    await page.getByTestId("expense-new").click()
    await page.getByTestId("expense-fuel-fields").waitFor()
    await page.getByTestId("expense-category-select").selectOption("parking")
    await expect.poll(() => page.getByTestId("expense-fuel-fields").count(), POLL).toBe(0)
    await page.getByTestId("expense-category-select").selectOption("fuel")
    await page.getByTestId("expense-vehicle").selectOption(vehicleId)
    await page.getByTestId("expense-litres").fill("48")
    await page.getByTestId("expense-odometer").fill("49000")
    await page.getByTestId("expense-submit").click()
    // An odometer below the previous refuel's is refused on its field.
    await page.getByTestId("field-error-odometerKm").waitFor()
    await shot(page, "expenses-new-en-light")
    await page.getByTestId("expense-odometer").fill("51000")
    await page.getByTestId("expense-submit").click()
    await page.getByTestId("expense-facts").waitFor()
    // The refuel before it (no receipt) has no odometer: the page says why nothing was checked.
    await expect
      .poll(() => page.getByTestId("expense-consumption").textContent(), POLL)
      .toContain("previous refuel has no odometer")
    await shot(page, "expenses-detail-en-light")

    await page.getByTestId("nav-budgets").click()
    await expect.poll(() => page.getByTestId("budget-row").count(), POLL).toBe(3)
    await expect
      .poll(() => page.locator('[data-testid="budget-bar"][data-tone="danger"]').count(), POLL)
      .toBeGreaterThan(0)
    await shot(page, "expenses-budgets-en-light")
    expect(pageErrors).toEqual([])
  }, 120_000)

  it("looks right in dark and in Russian", async () => {
    for (const [scheme, email, tag] of [
      ["dark", "manager.en@expenses.example", "en-dark"],
      ["light", "manager.ru@expenses.example", "ru-light"],
      ["dark", "manager.ru@expenses.example", "ru-dark"],
    ] as const) {
      const page = await newPage(scheme)
      await signIn(page, email)
      for (const [path, name, ready] of [
        ["/expenses", "list", "expense-totals"],
        ["/expenses/new", "new", "expense-form"],
        ["/expenses/budgets", "budgets", "budget-list"],
        ["/settings/currency-rates", "rates", "rates-import"],
      ] as const) {
        await page.goto(`${fleet.httpUrl}${path}`)
        await page.getByTestId(ready).waitFor()
        await shot(page, `expenses-${name}-${tag}`)
      }
    }
    expect(pageErrors).toEqual([])
  }, 120_000)
})
