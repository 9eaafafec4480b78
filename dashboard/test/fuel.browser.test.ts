import { FUEL_EVENT_COLUMNS, fuelEventRow } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Seed 003 "Fuel Anomaly Dashboard" in the browser, as a fleet manager: the Fuel page's banner
 * counts the refuels waiting for a check; marking one checked with a note drops the count and
 * resolves the refuel's alert. The sensor's fills and thefts, the reconciliation and the cards'
 * spending are shown too. Pages are photographed in light and dark, English and Russian, into
 * test-results/fuel/.
 */

const POLL = { timeout: 15_000, interval: 100 }
const DAY = 86_400_000

describe("fuel in the browser", () => {
  let b: BrowserFleet
  let token: string
  let vehicleId: string
  const anomalies: string[] = []
  const api = <T>(method: string, path: string, body?: unknown) => b.api<T>(token, method, path, body)

  const alertOf = async (entryId: string) =>
    (
      await api<{ items: Array<{ key: string; status: string; resolutionNote: string | null }> }>(
        "GET",
        `/api/v1/alerts?vehicleId=${vehicleId}&type=fuel_consumption`,
      )
    ).items.find((a) => a.key === entryId)

  beforeAll(async () => {
    b = await startBrowserFleet("fuel")
    await b.addUser({ email: "manager.en@fuel.example", role: "manager", name: "Manager", locale: "en" })
    await b.addUser({ email: "manager.ru@fuel.example", role: "manager", name: "Manager", locale: "ru" })
    token = await b.tokenOf("manager.en@fuel.example")
    const org = b.orgId
    const fleet = b.fleet
    const type = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Camry 8L', 8) RETURNING id",
      [org],
    )
    vehicleId = (
      await api<{ id: string }>("POST", "/api/v1/vehicles", {
        name: "Toyota Camry",
        plate: "123 ABC 02",
        vehicleTypeId: type.rows[0]?.id,
      })
    ).id
    const card = await api<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "Halyk fleet card",
      numberLast4: "4242",
      currency: "KZT",
      dailyLimit: "30000.00",
      weeklyLimit: "60000.00",
      monthlyLimit: "200000.00",
    })
    // Every 500 km at 8 L/100 km: 40 L expected; 60 and 55 L are anomalies.
    const start = Date.now() - 8 * DAY
    const plan = [
      { litres: 50, km: 10_000 },
      { litres: 60, km: 10_500 },
      { litres: 38, km: 11_000 },
      { litres: 55, km: 11_500 },
    ]
    for (const [i, step] of plan.entries()) {
      const entry = await api<{ id: string; anomaly: boolean }>(
        "POST",
        `/api/v1/vehicles/${vehicleId}/fuel-entries`,
        {
          time: new Date(start + i * DAY).toISOString(),
          litres: step.litres,
          odometerKm: step.km,
          amount: String(step.litres * 300),
          currency: "KZT",
          fuelCardId: card.id,
        },
      )
      if (entry.anomaly) anomalies.push(entry.id)
    }
    // Today, with the card: its day, week and month show spending against the limits.
    await api("POST", `/api/v1/vehicles/${vehicleId}/fuel-entries`, {
      time: new Date().toISOString(),
      litres: 30,
      odometerKm: 11_900,
      amount: "21000.00",
      currency: "KZT",
      fuelCardId: card.id,
    })
    // The level sensor: the first two refuels rose the tank, one fill nobody paid for, a theft.
    const sensed = (
      kind: "fuel_fill" | "fuel_drop",
      startMs: number,
      endMs: number,
      fromL: number,
      toL: number,
      lat: number,
      lon: number,
    ) =>
      fuelEventRow(
        org,
        vehicleId,
        {
          kind,
          timeMs: endMs,
          startMs,
          endMs,
          fromL,
          toL,
          litres: Math.abs(toL - fromL),
          lat,
          lon,
          driverId: null,
        },
        1,
      )
    await fleet.ch.insert("fuel_events", FUEL_EVENT_COLUMNS, [
      sensed("fuel_fill", start + 2 * 60_000, start + 6 * 60_000, 8, 56.5, 43.2381, 76.8897),
      sensed("fuel_fill", start + DAY + 5 * 60_000, start + DAY + 9 * 60_000, 5, 63, 43.2566, 76.9286),
      // A slow siphon: one event from its start to its end, 1 h 25 min.
      sensed("fuel_drop", start + 1.5 * DAY - 85 * 60_000, start + 1.5 * DAY, 50, 26, 43.2221, 76.8512),
      sensed("fuel_fill", start + 4.5 * DAY - 4 * 60_000, start + 4.5 * DAY, 10, 45, 43.2775, 76.8958),
    ])
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("a manager marks a fuel anomaly checked: the banner count drops and its alert is resolved", async () => {
    expect(anomalies).toHaveLength(2)
    const [first, second] = anomalies as [string, string]
    expect((await alertOf(first))?.status).toBe("open")
    const page = await b.newPage()
    await b.signIn(page, "manager.en@fuel.example")
    await page.getByTestId("sidebar").getByRole("link", { name: "Fuel" }).click()
    await page.waitForURL(/\/fuel$/u)
    await expect
      .poll(() => page.getByTestId("fuel-anomaly-count").textContent(), POLL)
      .toBe("Refuels waiting for a check: 2")
    await expect.poll(() => page.getByTestId("refuel-difference-pct").count(), POLL).toBe(4)
    await b.shot(page, "refuels-en-light")

    await page.getByTestId("fuel-anomaly-review").click()
    await page.waitForURL(/tab=anomalies/u)
    await expect.poll(() => page.getByTestId("refuel-mark-checked").count(), POLL).toBe(2)
    await b.shot(page, "anomalies-en-light")
    await page.getByTestId("refuel-mark-checked").first().click()
    await page.getByTestId("refuel-check-dialog-note").fill("Long idle at the depot, confirmed by the driver")
    await b.shot(page, "check-dialog-en-light")
    await page.getByTestId("refuel-check-dialog-submit").click()
    await page.getByTestId("refuel-check-dialog").waitFor({ state: "detached" })
    await expect
      .poll(() => page.getByTestId("fuel-anomaly-count").textContent(), POLL)
      .toBe("Refuels waiting for a check: 1")
    await expect.poll(() => page.getByTestId("refuel-mark-checked").count(), POLL).toBe(1)

    // The newest anomaly is listed first: that one was checked, and its alert resolved with the note.
    await expect.poll(async () => (await alertOf(second))?.status, POLL).toBe("resolved")
    expect((await alertOf(second))?.resolutionNote).toBe("Long idle at the depot, confirmed by the driver")
    expect((await alertOf(first))?.status).toBe("open")

    await page.getByTestId("fuel-tab-sensor").click()
    await expect
      .poll(() => page.getByTestId("fuel-event-kind").allTextContents(), POLL)
      .toEqual(["Fill", "Theft", "Fill", "Fill"])
    expect(await page.getByTestId("fuel-event-duration").allTextContents()).toEqual([
      "4 min",
      "1 h 25 min",
      "4 min",
      "4 min",
    ])
    await b.shot(page, "sensor-en-light")
    await page.getByTestId("fuel-tab-reconciliation").click()
    await page.getByTestId("fuel-recon-rules").waitFor()
    await expect
      .poll(() => page.getByTestId("fuel-recon-kind").allTextContents(), POLL)
      .toEqual([
        "Refuel without a sensor rise",
        "Refuel without a sensor rise",
        "Sensor rise without a refuel",
        "Refuel without a sensor rise",
      ])
    await b.shot(page, "reconciliation-en-light")
    await page.getByTestId("fuel-tab-cards").click()
    await expect.poll(() => page.getByTestId("fuel-card").count(), POLL).toBe(1)
    expect(await page.getByTestId("card-spending-day").getAttribute("data-tone")).toBe("success")
    await b.shot(page, "cards-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [scheme, email, name] = ["dark", "manager.ru@fuel.example", "ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, email)
    for (const tab of ["anomalies", "sensor", "reconciliation", "cards"]) {
      await page.goto(`${b.fleet.httpUrl}/fuel?tab=${tab}`)
      await page.getByTestId(`fuel-panel-${tab}`).waitFor()
      await page.waitForLoadState("networkidle")
      await b.shot(page, `${tab}-${name}`)
    }
    expect(b.pageErrors).toEqual([])
  })
})
