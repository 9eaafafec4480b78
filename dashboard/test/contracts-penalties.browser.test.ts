import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Contracts and fines in the browser, as seed 003 (phase 4, step 4.3) walks them: a manager adds an
 * insurance contract (the coverage fields appear for CASCO) that ends soon (the expiring badge), and
 * a fine; the driver, on a phone, reports it paid with a receipt; the manager confirms. Screenshots in
 * light and dark, English and Russian, go to test-results/contracts-penalties/.
 * The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "contracts-penalties")
const POLL = { timeout: 15_000, interval: 100 }
const PASSWORD = "contracts-browser-password"
/** A 1×1 PNG: a receipt's photo, recognised by its bytes. */
const RECEIPT_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
)

describe("contracts and fines in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore | undefined
  let browser: Browser | undefined
  let orgId = ""
  let vehicleId = ""
  let driverId = ""
  const pageErrors: string[] = []
  const base = () => fleet?.httpUrl ?? ""

  const open = async (email: string, width = 1280, colorScheme: "light" | "dark" = "light") => {
    if (!browser) throw new Error("no browser")
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width, height: 860 },
      colorScheme,
    })
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${base()}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    // At phone width the sidebar is folded away: it is there, not visible.
    await page.getByTestId("sidebar").waitFor({ state: "attached" })
    await page.waitForURL(`${base()}/`)
    return page
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })
  const user = async (email: string, role: string, locale = "en"): Promise<string> =>
    (
      await fleet?.db.system.query<{ id: string }>(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        [orgId, email, email.split("@")[0], await hashSecret(PASSWORD), role, locale],
      )
    )?.rows[0]?.id as string
  const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-contracts-browser-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const system = fleet.db.system
    orgId = (await system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")).rows[0]
      ?.id as string
    await user("manager@cp.example", "manager")
    await user("manager.ru@cp.example", "manager", "ru")
    for (const role of ["viewer", "analyst", "dispatcher"]) await user(`${role}@cp.example`, role)
    driverId = await user("ivan@cp.example", "driver")
    await system.query(
      "INSERT INTO drivers (id, org_id, user_id, full_name) VALUES ($1, $2, $1, 'Ivan Petrov')",
      [driverId, orgId],
    )
    vehicleId = (
      await system.query<{ id: string }>(
        "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Civic Work Car 1', '123 ABC 02') RETURNING id",
        [orgId],
      )
    ).rows[0]?.id as string
    await system.query(
      "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at) VALUES ($1, $2, $3, '2024-01-01T00:00:00Z')",
      [orgId, vehicleId, driverId],
    )
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("a manager adds a CASCO contract that ends soon: coverage fields, expiring badge, renewal", async () => {
    const page = await open("manager@cp.example")
    await page.getByTestId("nav-contracts").click()
    await page.getByTestId("contract-new-empty").click()
    await pickRecord(page, "contract-vehicle", "Civic Work", "Civic Work Car 1 · 123 ABC 02")
    await expect.poll(() => page.getByTestId("contract-insurance").count(), POLL).toBe(0)
    await page.getByTestId("contract-type").selectOption("insurance_casco")
    await page.getByTestId("contract-insurance").waitFor()
    await page.getByTestId("contract-contractor").fill("Nomad Insurance")
    await page.getByTestId("contract-number").fill("CASCO-77")
    await page.getByTestId("contract-start").fill(isoDay(-340))
    await page.getByTestId("contract-end").fill(isoDay(10))
    await page.getByTestId("contract-amount").fill("1200.50")
    await page.getByTestId("contract-currency").selectOption("EUR")
    await page.getByTestId("contract-sum-insured").fill("25000")
    await page.getByTestId("contract-risks").fill("theft, collision")
    await shot(page, "contract-new-casco")
    await page.getByTestId("contract-submit").click()
    await page.getByTestId("contract-facts").waitFor()
    await expect
      .poll(() => page.getByTestId("contract-status").getAttribute("data-status"), POLL)
      .toBe("expiring")
    await shot(page, "contract-detail")
    await page.getByTestId("contract-back").click()
    await page.getByTestId("contract-row-contractor").first().waitFor()
    expect(await page.getByTestId("contract-status").first().textContent()).toMatch(/Ends in/u)
    await shot(page, "contracts-list-light-en")

    await page.getByTestId("contract-row-contractor").first().click()
    await page.getByTestId("contract-renew").click()
    await page.getByTestId("renew-submit").click()
    await page.getByTestId("contract-previous").waitFor()
    await page.context().close()
  }, 60_000)

  it("a fine goes to the assigned driver; the driver reports it paid on a phone; the manager confirms", async () => {
    const manager = await open("manager@cp.example")
    await manager.goto(`${base()}/penalties/new?vehicleId=${vehicleId}`)
    await manager.getByTestId("penalty-offence").fill("2025-01-05T10:00")
    await manager.getByTestId("penalty-amount").fill("50.00")
    await manager.getByTestId("penalty-currency").selectOption("EUR")
    await manager.getByTestId("penalty-reason").fill("Speeding by 20 km/h")
    await manager.getByTestId("penalty-submit").click()
    await manager.getByTestId("penalty-facts").waitFor()
    expect(await manager.getByTestId("penalty-driver").textContent()).toBe("Ivan Petrov")
    const phone = await open("ivan@cp.example", 390)
    await phone.goto(`${base()}/penalties`)
    await phone.getByTestId("my-penalty").first().waitFor()
    await shot(phone, "driver-penalties-390")
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await phone.getByTestId("penalty-pay").first().click()
    // The receipt's photo is uploaded to the fine's documents; its id goes with the step.
    await phone.getByTestId("penalty-pay-dialog-submit").click()
    await phone.getByTestId("field-error-receipt").waitFor()
    await phone.getByTestId("penalty-pay-dialog-receipt").setInputFiles({
      name: "receipt.png",
      mimeType: "image/png",
      buffer: RECEIPT_PNG,
    })
    await expect
      .poll(() => phone.getByTestId("penalty-pay-dialog-file").textContent(), POLL)
      .toBe("receipt.png")
    await shot(phone, "driver-pay-dialog-390")
    await phone.getByTestId("penalty-pay-dialog-submit").click()
    await expect
      .poll(() => phone.getByTestId("penalty-status").first().getAttribute("data-status"), POLL)
      .toBe("paid_by_driver")
    await shot(phone, "driver-penalties-reported-390")
    await phone.context().close()

    await manager.reload()
    // The manager opens the receipt the driver sent.
    const receipt = await manager.getByTestId("penalty-receipt-link").getAttribute("href")
    const served = await manager.evaluate(async (url) => {
      const res = await fetch(url ?? "", { credentials: "same-origin" })
      return [res.status, res.headers.get("content-type")]
    }, receipt)
    expect(served).toEqual([200, "image/png"])
    await manager.getByTestId("penalty-confirm").click()
    await manager.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => manager.getByTestId("penalty-status").getAttribute("data-status"), POLL)
      .toBe("paid")
    await shot(manager, "penalty-detail-paid")
    await manager.context().close()
  }, 60_000)

  /** An open fine of the driver's, recorded straight in the database. */
  const openFine = async (reason: string): Promise<string> =>
    (
      await fleet?.db.system.query<{ id: string }>(
        "INSERT INTO penalties (org_id, vehicle_id, driver_id, amount, currency, offence_at, reason) VALUES ($1, $2, $3, 30, 'EUR', '2025-02-01T09:00:00Z', $4) RETURNING id",
        [orgId, vehicleId, driverId, reason],
      )
    )?.rows[0]?.id as string

  it("viewers, analysts and dispatchers get the organisation's fines as a read-only table", async () => {
    const fineId = await openFine("Parking on the pavement")
    for (const role of ["viewer", "analyst", "dispatcher"]) {
      const page = await open(`${role}@cp.example`)
      await page.goto(`${base()}/penalties`)
      await page.getByTestId("penalty-row-reason").first().waitFor()
      expect(await page.getByRole("heading", { level: 1 }).textContent(), role).toBe("Fines")
      expect(await page.getByTestId("my-penalty").count(), role).toBe(0)
      expect(await page.getByTestId("penalties-filter-status").count(), role).toBe(1)
      expect(await page.getByTestId("penalties-filter-vehicle").count(), role).toBe(1)
      expect(await page.getByTestId("penalties-export").count(), role).toBe(1)
      expect(await page.getByTestId("penalty-new").count(), role).toBe(0)
      await page.goto(`${base()}/penalties/${fineId}`)
      await page.getByTestId("penalty-facts").waitFor()
      expect(await page.getByTestId("penalty-actions").locator("button").count(), role).toBe(0)
      await page.context().close()
    }
  }, 90_000)

  it('offers "I paid" and "Dispute" to the fine\'s driver only, not to the manager', async () => {
    const fineId = await openFine("Stopping on a crossing")
    const manager = await open("manager@cp.example")
    await manager.goto(`${base()}/penalties/${fineId}`)
    await manager.getByTestId("penalty-confirm").waitFor()
    expect(await manager.getByTestId("penalty-cancel").count()).toBe(1)
    expect(await manager.getByTestId("penalty-pay").count()).toBe(0)
    expect(await manager.getByTestId("penalty-dispute").count()).toBe(0)
    await manager.context().close()
    const driver = await open("ivan@cp.example")
    await driver.goto(`${base()}/penalties/${fineId}`)
    await driver.getByTestId("penalty-pay").waitFor()
    expect(await driver.getByTestId("penalty-dispute").count()).toBe(1)
    expect(await driver.getByTestId("penalty-confirm").count()).toBe(0)
    await driver.context().close()
  }, 60_000)

  it("a Russian manager whose contract ends before it starts reads why under «Дата окончания»", async () => {
    const ru = await open("manager.ru@cp.example")
    await ru.goto(`${base()}/contracts/new`)
    await pickRecord(ru, "contract-vehicle", "Civic Work", "Civic Work Car 1 · 123 ABC 02")
    await ru.getByTestId("contract-contractor").fill("Kazakhmys Leasing")
    await ru.getByTestId("contract-start").fill(isoDay(30))
    await ru.getByTestId("contract-end").fill(isoDay(-30))
    await ru.getByTestId("contract-amount").fill("90000")
    await ru.getByTestId("contract-submit").click()
    // The server refuses the end date (FLEET_CONTRACT_INVALID, field endDate): the form's schema
    // cannot compare two dates. Its reason stands under the input the field's own label names.
    const error = ru.getByTestId("field-error-endDate")
    await error.waitFor()
    expect(await error.textContent()).toBe("раньше даты начала")
    expect(await error.innerText()).toBe("Раньше даты начала")
    const endDate = ru.getByLabel("Дата окончания", { exact: true })
    expect(await endDate.getAttribute("aria-invalid")).toBe("true")
    expect(await endDate.getAttribute("aria-describedby")).toBe(await error.getAttribute("id"))
    expect(await endDate.evaluate((input) => input === document.activeElement)).toBe(true)
    // Neither the wire key nor an English word reaches the user, and nothing is shown above the form.
    const form = await ru.locator("form").first().innerText()
    expect(form).not.toMatch(/endDate|before|start date/u)
    expect(await ru.getByTestId("form-error").count()).toBe(0)
    await shot(ru, "contract-refused-end-ru")
    // Editing the field clears the refusal; the corrected contract is stored.
    await ru.getByTestId("contract-end").fill(isoDay(400))
    expect(await error.count()).toBe(0)
    await ru.getByTestId("contract-submit").click()
    await ru.getByTestId("contract-facts").waitFor()
    await ru.context().close()
    expect(pageErrors).toEqual([])
  }, 60_000)

  it("shows the lists in dark and in Russian", async () => {
    const dark = await open("manager@cp.example", 1280, "dark")
    await dark.goto(`${base()}/contracts`)
    await dark.getByTestId("contract-row-contractor").first().waitFor()
    await shot(dark, "contracts-list-dark-en")
    await dark.goto(`${base()}/penalties`)
    await dark.getByTestId("penalty-row-reason").first().waitFor()
    await shot(dark, "penalties-list-dark-en")
    await dark.context().close()
    const ru = await open("manager.ru@cp.example")
    await ru.goto(`${base()}/contracts`)
    await ru.getByTestId("contract-row-contractor").first().waitFor()
    expect(await ru.getByRole("heading", { level: 1 }).textContent()).toBe("Договоры")
    await shot(ru, "contracts-list-light-ru")
    await ru.goto(`${base()}/penalties`)
    await ru.getByTestId("penalty-row-reason").first().waitFor()
    await shot(ru, "penalties-list-light-ru")
    await ru.goto(`${base()}/contracts/new`)
    await ru.getByTestId("contract-type").selectOption("insurance_osago")
    await shot(ru, "contract-new-ru")
    await ru.context().close()
    expect(pageErrors).toEqual([])
  }, 60_000)
})
