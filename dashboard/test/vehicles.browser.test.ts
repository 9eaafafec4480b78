import type { RunningFleetCore } from "@fleetcore/server"
import mqtt from "mqtt"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Seed 003 steps 1.2, 2.2, 2.4 and phase 5 in the browser: the owner adds a universal vehicle type,
 * a manager registers vehicles (a VIN typo is caught, a rental shows its "expiring" badge and the
 * rental total), records the ownership history, edits and decommissions a vehicle. Screenshots of
 * every vehicle page in light and dark, English and Russian, go to test-results/vehicles/.
 */

const POLL = { timeout: 15_000, interval: 100 }
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe("vehicle records in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore

  const signedIn = async (email: string, colorScheme: "light" | "dark" = "light"): Promise<Page> => {
    const page = await b.newPage({ colorScheme })
    await b.signIn(page, email)
    return page
  }
  beforeAll(async () => {
    b = await startBrowserFleet("vehicles", { simulatorVehicles: 1, simulatorIntervalMs: 1_000 })
    fleet = b.fleet
    await b.addUser({ email: "owner@vehicles.test", role: "owner", name: "Test owner" })
    await b.addUser({ email: "manager@vehicles.test", role: "manager", name: "Test manager" })
    await b.addUser({ email: "admin@vehicles.test", role: "admin", name: "Test admin" })
    await b.addUser({ email: "menedzher@vehicles.test", role: "manager", name: "Test manager", locale: "ru" })
  })

  afterAll(async () => {
    await b?.close()
  })

  it("lets the owner add a universal vehicle type (seed 003 step 1.2)", async () => {
    const page = await signedIn("owner@vehicles.test")
    await page.getByTestId("nav-vehicleTypes").click()
    await page.getByTestId("type-new").click()
    await page.getByTestId("type-name").fill("Honda Civic")
    await page.getByTestId("type-brand").fill("Honda")
    await page.getByTestId("type-model").fill("Civic")
    await page.getByTestId("type-ratedConsumptionL100km").fill("6.5")
    await page.getByTestId("type-tankCapacityL").fill("50")
    await page.getByTestId("type-universal").selectOption("true")
    await b.shot(page, "type-new-light-en")
    await page.getByTestId("type-submit").click()
    await expect.poll(() => page.getByTestId("type-row-universal").count(), POLL).toBeGreaterThan(0)
    await b.shot(page, "types-light-en")
  })

  it("registers vehicles; catches a VIN typo; shows the rental badge and the 1,200 EUR total (step 2.2)", async () => {
    const page = await signedIn("manager@vehicles.test")
    await page.getByTestId("nav-vehicles").click()
    await page.getByTestId("vehicle-new").click()
    await page.getByTestId("vehicle-name").fill("Civic Work Car 1")
    await page.getByTestId("vehicle-plate").fill("b-tc-1234")
    await page.getByTestId("vehicle-vin").fill("1HGBH41JXMN109999")
    await page.getByTestId("vehicle-vin").blur()
    await expect.poll(() => page.getByTestId("field-error-vin").textContent(), POLL).toContain("7")
    await page.getByTestId("vehicle-vin").fill("1HGBH41JXMN109186")
    const typeOption = page.getByTestId("vehicle-vehicleTypeId").locator("option", { hasText: "Honda Civic" })
    await expect.poll(() => typeOption.count(), POLL).toBe(1)
    await page
      .getByTestId("vehicle-vehicleTypeId")
      .selectOption({ label: (await typeOption.textContent()) ?? "" })
    // The type's brand and model fill the empty fields.
    await expect.poll(() => page.getByTestId("vehicle-brand").inputValue(), POLL).toBe("Honda")
    expect(await page.getByTestId("vehicle-model").inputValue()).toBe("Civic")
    await page.getByTestId("vehicle-year").fill("2020")
    await b.shot(page, "vehicle-new-light-en")
    await page.getByTestId("vehicle-submit").click()
    await page.waitForURL(/\/vehicles\/[0-9a-f-]{36}$/u, POLL)
    await expect.poll(() => page.getByTestId("vehicle-facts").textContent(), POLL).toContain("B-TC-1234")

    await page.goto(`${fleet.httpUrl}/vehicles/new`)
    await page.getByTestId("vehicle-name").fill("Rental Civic Fleet 1")
    await page.getByTestId("vehicle-plate").fill("B-RN-1111")
    // What the person typed stays; what the type filled follows the type, to none.
    await page.getByTestId("vehicle-brand").fill("Honda Motor")
    await expect.poll(() => typeOption.count(), POLL).toBe(1)
    await page
      .getByTestId("vehicle-vehicleTypeId")
      .selectOption({ label: (await typeOption.textContent()) ?? "" })
    await expect.poll(() => page.getByTestId("vehicle-model").inputValue(), POLL).toBe("Civic")
    expect(await page.getByTestId("vehicle-brand").inputValue()).toBe("Honda Motor")
    await b.shot(page, "vehicle-new-type-filled-light-en")
    await page.getByTestId("vehicle-vehicleTypeId").selectOption("")
    await expect.poll(() => page.getByTestId("vehicle-model").inputValue(), POLL).toBe("")
    expect(await page.getByTestId("vehicle-brand").inputValue()).toBe("Honda Motor")
    await page.getByTestId("vehicle-status").selectOption("rented")
    await page.getByTestId("vehicle-rental").selectOption("true")
    await page.getByTestId("vehicle-rentalStartsOn").fill(day(-20))
    await page.getByTestId("vehicle-rentalEndsOn").fill(day(10))
    await page.getByTestId("vehicle-rentalMonthlyCost").fill("450.00")
    await page.getByTestId("vehicle-rentalCurrency").selectOption("EUR")
    await page.getByTestId("vehicle-submit").click()
    await page.waitForURL(/\/vehicles\/[0-9a-f-]{36}$/u, POLL)
    await page.getByTestId("vehicle-rental-expiring").waitFor()

    const made = await page.evaluate(
      async (body) => {
        const csrf = document.cookie.match(/fleet_csrf=([^;]+)/u)?.[1] ?? ""
        const r = await fetch("/api/v1/vehicles", {
          method: "POST",
          headers: { "content-type": "application/json", "x-fleet-csrf": decodeURIComponent(csrf) },
          body: JSON.stringify(body),
        })
        return r.status
      },
      {
        name: "Rental Sprinter 1",
        plate: "B-RN-2222",
        vin: "WD3PE7CC7B5599999",
        status: "rented",
        rental: true,
        rentalStartsOn: day(-30),
        rentalEndsOn: day(80),
        rentalMonthlyCost: "750.00",
        rentalCurrency: "EUR",
      },
    )
    expect(made).toBe(201)

    await page.goto(`${fleet.httpUrl}/vehicles?sort=plate`)
    await expect.poll(() => page.getByTestId("rental-summary-monthly").textContent(), POLL).toBe("€1,200.00")
    expect(await page.getByTestId("rental-summary-count").textContent()).toContain("2")
    const expiringRow = page.getByTestId("vehicles-row").filter({ hasText: "B-RN-1111" })
    // The summary and the list are two requests: the row may come after the total.
    await expect.poll(() => expiringRow.getByTestId("vehicle-rental-expiring").count(), POLL).toBe(1)
    // Rented vehicles' rows have a blue left edge, as their cards do; an owned one has none.
    const edge = (plate: string) =>
      page
        .getByTestId("vehicles-row")
        .filter({ hasText: plate })
        .locator("td")
        .first()
        .evaluate((td) => getComputedStyle(td).boxShadow)
    expect(await edge("B-RN-2222")).toMatch(/inset/u)
    expect(await edge("B-TC-1234")).toBe("none")
    await b.shot(page, "vehicles-table-light-en")
    await page.getByTestId("vehicles-view-cards").click()
    await expect.poll(() => page.getByTestId("vehicle-card").count(), POLL).toBeGreaterThanOrEqual(3)
    expect(new URL(page.url()).searchParams.get("view")).toBe("cards")
    await b.shot(page, "vehicles-cards-light-en")
    await page.getByTestId("vehicles-filter-rental").selectOption("true")
    await expect.poll(() => page.getByTestId("vehicle-card").count(), POLL).toBe(2)
  })

  it("brings the first refused field into view and focuses it, the schema's refusal and the server's", async () => {
    const page = await b.newPage({ height: 600 })
    await b.signIn(page, "manager@vehicles.test")
    await page.goto(`${fleet.httpUrl}/vehicles/new`)
    const vin = page.getByTestId("vehicle-vin")
    const submit = page.getByTestId("vehicle-submit")
    /** Whether the whole of the VIN's input is inside the window. */
    const vinInView = () =>
      vin.evaluate((el) => {
        const r = el.getBoundingClientRect()
        return r.top >= 0 && r.bottom <= window.innerHeight
      })
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null)
    await page.getByTestId("vehicle-name").fill("Off-screen VIN car")
    await page.getByTestId("vehicle-plate").fill("B-FX-0001")
    await vin.fill("1HGBH41JXMN109999")
    await submit.scrollIntoViewIfNeeded()
    expect(await vinInView()).toBe(false)
    await submit.click()
    await expect.poll(focused, POLL).toBe("vehicle-vin")
    expect(await vinInView()).toBe(true)
    expect(await page.getByTestId("field-error-vin").textContent()).toContain("7")

    // The VIN of "Civic Work Car 1": valid, but the server answers on the field that it is taken.
    await vin.fill("1HGBH41JXMN109186")
    await submit.scrollIntoViewIfNeeded()
    expect(await vinInView()).toBe(false)
    await submit.click()
    await expect.poll(() => page.getByTestId("field-error-vin").count(), POLL).toBe(1)
    await expect.poll(focused, POLL).toBe("vehicle-vin")
    expect(await vinInView()).toBe(true)
    await b.shot(page, "vehicle-new-vin-taken-light-en", { fullPage: false })
    expect(page.url()).toMatch(/\/vehicles\/new$/u)
  })

  it("explains the server's refusal under the field in the user's language (Russian), not in English", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await signedIn("menedzher@vehicles.test", scheme)
      await page.goto(`${fleet.httpUrl}/vehicles/new`)
      await page.getByTestId("vehicle-name").fill("Автобус на 500 мест")
      // The form takes up to three digits; the server takes 1 to 200 seats.
      await page.getByTestId("vehicle-seats").fill("500")
      await page.getByTestId("vehicle-submit").click()
      const error = page.getByTestId("field-error-seats")
      await expect.poll(() => error.count(), POLL).toBe(1)
      const message = (await error.textContent()) ?? ""
      // The reason alone: the field's Russian label above the input names it, not the wire key.
      expect(message).toBe("должно быть от 1 до 200")
      expect(await error.innerText()).toBe("Должно быть от 1 до 200")
      expect(await page.getByLabel("Мест", { exact: true }).getAttribute("aria-describedby")).toBe(
        await error.getAttribute("id"),
      )
      expect(message).not.toMatch(/[A-Za-z]/u)
      await b.shot(page, `vehicle-new-seats-refused-${scheme}-ru`, { fullPage: false })
      expect(page.url()).toMatch(/\/vehicles\/new$/u)
    }
  })

  it("opens a vehicle from its row: the plate is a link for the keyboard and a new tab, the rest of the row follows it", async () => {
    const page = await signedIn("manager@vehicles.test")
    await page.goto(`${fleet.httpUrl}/vehicles?q=B-TC-1234`)
    const row = page.getByTestId("vehicles-row").first()
    const link = row.getByTestId("vehicles-row-link")
    await link.waitFor()
    const path = `/vehicles/${await row.getAttribute("data-id")}`
    expect(await link.getAttribute("href")).toBe(path)
    expect(await link.textContent()).toBe("B-TC-1234")
    // One stop a row for the keyboard: the link, not the row as well.
    expect(await row.getAttribute("tabindex")).toBeNull()
    await page.getByTestId("vehicles-search").focus()
    for (let i = 0; i < 20 && !(await link.evaluate((a) => a === document.activeElement)); i += 1) {
      await page.keyboard.press("Tab")
    }
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true)
    await page.keyboard.press("Enter")
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(path)

    // Ctrl+click or a middle click, on the link or elsewhere on the row, opens the vehicle in a new
    // tab; the list stays.
    await page.goBack()
    await link.waitFor()
    const otherCell = row.locator("td").nth(1)
    const clicks = [
      () => link.click({ modifiers: ["Control"] }),
      () => otherCell.click({ modifiers: ["Control"] }),
      () => link.click({ button: "middle" }),
      () => otherCell.click({ button: "middle" }),
    ]
    for (const click of clicks) {
      const [tab] = await Promise.all([page.context().waitForEvent("page"), click()])
      await expect.poll(() => new URL(tab.url()).pathname, POLL).toBe(path)
      await tab.close()
      expect(new URL(page.url()).pathname).toBe("/vehicles")
    }
    // A plain click on another cell opens it here.
    await otherCell.click()
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(path)
  })

  it("records ownership, edits and decommissions a vehicle (step 2.4, phase 5)", async () => {
    const page = await signedIn("manager@vehicles.test")
    await page.goto(`${fleet.httpUrl}/vehicles?q=B-TC-1234`)
    await page.getByTestId("vehicles-row").first().click()
    await page.getByTestId("vehicle-qr").locator(".vehicle-qr__code svg").waitFor()
    await b.shot(page, "vehicle-info-light-en")

    await page.getByTestId("vehicle-tab-ownership").click()
    await page.getByTestId("ownership-ownerName").fill("Previous Owner LLC")
    await page.getByTestId("ownership-from").fill("2020-01-01")
    await page.getByTestId("ownership-to").fill("2024-12-31")
    await page.getByTestId("ownership-purchasePrice").fill("15000")
    await page.getByTestId("ownership-salePrice").fill("12000")
    await page.getByTestId("ownership-currency").selectOption("EUR")
    await page.getByTestId("ownership-submit").click()
    await expect
      .poll(() => page.getByTestId("vehicle-ownership-row").first().textContent(), POLL)
      .toContain("Previous Owner LLC")
    await page.getByTestId("ownership-ownerName").fill("Overlapping Owner")
    await page.getByTestId("ownership-from").fill("2024-06-01")
    await page.getByTestId("ownership-to").fill("")
    await page.getByTestId("ownership-submit").click()
    await expect.poll(() => page.getByTestId("field-error-from").textContent(), POLL).toMatch(/overlap/iu)
    await b.shot(page, "vehicle-ownership-light-en")

    await page.getByTestId("vehicle-tab-info").click()
    await page.getByTestId("vehicle-edit").click()
    await page.getByTestId("vehicle-colour").fill("White")
    await page.getByTestId("vehicle-save").click()
    await expect.poll(() => page.getByTestId("vehicle-facts").textContent(), POLL).toContain("White")

    await page.getByTestId("vehicle-decommission").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => page.getByTestId("vehicle-status").first().getAttribute("data-status"), POLL)
      .toBe("decommissioned")
    // The audit tab is for those who may read the audit log: an admin sees the vehicle's changes.
    expect(await page.getByTestId("vehicle-tab-audit").count()).toBe(0)
    const admin = await signedIn("admin@vehicles.test")
    await admin.goto(`${page.url().split("?")[0]}?tab=audit`)
    await expect.poll(() => admin.getByTestId("vehicle-audit-row").count(), POLL).toBeGreaterThanOrEqual(3)
    expect(await admin.getByTestId("vehicle-audit-table").textContent()).toContain("vehicle.decommission")
    await b.shot(admin, "vehicle-audit-light-en")
  })

  it("shows the odometer carried on past a wound-back tracker, and the tracker's own figure beside it", async () => {
    const token = await b.tokenOf("manager@vehicles.test")
    const vehicle = await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", {
      name: "Wound back",
      plate: "B-WB-0001",
    })
    const device = await b.api<{ secret: string }>(token, "POST", "/api/v1/devices", {
      id: "wound-back-1",
      vehicleId: vehicle.id,
    })
    // Ten minutes east at 15 m/s from 150,000 km; at the half the tracker is wound back 100,000 km.
    const start = Date.now() - 20 * 60_000
    const points = Array.from({ length: 60 }, (_, i) => ({
      timeMs: start + i * 10_000,
      lat: 43.24,
      lon: 76.9 + (i * 150) / 80_900,
      speedMps: 15,
      headingDeg: 90,
      ignition: true,
      satellites: 9,
      hdop: 0.9,
      odometerM: 150_000_000 + i * 150 - (i >= 30 ? 100_000_000 : 0),
    }))
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: "wound-back-1",
      username: "wound-back-1",
      password: device.secret,
      reconnectPeriod: 0,
    })
    await client.publishAsync("fleet/v1/devices/wound-back-1/telemetry", JSON.stringify({ points }), {
      qos: 1,
    })
    await client.endAsync()

    const page = await signedIn("manager@vehicles.test")
    const facts = page.getByTestId("vehicle-facts")
    await expect
      .poll(async () => {
        await page.goto(`${fleet.httpUrl}/vehicles/${vehicle.id}`)
        return (await facts.textContent()) ?? ""
      }, POLL)
      .toContain("Tracker's odometer")
    const text = (await facts.textContent()) ?? ""
    // 150,000 km plus the ~9 km driven; the tracker's 50,008.9 km beside it.
    expect(text).toMatch(/Odometer\s*150,008\.[89]\s*km/u)
    expect(text).toMatch(/Tracker's odometer\s*50,008\.9\s*km/u)
    await b.shot(page, "vehicle-wound-back-light-en")
  })

  it("renders the vehicle pages in dark and in Russian", async () => {
    for (const [email, scheme, suffix] of [
      ["manager@vehicles.test", "dark", "dark-en"],
      ["menedzher@vehicles.test", "light", "light-ru"],
      ["menedzher@vehicles.test", "dark", "dark-ru"],
    ] as const) {
      const page = await signedIn(email, scheme)
      await page.goto(`${fleet.httpUrl}/vehicles`)
      await page.getByTestId("rental-summary").waitFor()
      await b.shot(page, `vehicles-table-${suffix}`)
      await page.goto(`${fleet.httpUrl}/vehicles?view=cards`)
      await page.getByTestId("vehicle-card").first().waitFor()
      await b.shot(page, `vehicles-cards-${suffix}`)
      await page.goto(`${fleet.httpUrl}/vehicles?q=B-TC-1234`)
      await page.getByTestId("vehicles-row").first().click()
      await page.getByTestId("vehicle-qr").locator(".vehicle-qr__code svg").waitFor()
      await b.shot(page, `vehicle-info-${suffix}`)
      await page.getByTestId("vehicle-tab-ownership").click()
      await page.getByTestId("vehicle-ownership-row").first().waitFor()
      await b.shot(page, `vehicle-ownership-${suffix}`)
      await page.goto(`${fleet.httpUrl}/vehicles/new`)
      await page.getByTestId("vehicle-form").waitFor()
      await b.shot(page, `vehicle-new-${suffix}`)
      await page.goto(`${fleet.httpUrl}/vehicle-types`)
      await page.getByTestId("type-row-name").first().waitFor()
      await b.shot(page, `types-${suffix}`)
    }
    expect(b.pageErrors).toEqual([])
  })
})
