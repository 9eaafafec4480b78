import { FUEL_EVENT_COLUMNS, fuelEventRow } from "@fleetcore/engine"
import { chTime, hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

let h: Harness
let a: ApiClient
let b: ApiClient
let orgA: string
let orgB: string
let typeId: string

const T = Date.UTC(2026, 9, 10, 9, 0)
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

const vehicle = async (api: ApiClient, plate: string, vehicleTypeId?: string) => {
  const v = await api.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: `Sensor ${plate}`,
    plate,
    ...(vehicleTypeId === undefined ? {} : { vehicleTypeId }),
  })
  expect(v.status).toBe(201)
  return v.body.id
}

/** Stores sensor events as the engine does (ClickHouse `fuel_events`). */
const sensorEvents = (
  orgId: string,
  vehicleId: string,
  events: ReadonlyArray<{ atMs: number; kind: "fuel_fill" | "fuel_drop"; litres: number }>,
) =>
  h.fleet.ch.insert(
    "fuel_events",
    ["org_id", "vehicle_id", "time", "kind", "litres", "from_l", "to_l", "lat", "lon", "version"],
    events.map((e) => [
      orgId,
      vehicleId,
      chTime(e.atMs),
      e.kind,
      e.litres,
      10,
      10 + e.litres,
      43.25,
      76.95,
      1,
    ]),
  )

const refuel = (vehicleId: string, atMs: number, litres: number, extra: Record<string, unknown> = {}) =>
  a.call<{ id: string; anomaly: boolean }>("POST", `/api/v1/vehicles/${vehicleId}/fuel-entries`, {
    time: iso(atMs),
    litres,
    amount: "10000.00",
    currency: "KZT",
    ...extra,
  })

interface Page<T> {
  items: T[]
  total: number
}
interface SensorEvent {
  vehicleId: string
  kind: string
  litres: number
  time: string
}

beforeAll(async () => {
  h = await startHarness()
  a = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgA = await demoOrgId(h.fleet)
  const other = await createOrg(h.fleet, "fuel-other", DEMO_PASSWORD)
  orgB = other.orgId
  b = await login(h.fleet, other.email, DEMO_PASSWORD)
  const type = await h.fleet.db.system.query<{ id: string }>(
    "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Sensor sedan 8L', 8.0) RETURNING id",
    [orgA],
  )
  typeId = type.rows[0]?.id as string
})
afterAll(async () => {
  await h?.close()
})

describe("GET /api/v1/fuel/events", () => {
  it("lists an organisation's own fills and thefts only, filtered and paged", async () => {
    const va = await vehicle(a, "SNS 001")
    const vb = await vehicle(b, "SNS 901")
    await sensorEvents(orgA, va, [
      { atMs: T, kind: "fuel_fill", litres: 42 },
      { atMs: T + 120 * MIN, kind: "fuel_drop", litres: 25 },
      { atMs: T + 240 * MIN, kind: "fuel_fill", litres: 30 },
    ])
    await sensorEvents(orgB, vb, [{ atMs: T + 60 * MIN, kind: "fuel_drop", litres: 99 }])

    const mine = await a.call<Page<SensorEvent>>("GET", `/api/v1/fuel/events?vehicleId=${va}`)
    expect(mine.status).toBe(200)
    expect(mine.body.total).toBe(3)
    expect(mine.body.items.map((e) => [e.kind, e.litres])).toEqual([
      ["fill", 30],
      ["theft", 25],
      ["fill", 42],
    ])
    expect(mine.body.items[2]).toMatchObject({ vehicleId: va, time: iso(T), fromL: 10, toL: 52, lat: 43.25 })

    const all = await a.call<Page<SensorEvent>>("GET", "/api/v1/fuel/events")
    expect(all.body.items.every((e) => e.vehicleId !== vb)).toBe(true)
    const theirs = await b.call<Page<SensorEvent>>("GET", "/api/v1/fuel/events")
    expect(theirs.body.items.map((e) => [e.vehicleId, e.kind, e.litres])).toEqual([[vb, "theft", 99]])
    // Another organisation's vehicle as a filter names nothing of ours.
    const foreign = await a.call<Page<SensorEvent>>("GET", `/api/v1/fuel/events?vehicleId=${vb}`)
    expect(foreign.body).toMatchObject({ items: [], total: 0 })

    const thefts = await a.call<Page<SensorEvent>>("GET", `/api/v1/fuel/events?vehicleId=${va}&kind=theft`)
    expect(thefts.body.items.map((e) => e.litres)).toEqual([25])
    const window = await a.call<Page<SensorEvent>>(
      "GET",
      `/api/v1/fuel/events?vehicleId=${va}&from=${iso(T + MIN)}&to=${iso(T + 240 * MIN)}`,
    )
    expect(window.body.items.map((e) => e.litres)).toEqual([25])
    const paged = await a.call<Page<SensorEvent> & { page: number }>(
      "GET",
      `/api/v1/fuel/events?vehicleId=${va}&sort=litres&pageSize=2&page=2`,
    )
    expect(paged.body).toMatchObject({ total: 3, page: 2 })
    expect(paged.body.items.map((e) => e.litres)).toEqual([42])
  })
})

