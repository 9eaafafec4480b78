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

  it("ends a driver's assignment from the vehicle's assignments tab, as on the driver's page", async () => {
    await b.addUser({ email: "viewer@drivers.test", role: "viewer", name: "Test viewer" })
    // Yerlan Bekov drives a vehicle nobody drives now, since yesterday.
    const current = (
      await fleet.db.system.query<{ id: string; vehicle_id: string; full_name: string; vehicle: string }>(
        `WITH made AS (
           INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at)
           SELECT $1, v.id, d.id, now() - interval '1 day' FROM vehicles v, drivers d
           WHERE v.org_id = $1 AND d.org_id = $1 AND d.full_name = 'Yerlan Bekov'
             AND NOT EXISTS (SELECT 1 FROM driver_assignments a WHERE a.vehicle_id = v.id
                             AND (a.ends_at IS NULL OR a.ends_at > now() - interval '1 day'))
           ORDER BY v.name LIMIT 1
           RETURNING id, vehicle_id, driver_id)
         SELECT made.id, made.vehicle_id, d.full_name, v.name AS vehicle FROM made
         JOIN drivers d ON d.id = made.driver_id JOIN vehicles v ON v.id = made.vehicle_id`,
        [b.orgId],
      )
    ).rows[0]
    if (current === undefined) throw new Error("no vehicle is free to assign")
    const tab = `${fleet.httpUrl}/vehicles/${current.vehicle_id}?tab=assignments`

    // A viewer may read the assignments but not end one.
    const viewer = await b.newPage()
    await b.signIn(viewer, "viewer@drivers.test")
    await viewer.goto(tab)
    await expect
      .poll(() => viewer.getByTestId("vehicle-assignment-driver").allTextContents(), POLL)
      .toContain(current.full_name)
    expect(await viewer.getByTestId("assignment-end").count()).toBe(0)
    // In Russian and dark, the button and its confirmation.
    const ru = await b.newPage({ colorScheme: "dark" })
    await b.signIn(ru, "admin-ru@drivers.test")
    await ru.goto(tab)
    await ru
      .getByTestId("vehicle-assignments-row")
      .filter({ hasText: current.full_name })
      .getByTestId("assignment-end")
      .click()
    await ru.getByTestId("confirm-dialog").waitFor()
    expect(await ru.getByTestId("confirm-dialog").textContent()).toContain("Завершить")
    await b.shot(ru, "vehicle-assignment-end-ru-dark")
    await ru.keyboard.press("Escape")

    const page = await b.newPage()
    await b.signIn(page, "manager@drivers.test")
    await page.goto(tab)
    const row = page.getByTestId("vehicle-assignments-row").filter({ hasText: current.full_name })
    await row.getByTestId("assignment-end").click()
    // The same confirmation as on the driver's page, naming the driver and the vehicle.
    const dialog = page.getByTestId("confirm-dialog")
    await expect.poll(() => dialog.textContent(), POLL).toContain(current.full_name)
    expect(await dialog.textContent()).toContain(current.vehicle)
    await b.shot(page, "vehicle-assignment-end-en-light")
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => page.getByTestId("assignment-end").count(), POLL).toBe(0)
    const ended = await fleet.db.system.query<{ ends_at: Date | null }>(
      "SELECT ends_at FROM driver_assignments WHERE id = $1",
      [current.id],
    )
    expect(ended.rows[0]?.ends_at).not.toBeNull()
    expect(b.pageErrors).toEqual([])
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
