import { FUEL_EVENT_COLUMNS, fuelEventRow } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Seed 003 "Fuel Anomaly Dashboard" in the browser, as a fleet manager: the Fuel page's banner
 * counts the refuels waiting for a check; marking one checked with a note drops the count and
 * resolves the refuel's alert. The sensor's fills and thefts, the reconciliation and the cards'
 * spending are shown too. Seed 003 steps 3.1, 3.2 and 3.4: a manager adds a fuel card with its
 * limits for a driver and edits it; the driver logs two refuels of one day with the card and the
 * second one, over the daily limit, is saved with a warning. Pages are photographed in light and
 * dark, English and Russian, into test-results/fuel/.
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

  it("a manager adds a fuel card with limits for a driver, then edits and blocks it (seed 003 3.1, 3.2)", async () => {
    const driver = await api<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Anna Cardholder" })
    const page = await b.newPage()
    await b.signIn(page, "manager.en@fuel.example")
    await page.goto(`${b.fleet.httpUrl}/fuel?tab=cards`)
    await page.getByTestId("fuel-card-new").click()
    await page.getByTestId("card-name").fill("CARD-ALPHA-001")
    await page.getByTestId("card-last4").fill("1234")
    await page.getByTestId("card-currency").selectOption("EUR")
    await page.getByTestId("card-dailyLimit").fill("100")
    await page.getByTestId("card-weeklyLimit").fill("500")
    await page.getByTestId("card-monthlyLimit").fill("2000.50")
    // By keyboard: the search's one match, then Enter.
    await page.getByTestId("card-vehicle").click()
    await page.getByTestId("card-vehicle").fill("123 ABC 02")
    await page.getByTestId("card-vehicle-list").getByRole("option", { name: "123 ABC 02" }).waitFor()
    await expect.poll(() => page.getByTestId("card-vehicle-option").count(), POLL).toBe(1)
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await expect
      .poll(() => page.getByTestId("card-vehicle").inputValue(), POLL)
      .toBe("Toyota Camry · 123 ABC 02")
    await pickRecord(page, "card-driver", "Anna Cardholder")
    await b.shot(page, "card-new-en-light")
    await page.getByTestId("card-submit").click()
    await page.getByTestId("fuel-card-editor").waitFor({ state: "detached" })
    const tile = page.getByTestId("fuel-card").filter({ hasText: "CARD-ALPHA-001" })
    await expect
      .poll(() => tile.getByTestId("fuel-card-holders").textContent(), POLL)
      .toContain("Anna Cardholder")
    expect(await tile.getByTestId("fuel-card-holders").textContent()).toContain("Toyota Camry · 123 ABC 02")
    expect(await tile.getByTestId("card-spending-month").textContent()).toContain("€0.00 / €2,000.50")
    const cards = async () =>
      (await api<{ items: Array<Record<string, unknown>> }>("GET", "/api/v1/fuel-cards?q=CARD-ALPHA")).items
    expect(await cards()).toEqual([
      expect.objectContaining({
        name: "CARD-ALPHA-001",
        numberLast4: "1234",
        currency: "EUR",
        dailyLimit: "100.00",
        weeklyLimit: "500.00",
        monthlyLimit: "2000.50",
        driverId: driver.id,
        vehicleId,
        active: true,
      }),
    ])

    await tile.getByTestId("fuel-card-edit").click()
    expect(await page.getByTestId("card-last4").isDisabled()).toBe(true)
    expect(await page.getByTestId("card-currency").isDisabled()).toBe(true)
    expect(await page.getByTestId("card-dailyLimit").inputValue()).toBe("100.00")
    await page.getByTestId("card-dailyLimit").fill("80")
    await page.getByTestId("card-weeklyLimit").fill("")
    await page.getByTestId("card-status").selectOption("blocked")
    await b.shot(page, "card-edit-en-light")
    await page.getByTestId("card-submit").click()
    await page.getByTestId("fuel-card-editor").waitFor({ state: "detached" })
    await expect.poll(() => tile.textContent(), POLL).toContain("Blocked")
    expect(await cards()).toEqual([
      expect.objectContaining({
        dailyLimit: "80.00",
        weeklyLimit: null,
        monthlyLimit: "2000.50",
        active: false,
      }),
    ])
    await b.shot(page, "cards-edited-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("a driver logs two refuels of one day with their card: the second, over the daily limit, warns (seed 003 3.4)", async () => {
    await b.addUser({ email: "maria@fuel.example", role: "driver", name: "Maria Schmidt", locale: "en" })
    const driver = (
      await b.fleet.db.system.query<{ id: string }>(
        `INSERT INTO drivers (org_id, user_id, full_name)
         SELECT $1, id, 'Maria Schmidt' FROM users WHERE email = 'maria@fuel.example' RETURNING id`,
        [b.orgId],
      )
    ).rows[0]?.id as string
    const sprinter = await api<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Sprinter Van 1",
      plate: "B-TC-5678",
    })
    await api("POST", `/api/v1/vehicles/${sprinter.id}/assignments`, {
      driverId: driver,
      startsAt: new Date(Date.now() - 3 * DAY).toISOString(),
    })
    const card = await api<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "CARD-DRIVER-002",
      currency: "EUR",
      dailyLimit: "80.00",
      weeklyLimit: "400.00",
      monthlyLimit: "1500.00",
      driverId: driver,
    })
    const page = await b.newPage({ width: 390, height: 1400 })
    await b.signIn(page, "maria@fuel.example")
    await page.getByTestId("driver-refuel").waitFor(POLL)
    // The one card issued to the driver is chosen; cash stays possible.
    await expect.poll(() => page.getByTestId("refuel-card").inputValue(), POLL).toBe(card.id)
    // Yesterday in Almaty (UTC+5, the organisation's zone) at 09:00 and 17:00: one day of the card.
    const almatyYesterday = new Date(Date.now() + 5 * 3_600_000 - DAY).toISOString().slice(0, 10)
    const morning = `${almatyYesterday}T04:00:00.000Z`
    const evening = `${almatyYesterday}T12:00:00.000Z`
    const log = async (at: string, litres: string, km: string, amount: string) => {
      // The input takes the wall clock of the organisation's zone (Almaty), whatever the browser's.
      const local = `${almatyYesterday}T${String(new Date(at).getUTCHours() + 5).padStart(2, "0")}:00`
      await page.getByTestId("refuel-time").fill(local)
      await page.getByTestId("refuel-litres").fill(litres)
      await page.getByTestId("refuel-odometerKm").fill(km)
      await page.getByTestId("refuel-amount").fill(amount)
      await page.getByTestId("refuel-submit").click()
      await expect.poll(() => page.getByTestId("refuel-litres").inputValue(), POLL).toBe("")
    }
    await log(morning, "50", "5000", "70.00")
    const warnings = page.locator('[data-testid="toast"][data-kind="warning"]')
    expect(await warnings.count()).toBe(0)
    await log(evening, "28", "5350", "40.00")
    await expect.poll(() => warnings.textContent(), POLL).toContain("Daily limit of CARD-DRIVER-002 exceeded")
    expect(await warnings.textContent()).toContain("€110.00 of €80.00 spent on")
    await b.shot(page, "driver-limit-warning-en-light", { fullPage: false })
    const stored = await api<{ items: Array<{ fuelCardId: string; currency: string; time: string }> }>(
      "GET",
      `/api/v1/fuel-entries?vehicleId=${sprinter.id}`,
    )
    expect(stored.items.map((e) => [e.fuelCardId, e.currency, e.time])).toEqual([
      [card.id, "EUR", evening],
      [card.id, "EUR", morning],
    ])
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