describe("a sensor event's span and driver", () => {
  it("returns the start, end and driver the engine stored, and the time as both ends for older rows", async () => {
    const v = await vehicle(a, "SNS 008")
    const [driver] = (
      await h.fleet.db.system.query<{ id: string }>(
        "INSERT INTO drivers (org_id, full_name) VALUES ($1, 'Span Driver') RETURNING id",
        [orgA],
      )
    ).rows
    const drain = {
      kind: "fuel_drop" as const,
      timeMs: T + 30 * MIN,
      startMs: T + 10 * MIN,
      endMs: T + 30 * MIN,
      lat: 43.25,
      lon: 76.95,
      fromL: 50,
      toL: 20,
      litres: 30,
      driverId: driver?.id ?? null,
    }
    await h.fleet.ch.insert("fuel_events", FUEL_EVENT_COLUMNS, [fuelEventRow(orgA, v, drain, 1)])
    await sensorEvents(orgA, v, [{ atMs: T + 60 * MIN, kind: "fuel_fill", litres: 40 }])
    const found = await a.call<Page<SensorEvent & Record<string, unknown>>>(
      "GET",
      `/api/v1/fuel/events?vehicleId=${v}&sort=time`,
    )
    expect(found.status).toBe(200)
    expect(found.body.items).toMatchObject([
      {
        kind: "theft",
        time: iso(T + 30 * MIN),
        startTime: iso(T + 10 * MIN),
        endTime: iso(T + 30 * MIN),
        driverId: driver?.id,
      },
      {
        kind: "fill",
        time: iso(T + 60 * MIN),
        startTime: iso(T + 60 * MIN),
        endTime: iso(T + 60 * MIN),
        driverId: null,
      },
    ])
  })
})

