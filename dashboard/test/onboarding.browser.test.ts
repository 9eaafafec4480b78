import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Issue 15 onboarding in the browser, as a fleet manager: with driver onboarding on, assigning a new
 * driver to a van is refused with the reason; the manager takes the driver through background check
 * and training on the driver's Onboarding tab, and the same assignment then works. The vehicle's
 * checklist, the driver's timeline and the queue are photographed in light and dark, English and
 * Russian, into test-results/onboarding/.
 */

const POLL = { timeout: 15_000, interval: 100 }

describe("onboarding in the browser", () => {
  let b: BrowserFleet
  let vanId = ""
  let driverId = ""
  let reviewId = ""

  beforeAll(async () => {
    b = await startBrowserFleet("onboarding")
    await b.addUser({
      email: "manager.en@onboarding.example",
      role: "manager",
      name: "Dana Manager",
      locale: "en",
    })
    await b.addUser({
      email: "manager.ru@onboarding.example",
      role: "manager",
      name: "Дана Менеджер",
      locale: "ru",
    })
    await b.addUser({ email: "ada.admin@onboarding.example", role: "admin", name: "Ada Admin", locale: "en" })
    const admin = await b.tokenOf()
    // The van exists before onboarding is turned on: approved, as every record was.
    vanId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", {
        name: "Ford Transit",
        plate: "777 ONB 02",
      })
    ).id
    await b.api(admin, "PUT", "/api/v1/onboarding/settings", { vehicles: true, drivers: true })
    driverId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/drivers", { fullName: "Aigerim Sadykova" })
    ).id
    reviewId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", {
        name: "Hyundai Porter",
        plate: "555 NEW 02",
      })
    ).id
    await b.api(admin, "POST", `/api/v1/vehicles/${reviewId}/onboarding`, { step: "submit" })
  }, 120_000)
  afterAll(async () => {
    await b?.close()
  })

  it("refuses the assignment before approval, takes the driver through the steps, then assigns", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@onboarding.example")

    const assign = async () => {
      await page.goto(`${b.fleet.httpUrl}/vehicles/${vanId}?tab=assignments`)
      await pickRecord(page, "assign-driver", "Aigerim", /Aigerim Sadykova/u)
      await page.getByTestId("assign-submit").click()
    }
    await assign()
    const refusal = page.getByTestId("form-error")
    await refusal.waitFor(POLL)
    expect(await refusal.textContent()).toContain("not approved yet")
    await b.shot(page, "assign-refused-light-en", { fullPage: false })

    await page.goto(`${b.fleet.httpUrl}/drivers/${driverId}?tab=onboarding`)
    const status = page.getByTestId("onboarding-status")
    await expect.poll(() => status.getAttribute("data-status"), POLL).toBe("created")
    await page.getByTestId("onboarding-step-start").click()
    await expect.poll(() => status.getAttribute("data-status"), POLL).toBe("background_check")
    await page.getByTestId("onboarding-notes").fill("No records in the national database")
    await page.getByTestId("onboarding-step-pass").click()
    await expect.poll(() => status.getAttribute("data-status"), POLL).toBe("training")
    await page.getByTestId("onboarding-notes").fill("Defensive driving course, 16 h")
    await page.getByTestId("onboarding-step-pass").click()
    await expect.poll(() => status.getAttribute("data-status"), POLL).toBe("approved")
    const steps = page.getByTestId("onboarding-event")
    expect(await steps.count()).toBe(3)
    expect(await steps.nth(1).textContent()).toContain("No records in the national database")
    expect(await steps.nth(1).textContent()).toContain("Dana Manager")

    await assign()
    await expect
      .poll(
        async () =>
          (
            await b.api<{ assignment: { driverName: string } | null }>(
              await b.tokenOf(),
              "GET",
              `/api/v1/vehicles/${vanId}/driver`,
            )
          ).assignment?.driverName,
        POLL,
      )
      .toBe("Aigerim Sadykova")
    expect(await page.getByTestId("form-error").count()).toBe(0)
  }, 120_000)

  it("shows the checklist, the timeline and the queue in light English and in dark Russian", async () => {
    for (const [email, lang, scheme] of [
      ["manager.en@onboarding.example", "en", "light"],
      ["manager.ru@onboarding.example", "ru", "dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme, locale: lang === "ru" ? "ru-RU" : "en-GB" })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/vehicles/${reviewId}?tab=onboarding`)
      const checklist = page.getByTestId("onboarding-checklist")
      await checklist.waitFor(POLL)
      expect(await checklist.locator("[data-done=false]").count()).toBe(5)
      // Approving waits for the checklist: the button is off and says what is missing.
      expect(await page.getByTestId("onboarding-step-approve").isDisabled()).toBe(true)
      await page.getByTestId("onboarding-approve-blocked").waitFor(POLL)
      await b.shot(page, `vehicle-${scheme}-${lang}`)
      await page.goto(`${b.fleet.httpUrl}/drivers/${driverId}?tab=onboarding`)
      await page.getByTestId("onboarding-timeline").waitFor(POLL)
      await b.shot(page, `driver-${scheme}-${lang}`)
      await page.goto(`${b.fleet.httpUrl}/onboarding`)
      await page.getByText("Hyundai Porter").first().waitFor(POLL)
      await b.shot(page, `queue-${scheme}-${lang}`)
    }
    expect(b.pageErrors).toEqual([])
  }, 180_000)

  it("shows the organisation's two switches to an admin, who turns vehicle onboarding off", async () => {
    const page = await b.newPage()
    await b.signIn(page, "ada.admin@onboarding.example")
    await page.goto(`${b.fleet.httpUrl}/settings/organisation`)
    const vehicles = page.getByTestId("onboarding-setting-vehicles")
    await vehicles.waitFor(POLL)
    expect(await vehicles.isChecked()).toBe(true)
    expect(await page.getByTestId("onboarding-setting-drivers").isChecked()).toBe(true)
    await b.shot(page, "settings-light-en")
    await vehicles.uncheck()
    await expect
      .poll(
        async () =>
          (await b.api<{ vehicles: boolean }>(await b.tokenOf(), "GET", "/api/v1/onboarding/settings"))
            .vehicles,
        POLL,
      )
      .toBe(false)
  }, 60_000)
})
