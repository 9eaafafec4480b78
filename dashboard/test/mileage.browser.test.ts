import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 10, finding 4, in the browser: a vehicle's Mileage tab lists its distance per day and
 * marks the days on which GPS counted because the odometer was flagged (frozen, tampered, rolled
 * back, jumped). Photographed in light and dark, English and Russian, into test-results/mileage/.
 */

const POLL = { timeout: 15_000, interval: 100 }
const DAY = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe("mileage per day in the browser", () => {
  let b: BrowserFleet
  let vehicleId: string

  beforeAll(async () => {
    b = await startBrowserFleet("mileage")
    await b.addUser({ email: "manager.en@mileage.example", role: "manager", locale: "en" })
    await b.addUser({ email: "manager.ru@mileage.example", role: "manager", locale: "ru" })
    const token = await b.tokenOf("manager.en@mileage.example")
    vehicleId = (
      await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", {
        name: "Ford Transit",
        plate: "451 KZT 02",
      })
    ).id
    // Five days the engine derived: on two, the odometer was flagged and GPS stood in.
    const today = Date.parse(isoDay(Date.now()))
    const days: ReadonlyArray<readonly [number, number, number]> = [
      [4, 182_400, 0],
      [3, 96_250, 14_800],
      [2, 143_900, 0],
      [1, 121_300, 22_450],
      [0, 38_700, 0],
    ]
    await b.fleet.ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version", "gps_flagged_metres"],
      days.map(([ago, metres, flagged]) => [
        b.orgId,
        vehicleId,
        isoDay(today - ago * DAY),
        metres,
        1,
        flagged,
      ]),
    )
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("marks the days whose distance GPS counted because the odometer was flagged", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@mileage.example")
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicleId}?tab=mileage`)
    await expect
      .poll(() => page.getByTestId("mileage-gps-flagged").allTextContents(), POLL)
      .toEqual(["GPS 22.5 km", "GPS 14.8 km"])
    await expect
      .poll(() => page.getByTestId("mileage-gps-flagged-summary").textContent(), POLL)
      .toBe("37.3 km of these days counted from GPS because the odometer was flagged")
    await page.waitForLoadState("networkidle")
    await b.shot(page, "vehicle-mileage-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [scheme, email, name] = ["dark", "manager.ru@mileage.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, email)
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicleId}?tab=mileage`)
    await expect.poll(() => page.getByTestId("mileage-gps-flagged").count(), POLL).toBe(2)
    await page.waitForLoadState("networkidle")
    await b.shot(page, `vehicle-mileage-${name}`)
    expect(b.pageErrors).toEqual([])
  })
})
