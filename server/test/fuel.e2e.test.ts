import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

let h: Harness
let admin: ApiClient
let vehicleId: string

interface Entry {
  id: string
  anomaly: boolean
  anomalyStatus: string
  baseline: boolean
  consumption: { expectedL: number; actualL: number; differenceL: number; differencePct: number } | null
  currency: string
  driverId: string | null
  warnings: Array<{
    code: string
    cardName: string
    period: string
    periodStart: string
    spent: string
    limit: string
    currency: string
  }>
}
interface ErrorBody {
  error: { code: string; field?: string }
}

const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 9, d, hour)).toISOString()
const refuel = (body: Record<string, unknown>) =>
  admin.call<Entry & { error?: { code: string; field: string } }>(
    "POST",
    `/api/v1/vehicles/${vehicleId}/fuel-entries`,
    {
      currency: "KZT",
      amount: "10000.00",
      ...body,
    },
  )

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  // Rated 8.0 L/100 km, as in the example.
  const [org] = (
    await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
  ).rows
  const type = await h.fleet.db.system.query<{ id: string }>(
    "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Sedan 8L', 8.0) RETURNING id",
    [org?.id],
  )
  const v = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: "Fuel test",
    plate: "FUEL 01",
    vehicleTypeId: type.rows[0]?.id,
  })
  vehicleId = v.body.id
})
afterAll(async () => {
  await h?.close()
})

