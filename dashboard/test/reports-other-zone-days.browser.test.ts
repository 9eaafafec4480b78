import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * A report whose period holds daily distance kept on another zone's days (rows from before local
 * days: docs/rules.md "Days") says so on its page: how many vehicle-days, which zone, and the replay
 * that rewrites them, in the reader's language. Photographed in light and dark, English and
 * Russian, at desktop and phone width, into test-results/reports-other-zone-days/.
 */

const POLL = { timeout: 20_000, interval: 100 }
// Before the demo fleet's year of driving: only the rows written here.
const MARCH = "period=custom&from=2025-03-01&to=2025-03-31"

describe("a report with days on another zone", () => {
  let b: BrowserFleet

  beforeAll(async () => {
    b = await startBrowserFleet("reports-other-zone-days")
    await b.addUser({ email: "manager.en@zones.example", role: "manager", name: "Manager", locale: "en" })
    await b.addUser({ email: "manager.ru@zones.example", role: "manager", name: "Менеджер", locale: "ru" })
    const admin = await b.tokenOf()
    const vehicle = (name: string, plate: string) =>
      b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", { name, plate }).then((v) => v.id)
    const first = await vehicle("Zone Van", "ZON 01")
    const second = await vehicle("Zone Truck", "ZON 02")
    await b.fleet.ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version", "time_zone"],
      [
        [b.orgId, first, "2025-03-02", 42_000, 1, "UTC"],
        [b.orgId, first, "2025-03-03", 18_000, 1, "UTC"],
        [b.orgId, second, "2025-03-05", 25_000, 1, "UTC"],
      ],
    )
  }, 240_000)

  afterAll(async () => {
    await b?.close()
  })

  const open = async (email: string, scheme: "light" | "dark", width = 1400, height = 1000) => {
    const page = await b.newPage({ colorScheme: scheme, width, height })
    await b.signIn(page, email)
    await b.visit(page, `/reports/mileage?${MARCH}`)
    await page.getByTestId("report-body").waitFor(POLL)
    return page
  }

  it("names the vehicle-days, their zone and the replay, in English", async () => {
    const page = await open("manager.en@zones.example", "light")
    const note = page.getByTestId("report-other-zone-days")
    await expect.poll(() => note.textContent(), POLL).toContain("3 vehicle-days of 2 vehicles")
    const text = (await note.textContent()) ?? ""
    expect(text).toContain("on the days of UTC, not of Asia/Almaty")
    expect(await note.locator("code").textContent()).toBe(
      "npm run fleetcore -- vehicles replay --id VEHICLE_ID --from 2025-03-02 --to 2025-03-05",
    )
    await b.shot(page, "mileage-en-light")
    await page.close()
  })

  it("in Russian, in dark, and at phone width", async () => {
    const page = await open("manager.ru@zones.example", "dark")
    const note = page.getByTestId("report-other-zone-days")
    await expect.poll(() => note.textContent(), POLL).toContain("Дней ТС в другом часовом поясе: 3 (машин: 2")
    expect(await note.textContent()).toContain("по суткам UTC, а не Asia/Almaty")
    await b.shot(page, "mileage-ru-dark")
    await page.close()

    const phone = await open("manager.ru@zones.example", "light", 390, 844)
    const small = phone.getByTestId("report-other-zone-days")
    await small.waitFor(POLL)
    // The command wraps inside the page: nothing scrolls sideways.
    const box = await small.locator("code").boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390)
    await small.scrollIntoViewIfNeeded()
    await b.shot(phone, "mileage-ru-phone")
    await phone.close()
  })
})
