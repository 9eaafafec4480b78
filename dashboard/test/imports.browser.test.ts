import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Bulk mileage entry and CSV imports in the browser, as a manager: readings of two vehicles saved
 * at once (one refused as below the previous reading, its message on its row), then a vehicle CSV
 * checked (a refused row highlighted, nothing stored) and imported. Pages are photographed in light
 * and dark, English and Russian, into test-results/. The dashboard must be built first.
 */

const POLL = { timeout: 15_000, interval: 100 }
const CSV = "plate;name;brand;year\n777 KZA 02;Nexia 777;Ravon;2019\n778 KZA 02;;Lada;2018\n"

describe("mileage entry and imports in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore

  beforeAll(async () => {
    b = await startBrowserFleet("imports")
    fleet = b.fleet
    const org = b.orgId
    for (const [email, locale] of [
      ["manager.en@imports.example", "en"],
      ["manager.ru@imports.example", "ru"],
    ] as const)
      await b.addUser({ email, role: "manager", name: "Manager", locale })
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
    await b?.close()
  })

  it("saves readings of several vehicles at once and shows each row's verdict", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@imports.example")
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
    await b.shot(page, "imports-mileage-en-light")
  })

  it("checks a CSV (refused row highlighted, nothing stored), then imports it", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@imports.example")
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
    await b.shot(page, "imports-check-en-light")
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
    const [scheme, email, lang] = ["dark", "manager.ru@imports.example", "ru"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, email)
    await page.getByTestId("nav-mileage").click()
    await page.getByTestId("mileage-input").first().waitFor()
    await b.shot(page, `imports-mileage-${lang}-${scheme}`)
    await page.getByTestId("nav-imports").click()
    await page
      .getByTestId("imports-file")
      .setInputFiles([{ name: "vehicles.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) }])
    await page.getByTestId("imports-check").click()
    await page.getByTestId("imports-row").first().waitFor()
    await page.getByTestId("imports-errors-only").uncheck()
    await b.shot(page, `imports-check-${lang}-${scheme}`)
    expect(b.pageErrors).toEqual([])
  })
})
