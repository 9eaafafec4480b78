import { writeIncidents } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 10, each incident its own record: three parked fuel drains of one day, stored by the engine's
 * IncidentSink, are three rows of the incidents list; an incident's page shows its litres and links
 * to the alert it raised, whose page links back. Screenshots of the list and an incident in light and
 * dark, English and Russian go to test-results/incidents/.
 */

const POLL = { timeout: 20_000, interval: 100 }

describe("incidents in a browser", () => {
  let b: BrowserFleet
  let vehicleId = ""

  beforeAll(async () => {
    b = await startBrowserFleet("incidents")
    await b.addUser({ email: "dispatcher@incidents.test", role: "dispatcher", locale: "en" })
    await b.addUser({ email: "dispetcher@incidents.test", role: "dispatcher", locale: "ru" })
    const token = await b.tokenOf()
    vehicleId = (
      await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: "Tanker", plate: "INC 777" })
    ).id
    const dayStart = Date.now() - 6 * 3_600_000
    const drains = [15.2, 14.8, 12.4]
    await writeIncidents(
      b.fleet.db.system,
      drains.map((litres, i) => ({
        orgId: b.orgId,
        vehicleId,
        kind: "fuel_drop" as const,
        startMs: dayStart + i * 3_600_000,
        endMs: dayStart + i * 3_600_000 + 8 * 60_000,
        lat: 43.24,
        lon: 76.91,
        amount: litres,
        unit: "l" as const,
        details: { fromL: 50 - i * 15, toL: 50 - i * 15 - litres, litres },
        alert: { type: "fuel_theft", severity: "critical" as const },
      })),
    )
  })
  afterAll(async () => {
    await b?.close()
  })

  it("lists the three drains, opens one with its litres, and walks to its alert and back", async () => {
    const page = await b.newPage()
    await b.signIn(page, "dispatcher@incidents.test")
    await page.getByRole("link", { name: "Incidents" }).click()
    const rows = page.getByTestId("incidents-row").filter({ hasText: "INC 777" })
    await expect.poll(() => rows.count(), POLL).toBe(3)
    expect(await rows.getByTestId("incident-row-amount").allInnerTexts()).toEqual([
      "12.4 L",
      "14.8 L",
      "15.2 L",
    ])
    await b.shot(page, "list-en-light")

    await rows.filter({ hasText: "14.8 L" }).click()
    await expect.poll(() => page.getByTestId("incident-amount").innerText(), POLL).toBe("14.8 L")
    expect(await page.getByRole("heading", { name: "Fuel drain" }).count()).toBe(1)
    expect(await page.getByTestId("incident-facts").innerText()).toContain("Level before")
    await b.shot(page, "incident-en-light")
    const incidentUrl = page.url()
    await page.getByTestId("incident-alert").click()
    await expect.poll(() => page.getByTestId("alert-facts").innerText(), POLL).toContain("14.8")
    await b.shot(page, "alert-en-light")
    await page.getByTestId("alert-incident").click()
    await expect.poll(() => page.url(), POLL).toBe(incidentUrl)

    // A vehicle's alerts tab leads to its incidents, the list filtered by the vehicle in the URL.
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicleId}?tab=alerts`)
    await page.getByTestId("vehicle-alerts-incidents").click()
    await expect.poll(() => page.url(), POLL).toContain(`vehicleId=${vehicleId}`)
    await expect.poll(() => page.getByTestId("incidents-row").count(), POLL).toBe(3)
    expect(b.pageErrors).toEqual([])
  })

  it("reads in Russian and in the dark", async () => {
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, "dispetcher@incidents.test")
    await page.goto(`${b.fleet.httpUrl}/incidents`)
    const rows = page.getByTestId("incidents-row").filter({ hasText: "INC 777" })
    await expect.poll(() => rows.count(), POLL).toBe(3)
    expect(await rows.getByTestId("incident-row-kind").allInnerTexts()).toEqual([
      "Слив топлива",
      "Слив топлива",
      "Слив топлива",
    ])
    await b.shot(page, "list-ru-dark")
    await rows.first().click()
    await expect.poll(() => page.getByTestId("incident-amount").innerText(), POLL).toBe("12,4 л")
    await b.shot(page, "incident-ru-dark")
    const light = await b.newPage({ colorScheme: "light" })
    await b.signIn(light, "dispetcher@incidents.test")
    await light.goto(page.url())
    await expect.poll(() => light.getByTestId("incident-amount").innerText(), POLL).toBe("12,4 л")
    await b.shot(light, "incident-ru-light")
    const darkEn = await b.newPage({ colorScheme: "dark" })
    await b.signIn(darkEn, "dispatcher@incidents.test")
    await darkEn.goto(`${b.fleet.httpUrl}/incidents`)
    await expect.poll(() => darkEn.getByTestId("incidents-row").count(), POLL).toBeGreaterThan(2)
    await b.shot(darkEn, "list-en-dark")
    expect(b.pageErrors).toEqual([])
  })
})
