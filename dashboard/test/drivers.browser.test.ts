import type { RunningFleetCore } from "@fleetcore/server"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Seed 003 phase 3 in the browser: a manager keeps driver records (the demo seed's drivers, one with
 * a licence expiring soon), adds one, gives them a login, ends an assignment, binds a fuel card and
 * builds a team. Screenshots of every drivers and teams page in light English and in dark Russian
 * go to test-results/drivers/. The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const POLL = { timeout: 15_000, interval: 100 }
const UUID_PATH = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u

describe("drivers and teams in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore

  const rowNames = (page: Page) => page.getByTestId("driver-row-name").allTextContents()

  beforeAll(async () => {
    b = await startBrowserFleet("drivers", { simulatorVehicles: 2, simulatorIntervalMs: 1_000 })
    fleet = b.fleet
    await b.addUser({ email: "manager@drivers.test", role: "manager", name: "Test manager" })
    await b.addUser({ email: "admin-en@drivers.test", role: "admin", name: "Test admin" })
    await b.addUser({ email: "admin-ru@drivers.test", role: "admin", name: "Test admin", locale: "ru" })
  })

  afterAll(async () => {
    await b?.close()
  })

  it("lists drivers with expiry badges and filters, adds one, and shows the server's field errors", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager@drivers.test")
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
    const page = await b.newPage()
    await b.signIn(page, "admin-en@drivers.test")
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
    const page = await b.newPage()
    await b.signIn(page, "manager@drivers.test")
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
      [b.orgId],
    )
    await page.getByTestId("driver-tab-fuel-cards").click()
    await page.getByTestId("driver-card-select").selectOption({ label: "Qazaq Oil 7 (•••• 4417)" })
    await page.getByTestId("driver-card-bind").click()
    await expect.poll(() => page.getByTestId("driver-cards-table").textContent()).toContain("Qazaq Oil 7")
  })

  it("builds a team of drivers and vehicles", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager@drivers.test")
    await page.getByTestId("nav-teams").click()
    await page.getByTestId("team-new").click()
    await page.getByTestId("team-name").fill("Shymkent depot")
    await page.getByTestId("team-submit").click()
    await page.waitForURL(UUID_PATH)
    await pickRecord(page, "team-add-driver-select", "Bekov", /Yerlan Bekov/)
    await page.getByTestId("team-add-driver-submit").click()
    await expect.poll(() => page.getByTestId("team-driver").allTextContents()).toEqual(["Yerlan Bekov"])
    // Opening the picker without typing offers the first vehicles by name.
    await page.getByTestId("team-add-vehicle-select").click()
    await page.getByTestId("team-add-vehicle-select-option").first().click()
    await page.getByTestId("team-add-vehicle-submit").click()
    await expect.poll(() => page.getByTestId("team-vehicle").count()).toBe(1)
    await page.getByTestId("team-driver-remove").click()
    await expect.poll(() => page.getByTestId("team-driver").count()).toBe(0)
  })

  it("takes screenshots of the drivers and teams pages in light English and in dark Russian", async () => {
    for (const [locale, scheme] of [
      ["en", "light"],
      ["ru", "dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme })
      await b.signIn(page, `admin-${locale}@drivers.test`)
      await page.goto(`${fleet.httpUrl}/drivers`)
      await expect.poll(() => page.getByTestId("driver-row-name").count(), POLL).toBeGreaterThan(3)
      await b.shot(page, `drivers-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers/new`)
      await page.getByTestId("driver-form").waitFor()
      await b.shot(page, `driver-new-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers?q=Dana`)
      await page.getByTestId("driver-row-name").first().click()
      await page.getByTestId("driver-facts").waitFor()
      await b.shot(page, `driver-info-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/drivers?q=Demo%20Driver`)
      await page.getByTestId("driver-row-name").first().click()
      await page.getByTestId("driver-tab-vehicles").click()
      await page.getByTestId("driver-assignments-table").waitFor()
      await b.shot(page, `driver-vehicles-${locale}-${scheme}`)
      await page.getByTestId("driver-tab-fuel-cards").click()
      await page.getByTestId("driver-cards-table").waitFor()
      await b.shot(page, `driver-cards-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/teams`)
      await expect.poll(() => page.getByTestId("team-row-name").count()).toBeGreaterThan(1)
      await b.shot(page, `teams-${locale}-${scheme}`)
      await page.getByTestId("team-row-name").first().click()
      await page.getByTestId("team-drivers").waitFor()
      await b.shot(page, `team-${locale}-${scheme}`)
    }
    expect(b.pageErrors).toEqual([])
  })
})
