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
 * Seed 003 phase 3 in the browser: a manager keeps driver records (the demo seed's drivers, one with
 * a licence expiring soon), adds one, gives them a login, ends an assignment, binds a fuel card and
 * builds a team. Screenshots of every drivers and teams page in light and dark, English and Russian
 * go to test-results/drivers/. The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "drivers")
const PASSWORD = "Steppe-Lantern-4821"
const UUID_PATH = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u

describe("drivers and teams in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const orgId = () => {
    if (!fleet.demo) throw new Error("the server seeded no demo organisation")
    return fleet.demo.orgId
  }
  const insertUser = async (role: string, email: string, locale: string) => {
    await fleet.db.system.query(
      "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6)",
      [orgId(), email, `Test ${role}`, await hashSecret(PASSWORD), role, locale],
    )
  }
  const newPage = async (colorScheme: "light" | "dark" = "light") => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme,
      viewport: { width: 1280, height: 800 },
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
    await page.getByTestId("home").waitFor()
  }
  /** The page scrolls inside the frame, so a tall viewport shows all of it. */
  const shot = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 1280, height: 1600 })
    await page.screenshot({ path: join(resultsDir, `${name}.png`) })
    await page.setViewportSize({ width: 1280, height: 800 })
  }
  const rowNames = (page: Page) => page.getByTestId("driver-row-name").allTextContents()

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-drivers-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 2, simulatorIntervalMs: 1_000 })
    browser = await launchChromium()
    await insertUser("manager", "manager@drivers.test", "en")
    await insertUser("admin", "admin-en@drivers.test", "en")
    await insertUser("admin", "admin-ru@drivers.test", "ru")
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("lists drivers with expiry badges and filters, adds one, and shows the server's field errors", async () => {
    const page = await newPage()
    await signIn(page, "manager@drivers.test")
    await page.getByTestId("nav-drivers").click()
    await expect.poll(() => rowNames(page)).toContain("Dana Seitkali")
    // Dana's licence expires in 20 days: the amber badge; the others' are further away.
    const dana = page.getByTestId("drivers-table").locator("tr", { hasText: "Dana Seitkali" })
    expect(await dana.getByTestId("driver-row-licence-badge").getAttribute("data-status")).toBe("expiring")
    await page.getByTestId("drivers-filter-expiring").selectOption("30")
    await expect.poll(() => rowNames(page)).toEqual(["Dana Seitkali"])
    await page.getByTestId("drivers-filter-expiring").selectOption("")
    await page.getByTestId("drivers-search").fill("KZ-0103")
    await expect.poll(() => rowNames(page)).toEqual(["Yerlan Bekov"])

    await page.goto(`${fleet.httpUrl}/drivers/new`)
    await page.getByTestId("driver-fullName").fill("Kairat Abdrakhmanov")
    await page.getByTestId("driver-employeeId").fill("KZ-0101")
    await page.getByTestId("driver-phone").fill("+7 777 123 4567")
    await page.getByTestId("driver-licenceNumber").fill("AB 765432")
    await page.getByTestId("driver-category-B").check()
    await page.getByTestId("driver-category-CE").check()
    await page.getByTestId("driver-licenceExpiresOn").fill("2025-01-31")
    await page.getByTestId("driver-submit").click()
    // KZ-0101 belongs to a demo driver: the 409 lands under the employee id field.
    await page.getByTestId("field-error-employeeId").waitFor()
    await page.getByTestId("driver-employeeId").fill("KZ-0201")
    await page.getByTestId("driver-submit").click()
    await page.waitForURL(UUID_PATH)
    await page.getByTestId("driver-facts").waitFor()
    expect(await page.getByTestId("driver-facts-categories").textContent()).toBe("B, CE")
    expect(await page.getByTestId("driver-licence-expiry-badge").getAttribute("data-status")).toBe("expired")
  })

  it("gives a driver a login and shows the one-time link once", async () => {
    const page = await newPage()
    await signIn(page, "admin-en@drivers.test")
    await page.goto(`${fleet.httpUrl}/drivers?q=Aigerim`)
    await page.getByTestId("driver-row-name").first().click()
    await page.getByTestId("driver-create-login").click()
    await page.getByTestId("driver-login-email").fill("aigerim@drivers.test")
    await page.getByTestId("driver-login-submit").click()
    const url = await page.getByTestId("password-link-url").inputValue()
    expect(url).toContain("/set-password#token=")
    await page.getByTestId("password-link-done").click()
    await expect.poll(() => page.getByTestId("driver-login").textContent()).toContain("aigerim@drivers.test")
  })

  it("ends the demo driver's assignment early and binds a fuel card to a driver", async () => {
    const page = await newPage()
    await signIn(page, "manager@drivers.test")
    await page.goto(`${fleet.httpUrl}/drivers?q=Demo%20Driver`)
    await page.getByTestId("driver-row-name").first().click()
    await page.getByTestId("driver-tab-vehicles").click()
    await page.getByTestId("assignment-end").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => page.getByTestId("assignment-end").count()).toBe(0)
    const ended = await fleet.db.system.query<{ ends_at: Date | null }>(
      "SELECT a.ends_at FROM driver_assignments a JOIN drivers d ON d.id = a.driver_id JOIN users u ON u.id = d.user_id WHERE u.email = 'driver@demo.fleetcore.local'",
    )
    expect(ended.rows[0]?.ends_at).not.toBeNull()

    await fleet.db.system.query(
      "INSERT INTO fuel_cards (org_id, name, number_last4, currency) VALUES ($1, 'Qazaq Oil 7', '4417', 'KZT')",
      [orgId()],
    )
    await page.getByTestId("driver-tab-fuel-cards").click()
    await page.getByTestId("driver-card-select").selectOption({ label: "Qazaq Oil 7 (•••• 4417)" })
    await page.getByTestId("driver-card-bind").click()
    await expect.poll(() => page.getByTestId("driver-cards-table").textContent()).toContain("Qazaq Oil 7")
  })

  it("builds a team of drivers and vehicles", async () => {
    const page = await newPage()
    await signIn(page, "manager@drivers.test")
    await page.getByTestId("nav-teams").click()
    await page.getByTestId("team-new").click()
    await page.getByTestId("team-name").fill("Shymkent depot")
    await page.getByTestId("team-submit").click()
    await page.waitForURL(UUID_PATH)
    await page.getByTestId("team-add-driver-search").fill("Bekov")
    await expect.poll(() => page.getByTestId("team-add-driver-select").locator("option").count()).toBe(2)
    await page.getByTestId("team-add-driver-select").selectOption({ index: 1 })
    await page.getByTestId("team-add-driver-submit").click()
    await expect.poll(() => page.getByTestId("team-driver").allTextContents()).toEqual(["Yerlan Bekov"])
    // The vehicle choices arrive with their own query: wait for them before choosing.
    await expect
      .poll(() => page.getByTestId("team-add-vehicle-select").locator("option").count())
      .toBeGreaterThan(1)
    await page.getByTestId("team-add-vehicle-select").selectOption({ index: 1 })
    await page.getByTestId("team-add-vehicle-submit").click()
    await expect.poll(() => page.getByTestId("team-vehicle").count()).toBe(1)
    await page.getByTestId("team-driver-remove").click()
    await expect.poll(() => page.getByTestId("team-driver").count()).toBe(0)
  })

  it("takes screenshots of the drivers and teams pages in light and dark, English and Russian", async () => {
    for (const [locale, scheme] of [
      ["en", "light"],
      ["ru", "dark"],
      ["en", "dark"],
      ["ru", "light"],
    ] as const) {
      const page = await newPage(scheme)
      await signIn(page, `admin-${locale}@drivers.test`)
      await page.goto(`${fleet.httpUrl}/drivers`)
      await expect.poll(() => page.getByTestId("driver-row-name").count()).toBeGreaterThan(3)
      await shot(page, `drivers-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers/new`)
      await page.getByTestId("driver-form").waitFor()
      await shot(page, `driver-new-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers?q=Dana`)
      await page.getByTestId("driver-row-name").first().click()
      await page.getByTestId("driver-facts").waitFor()
      await shot(page, `driver-info-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers?q=Demo%20Driver`)
      await page.getByTestId("driver-row-name").first().click()
      await page.getByTestId("driver-tab-vehicles").click()
      await page.getByTestId("driver-assignments-table").waitFor()
      await shot(page, `driver-vehicles-${locale}-${scheme}`)
      await page.getByTestId("driver-tab-fuel-cards").click()
      await page.getByTestId("driver-cards-table").waitFor()
      await shot(page, `driver-cards-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/teams`)
      await expect.poll(() => page.getByTestId("team-row-name").count()).toBeGreaterThan(1)
      await shot(page, `teams-${locale}-${scheme}`)
      await page.getByTestId("team-row-name").first().click()
      await page.getByTestId("team-drivers").waitFor()
      await shot(page, `team-${locale}-${scheme}`)
    }
    expect(pageErrors).toEqual([])
  })
})
