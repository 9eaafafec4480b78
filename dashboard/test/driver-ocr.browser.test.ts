import { renderOcrSample } from "@fleetcore/load-tests/ocr"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * OCR on the driver's phone portal (seed 002 §9): the photo of the odometer, once chosen, is read and
 * its readings offered as buttons; a tap fills the reading in, and nothing is recorded until the
 * driver saves. The photo is one bench:ocr renders (a seed the OCR reads right). Photographed into
 * test-results/driver-ocr/.
 */
const POLL = { timeout: 60_000, interval: 200 }
const DRIVER = "ocr.driver@demo.example"

describe("the driver's odometer photo", () => {
  let b: BrowserFleet
  let vehicleId = ""
  let admin = ""

  beforeAll(async () => {
    b = await startBrowserFleet("driver-ocr")
    admin = await b.tokenOf()
    const driverId = await b.addDriver({ email: DRIVER, name: "Айгерим Водитель", locale: "ru" })
    vehicleId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", {
        name: "OCR Nexia",
        plate: "321 OCR 02",
      })
    ).id
    await b.api(admin, "POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("offers the readings OCR finds; a tap fills the reading, saving records it", async () => {
    const sample = await renderOcrSample("odometer", 120_001)
    const expected = sample.expected.odometer as string
    const phone = await b.newPage({ width: 390, height: 844 })
    await b.signIn(phone, DRIVER)
    await b.visit(phone, "/driver")
    const card = phone.getByTestId("driver-odometer")
    await card.waitFor()
    await card
      .getByTestId("driver-odometer-photo")
      .setInputFiles({ name: "odometer.jpg", mimeType: "image/jpeg", buffer: sample.jpeg })
    const offered = card.getByTestId("odometer-ocr-candidate")
    await expect.poll(() => offered.count(), POLL).toBeGreaterThan(0)
    const values = await offered.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-value")))
    expect(values).toContain(expected)
    await card.getByTestId("odometer-ocr").scrollIntoViewIfNeeded()
    await b.shot(phone, "odometer-ocr-ru-phone", { fullPage: false })
    // Suggested, not recorded.
    const before = await b.api<{ total: number }>(
      admin,
      "GET",
      `/api/v1/vehicles/${vehicleId}/odometer-readings`,
    )
    expect(before.total).toBe(0)

    await card.locator(`[data-testid="odometer-ocr-candidate"][data-value="${expected}"]`).click()
    expect(await card.getByTestId("reading-valueKm").inputValue()).toBe(expected.replace(".", ","))
    await card.getByTestId("reading-submit").click()
    await expect
      .poll(
        async () =>
          (
            await b.api<{ items: Array<{ valueKm: number }> }>(
              admin,
              "GET",
              `/api/v1/vehicles/${vehicleId}/odometer-readings`,
            )
          ).items.map((r) => r.valueKm),
        POLL,
      )
      .toEqual([Number(expected)])
    // Saved: the form and its suggestions are cleared for the next reading.
    await expect.poll(() => offered.count(), POLL).toBe(0)
    expect(b.pageErrors).toEqual([])
  })
})