describe("refuels and the consumption check", () => {
  it("follows the issue's example: first refuel has no baseline, 38 L is fine, 48 L is an anomaly", async () => {
    const first = await refuel({ time: day(1), litres: 50, odometerKm: 20_000 })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ baseline: true, anomaly: false, consumption: null })
    const fine = await refuel({ time: day(5), litres: 38, odometerKm: 20_500 })
    expect(fine.body).toMatchObject({ anomaly: false, consumption: { expectedL: 40, actualL: 38 } })
    const high = await refuel({ time: day(9), litres: 48, odometerKm: 21_000 })
    expect(high.body).toMatchObject({
      anomaly: true,
      anomalyStatus: "unchecked",
      consumption: { expectedL: 40, actualL: 48, differenceL: 8, differencePct: 20 },
    })
    const alerts = await admin.call<{ items: Array<{ type: string; key: string }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${vehicleId}`,
    )
    expect(alerts.body.items).toEqual([
      expect.objectContaining({ type: "fuel_consumption", key: high.body.id }),
    ])

    const unchecked = await admin.call<{ items: Entry[] }>("GET", "/api/v1/fuel-entries?anomaly=unchecked")
    expect(unchecked.body.items.map((e) => e.id)).toEqual([high.body.id])
    const checked = await admin.call<{ anomalyStatus: string; checkedBy: string; checkedAt: string }>(
      "POST",
      `/api/v1/fuel-entries/${high.body.id}/check`,
      { note: "long idle at the depot" },
    )
    expect(checked.body.anomalyStatus).toBe("checked")
    expect(checked.body.checkedBy).toMatch(/^[0-9a-f-]{36}$/)
    expect((await admin.call("POST", `/api/v1/fuel-entries/${high.body.id}/check`)).status).toBe(409)
  })

  it("refuses an odometer that went backwards, naming the field", async () => {
    const back = await refuel({ time: day(12), litres: 30, odometerKm: 20_900 })
    expect(back.status).toBe(400)
    expect(back.body.error).toMatchObject({ code: "FLEET_FUEL_ODOMETER_NOT_INCREASING", field: "odometerKm" })
    const money = await refuel({ time: day(12), litres: 30, odometerKm: 21_400, amount: 12.5 })
    expect(money.status).toBe(400)
    expect(money.body.error).toMatchObject({ field: "amount" })
  })

  it("saves an entry over a card's daily limit and warns, without blocking", async () => {
    const card = await admin.call<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "Halyk fleet card",
      numberLast4: "4242",
      currency: "KZT",
      dailyLimit: "30000.00",
    })
    expect(card.status).toBe(201)
    const a = await refuel({
      time: day(20, 8),
      litres: 40,
      odometerKm: 21_500,
      amount: "20000.00",
      fuelCardId: card.body.id,
    })
    expect(a.body.warnings).toEqual([])
    const b = await refuel({
      time: day(20, 15),
      litres: 30,
      odometerKm: 21_800,
      amount: "15000.50",
      fuelCardId: card.body.id,
    })
    expect(b.status).toBe(201)
    expect(b.body.warnings).toEqual([
      {
        code: "FLEET_FUEL_CARD_LIMIT_EXCEEDED",
        cardId: card.body.id,
        cardName: "Halyk fleet card",
        period: "day",
        periodStart: "2026-10-20",
        spent: "35000.50",
        limit: "30000.00",
        currency: "KZT",
      },
    ])
    // The next day (Almaty time) starts a new daily period.
    const c = await refuel({
      time: day(21, 8),
      litres: 10,
      odometerKm: 21_900,
      amount: "5000.00",
      fuelCardId: card.body.id,
    })
    expect(c.body.warnings).toEqual([])
  })

  describe("manual odometer readings", () => {
    const read = (body: Record<string, unknown>) =>
      admin.call<{ flagged: boolean; kmPerDay: number | null; error?: { code: string; field: string } }>(
        "POST",
        `/api/v1/vehicles/${vehicleId}/odometer-readings`,
        body,
      )
    it("refuses a reading below the previous one and flags a jump over the organisation's km/day", async () => {
      expect((await read({ valueKm: 22_000, at: day(22) })).body).toMatchObject({ flagged: false })
      const back = await read({ valueKm: 21_000, at: day(23) })
      expect(back.status).toBe(422)
      expect(back.body.error).toMatchObject({ code: "FLEET_ODOMETER_READING_DECREASES", field: "valueKm" })
      const jump = await read({ valueKm: 24_500, at: day(24) })
      expect(jump.status).toBe(201)
      expect(jump.body).toMatchObject({ flagged: true, kmPerDay: 1250 })
      const alerts = await admin.call<{ items: Array<{ type: string }> }>(
        "GET",
        `/api/v1/alerts?vehicleId=${vehicleId}&type=odometer_manual_jump`,
      )
      expect(alerts.body.items).toHaveLength(1)
      // With a higher allowance the same progress is not flagged.
      expect((await admin.call("PUT", "/api/v1/settings", { maxKmPerDay: 2000 })).status).toBe(200)
      expect((await read({ valueKm: 27_000, at: day(26) })).body).toMatchObject({
        flagged: false,
        kmPerDay: 1250,
      })
    })

    it("holds a vehicle's first reading to the odometers entered with its refuels and its commissioning", async () => {
      const v = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
        name: "First reading",
        plate: "FUEL 02",
        commissionedOn: "2026-09-01",
        commissionedOdometerKm: 150_000,
      })
      const on = (body: Record<string, unknown>) =>
        admin.call<{ flagged: boolean; error?: { code: string; field: string; message: string } }>(
          "POST",
          `/api/v1/vehicles/${v.body.id}/odometer-readings`,
          body,
        )
      // Below the commissioning odometer, before any refuel.
      expect((await on({ valueKm: 100, at: day(2) })).body.error).toMatchObject({
        code: "FLEET_ODOMETER_READING_DECREASES",
        field: "valueKm",
      })
      const filled = await admin.call("POST", `/api/v1/vehicles/${v.body.id}/fuel-entries`, {
        time: day(10),
        litres: 40,
        odometerKm: 160_990,
      })
      expect(filled.status).toBe(201)
      // A typo after the refuel (100 for 161,000) is refused, not stored as the first reading.
      const typo = await on({ valueKm: 100, at: day(11) })
      expect(typo.status).toBe(422)
      expect(typo.body.error?.message).toContain("160990")
      // Nor may a reading dated before the refuel be above its odometer.
      expect((await on({ valueKm: 170_000, at: day(9) })).status).toBe(422)
      expect(await on({ valueKm: 161_000, at: day(11) })).toMatchObject({
        status: 201,
        body: { flagged: false },
      })
    })
  })
})

describe("fuel cards: their currency, who may pay with them, their limit alerts", () => {
  // November 2026: the past for these tests, in Almaty (UTC+5) the same day at these hours.
  const nov = (d: number, hour = 9) => new Date(Date.UTC(2026, 10, d, hour)).toISOString()
  const post = <T>(path: string, body: Record<string, unknown>) =>
    admin.call<T & { error?: { code: string; field: string } }>("POST", path, body)
  const newVehicle = async (plate: string) =>
    (await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: `Car ${plate}`, plate })).body.id
  const newCard = async (body: Record<string, unknown>) => {
    const card = await admin.call<{ id: string }>("POST", "/api/v1/fuel-cards", body)
    expect(card.status).toBe(201)
    return card.body.id
  }
  const cardAlerts = async (vehicle: string) =>
    (
      await admin.call<{
        items: Array<{ key: string; driverId: string | null; details: Record<string, unknown> }>
      }>("GET", `/api/v1/alerts?vehicleId=${vehicle}&type=fuel_card_limit&pageSize=50`)
    ).body.items

  it("keeps a refuel paid with a card in the card's currency, and counts only that currency", async () => {
    const vehicle = await newVehicle("CUR 001")
    const card = await newCard({ name: "CARD-EUR", currency: "EUR", monthlyLimit: "2000.00" })
    // No currency given: the card's, not the organisation's (KZT).
    const first = await post<Entry>(`/api/v1/vehicles/${vehicle}/fuel-entries`, {
      time: nov(3),
      litres: 50,
      odometerKm: 5000,
      amount: "70.00",
      fuelCardId: card,
    })
    expect([first.status, first.body.currency]).toEqual([201, "EUR"])
    const tenge = await post<Entry>(`/api/v1/vehicles/${vehicle}/fuel-entries`, {
      time: nov(4),
      litres: 30,
      odometerKm: 5300,
      amount: "5000.00",
      currency: "KZT",
      fuelCardId: card,
    })
    expect([tenge.status, tenge.body.error?.code, tenge.body.error?.field]).toEqual([
      400,
      "FLEET_FUEL_CARD_CURRENCY_MISMATCH",
      "currency",
    ])
    // The same rule for a fuel expense, created and changed.
    const refused = await post<{ id: string }>("/api/v1/expenses", {
      vehicleId: vehicle,
      category: "fuel",
      date: nov(4),
      litres: 30,
      odometerKm: 5300,
      amount: "5000.00",
      currency: "KZT",
      fuelCardId: card,
    })
    expect([refused.status, refused.body.error?.code, refused.body.error?.field]).toEqual([
      400,
      "FLEET_FUEL_CARD_CURRENCY_MISMATCH",
      "currency",
    ])
    const expense = await post<{ id: string; currency: string }>("/api/v1/expenses", {
      vehicleId: vehicle,
      category: "fuel",
      date: nov(5),
      litres: 28,
      odometerKm: 5600,
      amount: "40.00",
      fuelCardId: card,
    })
    expect([expense.status, expense.body.currency]).toEqual([201, "EUR"])
    const changed = await admin.call<ErrorBody>("PATCH", `/api/v1/expenses/${expense.body.id}`, {
      currency: "KZT",
    })
    expect([changed.status, changed.body.error.code, changed.body.error.field]).toEqual([
      400,
      "FLEET_FUEL_CARD_CURRENCY_MISMATCH",
      "currency",
    ])
    // A refuel stored in another currency before the rule (the tester's 5000 KZT) is not added in.
    const old = await post<{ id: string }>("/api/v1/expenses", {
      vehicleId: vehicle,
      category: "fuel",
      date: nov(6),
      litres: 20,
      odometerKm: 5900,
      amount: "5000.00",
      currency: "KZT",
    })
    await h.fleet.db.system.query("UPDATE fuel_entries SET fuel_card_id = $2 WHERE id = $1", [
      old.body.id,
      card,
    ])
    const spending = await admin.call<{
      items: Array<{ cardId: string; periods: Array<{ period: string; spent: string }> }>
    }>("GET", "/api/v1/fuel/card-spending?on=2026-11-06&pageSize=200")
    const month = spending.body.items
      .find((c) => c.cardId === card)
      ?.periods.find((p) => p.period === "month")
    expect(month?.spent).toBe("110.00")
  })

  it("answers a fuel expense paid with a card with the limits it took over", async () => {
    const vehicle = await newVehicle("CUR 002")
    const card = await newCard({ name: "CARD-DRIVER-002", currency: "EUR", dailyLimit: "80.00" })
    const expense = (amount: string, hour: number, odometerKm: number) =>
      post<{ warnings: Entry["warnings"] }>("/api/v1/expenses", {
        vehicleId: vehicle,
        category: "fuel",
        date: nov(7, hour),
        litres: 40,
        odometerKm,
        amount,
        fuelCardId: card,
      })
    const morning = await expense("70.00", 4, 5000)
    expect([morning.status, morning.body.warnings]).toEqual([201, []])
    const evening = await expense("40.00", 12, 5350)
    expect(evening.status).toBe(201)
    expect(evening.body.warnings).toEqual([
      {
        code: "FLEET_FUEL_CARD_LIMIT_EXCEEDED",
        cardId: card,
        cardName: "CARD-DRIVER-002",
        period: "day",
        periodStart: "2026-11-07",
        spent: "110.00",
        limit: "80.00",
        currency: "EUR",
      },
    ])
    const repair = await post<{ warnings: unknown[] }>("/api/v1/expenses", {
      vehicleId: vehicle,
      category: "service",
      date: "2026-11-07",
      amount: "100.00",
    })
    expect([repair.status, repair.body.warnings]).toEqual([201, []])
  })

  it("raises one limit alert per day over the limit, given to the driver the card is issued to", async () => {
    const vehicle = await newVehicle("CUR 003")
    const holder = await admin.call<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Maria Schmidt" })
    const other = await admin.call<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Ivan Petrov" })
    // The vehicle's driver is another one: the alert still goes to the card's holder.
    await admin.call("POST", `/api/v1/vehicles/${vehicle}/assignments`, {
      driverId: other.body.id,
      startsAt: nov(1, 0),
    })
    const card = await newCard({
      name: "CARD-HOLDER",
      currency: "EUR",
      dailyLimit: "80.00",
      driverId: holder.body.id,
    })
    let odometerKm = 1000
    for (const [d, amount] of [
      [9, "90.00"],
      [10, "85.00"],
      [10, "20.00"],
    ] as const) {
      odometerKm += 300
      const r = await post<Entry>(`/api/v1/vehicles/${vehicle}/fuel-entries`, {
        time: nov(d, amount === "20.00" ? 12 : 6),
        litres: 30,
        odometerKm,
        amount,
        fuelCardId: card,
      })
      expect(r.status).toBe(201)
    }
    const alerts = await cardAlerts(vehicle)
    expect(
      alerts
        .map((a) => [a.key, a.driverId, a.details.cardName, a.details.periodStart, a.details.spent])
        .sort(),
    ).toEqual([
      [`${card}:day:2026-11-09`, holder.body.id, "CARD-HOLDER", "2026-11-09", "90.00"],
      [`${card}:day:2026-11-10`, holder.body.id, "CARD-HOLDER", "2026-11-10", "105.00"],
    ])
  })

  it("lets a driver pay only with their own card or their vehicle's", async () => {
    const vehicle = await newVehicle("CUR 004")
    const driver = await admin.call<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Aliya Card" })
    await admin.call("POST", `/api/v1/vehicles/${vehicle}/assignments`, {
      driverId: driver.body.id,
      startsAt: nov(1, 0),
    })
    const user = await admin.call<{ user: { id: string } }>("POST", "/api/v1/users", {
      email: "aliya@fuel.example",
      name: "Aliya Card",
      role: "driver",
      driverId: driver.body.id,
    })
    await h.fleet.db.system.query("UPDATE users SET password_hash = $2 WHERE id = $1", [
      user.body.user.id,
      await hashSecret("aliya-password-1"),
    ])
    const me = await login(h.fleet, "aliya@fuel.example", "aliya-password-1")
    const own = await newCard({ name: "Aliya's", currency: "KZT", driverId: driver.body.id })
    const vehicles = await newCard({ name: "CUR 004's", currency: "KZT", vehicleId: vehicle })
    const someoneElses = await newCard({ name: "Office", currency: "KZT" })
    let odometerKm = 100
    let hour = 3
    const pay = (fuelCardId: string) => {
      odometerKm += 100
      hour += 1
      return me.call<Entry & ErrorBody>("POST", `/api/v1/vehicles/${vehicle}/fuel-entries`, {
        time: nov(20, hour),
        litres: 20,
        odometerKm,
        amount: "8000.00",
        fuelCardId,
      })
    }
    const refused = await pay(someoneElses)
    expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([
      403,
      "FLEET_FUEL_CARD_NOT_YOURS",
      "fuelCardId",
    ])
    expect((await pay(own)).status).toBe(201)
    const paid = await pay(vehicles)
    expect([paid.status, paid.body.driverId]).toEqual([201, driver.body.id])
    const unknown = await pay(crypto.randomUUID())
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "FLEET_REFERENCE_NOT_FOUND"])
  })
})
