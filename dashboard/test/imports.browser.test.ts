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
 * Bulk mileage entry and CSV imports in the browser, as a manager: readings of two vehicles saved
 * at once (one refused as below the previous reading, its message on its row), then a vehicle CSV
 * checked (a refused row highlighted, nothing stored) and imported. Pages are photographed in light
 * and dark, English and Russian, into test-results/. The dashboard must be built first.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const PASSWORD = "Juniper-Harbour-4821"
const POLL = { timeout: 15_000, interval: 100 }
const CSV = "plate;name;brand;year\n777 KZA 02;Nexia 777;Ravon;2019\n778 KZA 02;;Lada;2018\n"

describe("mileage entry and imports in the browser", () => {
  let fleet: RunningFleetCore
  let dataDir: string
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

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
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-imports-browser-"))
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const org = (
      await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows[0]?.id as string
    for (const [email, locale] of [
      ["manager.en@imports.example", "en"],
      ["manager.ru@imports.example", "ru"],
    ] as const) {
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, 'Manager', $3, 'manager', $4)",
        [org, email, await hashSecret(PASSWORD), locale],
      )
    }
    for (const [name, plate, km] of [
      ["Toyota Camry", "101 AAA 02", 45_000],
      ["Hyundai Accent", "102 AAA 02", 12_000],
    ] as const) {
      const v = await fleet.db.system.query<{ id: string }>(
        "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, $2, $3) RETURNING id",
        [org, name, plate],
      )
      await fleet.db.system.query(
        "INSERT INTO odometer_readings (org_id, vehicle_id, value_km, at, flagged) VALUES ($1, $2, $3, now() - interval '1 day', false)",
        [org, v.rows[0]?.id, km],
      )
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await fleet?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it("saves readings of several vehicles at once and shows each row's verdict", async () => {
    const page = await newPage("light")
    await signIn(page, "manager.en@imports.example")
    await page.getByTestId("nav-mileage").click()
    await page.getByLabel("New reading of 101 AAA 02").fill("45 250,5")
    await page.getByLabel("New reading of 102 AAA 02").fill("11000")
    await expect.poll(() => page.getByTestId("mileage-pending").textContent(), POLL).toContain("2")
    await page.getByTestId("mileage-save").click()
    await expect.poll(() => page.getByTestId("mileage-accepted").count(), POLL).toBe(1)
    await expect
      .poll(() => page.getByTestId("mileage-refused").textContent(), POLL)
      .toContain("below the previous one")
    await expect.poll(() => page.getByText("45,250.5 km").count(), POLL).toBe(1)
    await shot(page, "imports-mileage-en-light")
  })

  it("checks a CSV (refused row highlighted, nothing stored), then imports it", async () => {
    const page = await newPage("light")
    await signIn(page, "manager.en@imports.example")
    await page.getByTestId("nav-imports").click()
    await page
      .getByTestId("imports-file")
      .setInputFiles([{ name: "vehicles.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) }])
    await page.getByTestId("imports-check").click()
    await expect
      .poll(() => page.getByTestId("imports-summary").textContent(), POLL)
      .toBe("Check: 1 to create, 0 to update, 1 refused")
    // Refused rows only, by default when there are some.
    await expect.poll(() => page.getByTestId("imports-row").count(), POLL).toBe(1)
    await expect
      .poll(() => page.getByTestId("imports-row").textContent(), POLL)
      .toContain("FLEET_VEHICLE_INVALID")
    await shot(page, "imports-check-en-light")
    await page.getByTestId("imports-errors-only").uncheck()
    await expect.poll(() => page.getByTestId("imports-row").count(), POLL).toBe(2)
    await page.getByTestId("imports-import").click()
    await expect
      .poll(() => page.getByTestId("imports-summary").textContent(), POLL)
      .toBe("Imported: 1 created, 0 updated, 1 refused")
    await page.getByTestId("nav-vehicles").click()
    await expect.poll(() => page.getByText("777 KZA 02").count(), POLL).toBeGreaterThan(0)
  })

  it("photographs both pages in dark and in Russian", async () => {
    for (const [scheme, email, lang] of [
      ["dark", "manager.en@imports.example", "en"],
      ["light", "manager.ru@imports.example", "ru"],
      ["dark", "manager.ru@imports.example", "ru"],
    ] as const) {
      const page = await newPage(scheme)
      await signIn(page, email)
      await page.getByTestId("nav-mileage").click()
      await page.getByTestId("mileage-input").first().waitFor()
      await shot(page, `imports-mileage-${lang}-${scheme}`)
      await page.getByTestId("nav-imports").click()
      await page
        .getByTestId("imports-file")
        .setInputFiles([{ name: "vehicles.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) }])
      await page.getByTestId("imports-check").click()
      await page.getByTestId("imports-row").first().waitFor()
      await page.getByTestId("imports-errors-only").uncheck()
      await shot(page, `imports-check-${lang}-${scheme}`)
    }
    expect(pageErrors).toEqual([])
  })
})