describe("a driver and the sensor events", () => {
  it("sees only the events of the vehicle assigned to them now", async () => {
    const mine = await vehicle(a, "SNS 006")
    const other = await vehicle(a, "SNS 007")
    const driverId = (
      await h.fleet.db.system.query<{ id: string }>(
        `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'sensor.driver@demo.example', 'Sensor Driver', $2, 'driver') RETURNING id, org_id, name)
         INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
        [orgA, await hashSecret(DEMO_PASSWORD)],
      )
    ).rows[0]?.id as string
    const assigned = await a.call("POST", `/api/v1/vehicles/${mine}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    expect(assigned.status).toBe(201)
    await sensorEvents(orgA, mine, [{ atMs: T, kind: "fuel_drop", litres: 12 }])
    await sensorEvents(orgA, other, [{ atMs: T, kind: "fuel_drop", litres: 13 }])
    const driver = await login(h.fleet, "sensor.driver@demo.example", DEMO_PASSWORD)
    const seen = await driver.call<Page<SensorEvent>>("GET", "/api/v1/fuel/events")
    expect(seen.status).toBe(200)
    expect(seen.body.items.map((e) => [e.vehicleId, e.litres])).toEqual([[mine, 12]])
    const asked = await driver.call<Page<SensorEvent>>("GET", `/api/v1/fuel/events?vehicleId=${other}`)
    expect(asked.body).toMatchObject({ items: [], total: 0 })
  })
})

describe("GET /api/v1/fuel/reconciliation", () => {
  it("pairs refuels with sensor rises within ±30 min and 15% / 5 L, and lists what is left", async () => {
    const v = await vehicle(a, "SNS 002")
    const bare = await vehicle(a, "SNS 003") // no fuel sensor: its refuels are not reconciled
    const day = Date.UTC(2026, 9, 20, 6, 0)
    await sensorEvents(orgA, v, [
      { atMs: day + 10 * MIN, kind: "fuel_fill", litres: 47 }, // matches the 50 L refuel
      { atMs: day + 300 * MIN + 5 * MIN, kind: "fuel_fill", litres: 20 }, // 40 L paid: too little rose
      { atMs: day + 600 * MIN, kind: "fuel_fill", litres: 35 }, // no refuel at all
      { atMs: day + 700 * MIN, kind: "fuel_drop", litres: 30 }, // a theft is no rise
    ])
    const matched = await refuel(v, day, 50)
    const short = await refuel(v, day + 300 * MIN, 40)
    const lonely = await refuel(v, day + 900 * MIN, 30)
    await refuel(bare, day, 60)
    expect([matched.status, short.status, lonely.status]).toEqual([201, 201, 201])

    const r = await a.call<{
      items: Array<Record<string, unknown>>
      total: number
      matched: number
      rules: Record<string, number>
    }>("GET", `/api/v1/fuel/reconciliation?vehicleId=${v}&from=${iso(day)}&to=${iso(day + 86_400_000)}`)
    expect(r.status).toBe(200)
    expect(r.body.rules).toEqual({ windowMinutes: 30, tolerancePct: 15, minDifferenceL: 5 })
    expect(r.body.matched).toBe(1)
    expect(r.body.items).toEqual([
      expect.objectContaining({
        kind: "refuel_without_rise",
        fuelEntryId: short.body.id,
        paidL: 40,
        sensorL: 20,
        differenceL: -20,
      }),
      expect.objectContaining({ kind: "rise_without_refuel", fuelEntryId: short.body.id, sensorL: 20 }),
      expect.objectContaining({ kind: "rise_without_refuel", fuelEntryId: null, paidL: null, sensorL: 35 }),
      expect.objectContaining({ kind: "refuel_without_rise", fuelEntryId: lonely.body.id, sensorL: null }),
    ])
    const onlyRises = await a.call<{ total: number }>(
      "GET",
      `/api/v1/fuel/reconciliation?vehicleId=${v}&kind=rise_without_refuel&from=${iso(day)}&to=${iso(day + 86_400_000)}`,
    )
    expect(onlyRises.body.total).toBe(2)
    const sensorless = await a.call<{ total: number }>(
      "GET",
      `/api/v1/fuel/reconciliation?vehicleId=${bare}&from=${iso(day)}&to=${iso(day + 86_400_000)}`,
    )
    expect(sensorless.body.total).toBe(0)
    // Another organisation sees none of it.
    const theirs = await b.call<{ total: number }>(
      "GET",
      `/api/v1/fuel/reconciliation?from=${iso(day)}&to=${iso(day + 86_400_000)}`,
    )
    expect(theirs.body.total).toBe(0)
    const tooLong = await a.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/fuel/reconciliation?from=${iso(day)}&to=${iso(day + 100 * 86_400_000)}`,
    )
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.error.code).toBe("FLEET_QUERY_INVALID")
  })
})

describe("checking a consumption anomaly", () => {
  it("resolves the refuel's alert with the note in the same step, audited", async () => {
    const v = await vehicle(a, "SNS 004", typeId)
    const t0 = Date.UTC(2026, 10, 1, 8, 0)
    await refuel(v, t0, 50, { odometerKm: 10_000 })
    const high = await refuel(v, t0 + 86_400_000, 60, { odometerKm: 10_500 }) // 60 L for 40 expected
    expect(high.body.anomaly).toBe(true)
    const open = await a.call<{ items: Array<{ id: string; status: string; type: string }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${v}&type=fuel_consumption`,
    )
    expect(open.body.items.map((x) => x.status)).toEqual(["open"])
    const alertId = open.body.items[0]?.id as string
    // Acknowledged first: still settled by the check.
    expect((await a.call("POST", `/api/v1/alerts/${alertId}/acknowledge`, {})).status).toBe(200)

    const checked = await a.call<{ anomalyStatus: string; resolvedAlertId: string | null }>(
      "POST",
      `/api/v1/fuel-entries/${high.body.id}/check`,
      { note: "tank leak repaired" },
    )
    expect(checked.status).toBe(200)
    expect(checked.body).toMatchObject({ anomalyStatus: "checked", resolvedAlertId: alertId })
    const after = await a.call<{ items: Array<{ status: string; resolutionNote: string | null }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${v}&type=fuel_consumption`,
    )
    expect(after.body.items).toEqual([
      expect.objectContaining({ status: "resolved", resolutionNote: "tank leak repaired" }),
    ])
    const audited = await h.fleet.db.system.query<{ action: string; details: { fuelEntryId?: string } }>(
      "SELECT action, details FROM audit_log WHERE entity_id = $1 AND action = 'alert.resolve'",
      [alertId],
    )
    expect(audited.rows).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ fuelEntryId: high.body.id }) }),
    ])
  })
})

describe("GET /api/v1/fuel/card-spending", () => {
  it("sums a card's refuels per day, week and month against its limits", async () => {
    const v = await vehicle(a, "SNS 005")
    const card = await a.call<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "Spending card",
      currency: "KZT",
      dailyLimit: "20000.00",
      monthlyLimit: "100000.00",
    })
    // 2026-11-18 is a Wednesday; 09:00 and 10:00 UTC are the same day in Almaty.
    const wed = Date.UTC(2026, 10, 18, 9, 0)
    await refuel(v, wed, 30, { amount: "15000.00", fuelCardId: card.body.id })
    await refuel(v, wed + 3_600_000, 20, { amount: "10000.00", fuelCardId: card.body.id })
    await refuel(v, wed - 2 * 86_400_000, 20, { amount: "5000.00", fuelCardId: card.body.id }) // Monday
    const r = await a.call<{ on: string; items: Array<{ cardId: string; periods: unknown[] }> }>(
      "GET",
      "/api/v1/fuel/card-spending?on=2026-11-18&q=Spending",
    )
    expect(r.status).toBe(200)
    expect(r.body.on).toBe("2026-11-18")
    expect(r.body.items.map((c) => c.cardId)).toEqual([card.body.id])
    expect(r.body.items[0]?.periods).toEqual([
      { period: "day", start: "2026-11-18", spent: "25000.00", limit: "20000.00", usedPct: 125 },
      { period: "week", start: "2026-11-16", spent: "30000.00", limit: null, usedPct: null },
      { period: "month", start: "2026-11-01", spent: "30000.00", limit: "100000.00", usedPct: 30 },
    ])
    const theirs = await b.call<{ items: unknown[] }>("GET", "/api/v1/fuel/card-spending")
    expect(theirs.body.items).toEqual([])
  })
})

describe("edges of the fuel reports' queries", () => {
  it("answers the far past, the far future and far pages as declared, never with a server error", async () => {
    const paths = [
      "/api/v1/fuel/events?from=1900-01-01T00:00:00Z&to=2200-12-31T23:59:59Z",
      "/api/v1/fuel/events?to=1900-01-01T00:00:00Z&page=999999&pageSize=200",
      "/api/v1/fuel/reconciliation?to=1900-01-15T00:00:00Z",
      "/api/v1/fuel/reconciliation?from=2200-12-01T00:00:00Z&to=2200-12-31T00:00:00Z&page=999999",
      "/api/v1/fuel/card-spending?on=1900-01-01",
      "/api/v1/fuel/card-spending?on=2200-12-31&page=999999",
    ]
    for (const path of paths) {
      const r = await a.call<{ items: unknown[] }>("GET", path)
      expect([path, r.status]).toEqual([path, 200])
    }
    const backwards = await a.call<{ error: { code: string } }>(
      "GET",
      "/api/v1/fuel/reconciliation?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z",
    )
    expect([backwards.status, backwards.body.error.code]).toEqual([400, "FLEET_QUERY_INVALID"])
  })
})
