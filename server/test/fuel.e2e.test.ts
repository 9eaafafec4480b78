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
  warnings: Array<{ code: string; period: string; spent: string; limit: string; currency: string }>
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
        period: "day",
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
