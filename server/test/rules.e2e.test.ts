import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningFleetCore, startFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { abayDrive, type DrivePoint } from "./drive.js"
import { type ApiClient, DEMO_PASSWORD, eventually, login, provision, publishPoints } from "./harness.js"

const HOUR = 3_600_000
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR

const publish = publishPoints

const days = () => {
  const from = new Date(startMs - 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
  return `from=${from}&to=${to}`
}
const mileageKm = async (api: ApiClient, vehicleId: string) =>
  (await api.call<{ totalKm: number }>("GET", `/api/v1/vehicles/${vehicleId}/mileage?${days()}`)).body.totalKm
const trips = async (api: ApiClient, vehicleId: string) =>
  (
    await api.call<{
      items: Array<{ startMs: number; endMs: number; distanceM: number; maxSpeedMps: number }>
    }>(
      "GET",
      `/api/v1/vehicles/${vehicleId}/trips?from=${new Date(startMs - HOUR).toISOString()}&to=${new Date().toISOString()}`,
    )
  ).body.items

/** Noisy drive with a 90-second gap and one teleport fix, then parked (closes the trip). */
const messyDrive = (seed: number) => {
  const { points, lengthM } = abayDrive({ startMs, speedMps: 14, noiseM: 5, parkedS: 300, seed })
  const withoutGap = points.filter((_, i) => i < 200 || i >= 290)
  const teleport = withoutGap[400] as DrivePoint
  withoutGap[400] = { ...teleport, lat: teleport.lat + 0.5, odometerM: undefined as unknown as number }
  return { points: withoutGap.map(({ odometerM: _, ...p }) => p), lengthM }
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient
// Whole rule states are written at most once a minute (what the API reads of them, every second);
// the crash test below snapshots every second, to make a stale snapshot on purpose.
const start = (ruleSnapshotSeconds?: number) =>
  startFleetCore({
    dataDir: dir,
    demoAdminPassword: DEMO_PASSWORD,
    ...(ruleSnapshotSeconds === undefined ? {} : { ruleSnapshotSeconds }),
  })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-rules-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe("rules on the real path", () => {
  it("measures a noisy drive with a gap and a teleport within 1% and finds one trip", async () => {
    const car = await provision(admin, "rules-car-1", "RUL 001")
    const { points, lengthM } = messyDrive(11)
    await publish(fleet, car, points)
    const km = await eventually(
      async () => {
        const t = await trips(admin, car.vehicleId)
        return t.length === 1 ? mileageKm(admin, car.vehicleId) : undefined
      },
      20_000,
      "the trip",
    )
    expect(Math.abs(km * 1000 - lengthM) / lengthM).toBeLessThan(0.01)
    const [trip] = await trips(admin, car.vehicleId)
    expect(trip?.startMs).toBe(startMs)
    expect(Math.abs((trip?.distanceM ?? 0) - lengthM) / lengthM).toBeLessThan(0.01)
    expect(trip?.maxSpeedMps).toBeLessThan(20)
  })

  it("replays a vehicle's history to the same results, and applies a changed threshold", async () => {
    const car = await provision(admin, "rules-replay", "RUL 010")
    const { points } = messyDrive(41)
    await publish(fleet, car, points)
    const liveKm = await eventually(
      async () =>
        (await trips(admin, car.vehicleId)).length === 1 ? mileageKm(admin, car.vehicleId) : undefined,
      20_000,
      "the trip",
    )
    const [liveTrip] = await trips(admin, car.vehicleId)
    const range = {
      from: new Date(startMs).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
    }

    const replayed = await admin.call<{ points: number; trips: number }>(
      "POST",
      `/api/v1/vehicles/${car.vehicleId}/replay`,
      range,
    )
    expect(replayed.status).toBe(200)
    expect(replayed.body).toMatchObject({ points: points.length, trips: 1 })
    expect(await mileageKm(admin, car.vehicleId)).toBeCloseTo(liveKm, 3)
    expect(await trips(admin, car.vehicleId)).toEqual([liveTrip])

    // The whole drive lasts ~13 minutes: with trips needing an hour there is none, mileage stays.
    expect((await admin.call("PUT", "/api/v1/settings", { minTripDurationS: 3600 })).status).toBe(200)
    await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/replay`, range)
    expect(await trips(admin, car.vehicleId)).toEqual([])
    expect(await mileageKm(admin, car.vehicleId)).toBeCloseTo(liveKm, 3)
    expect((await admin.call("PUT", "/api/v1/settings", { minTripDurationS: 60 })).status).toBe(200)
    await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/replay`, range)
    expect(await trips(admin, car.vehicleId)).toEqual([liveTrip])
    const backwards = await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/replay`, {
      from: "2026-11-20",
      to: "2026-11-19",
    })
    expect(backwards.status).toBe(400)
  })

  it("attributes distance and alerts to the driver assigned at that moment", async () => {
    const car = await provision(admin, "rules-drivers", "RUL 011")
    const [org] = (
      await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows
    const driver = async (email: string) =>
      (
        await fleet.db.system.query<{ id: string }>(
          `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, $2, $3, 'driver') RETURNING id, org_id, name)
           INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
          [org?.id, email, await hashSecret("driver-password-1")],
        )
      ).rows[0]?.id as string
    const aigerim = await driver("aigerim@demo.example")
    const daniyar = await driver("daniyar@demo.example")
    const { points } = messyDrive(51)
    const handover = points[300]?.timeMs as number
    const assign = (driverId: string, startsAt: number, endsAt?: number) =>
      admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/assignments`, {
        driverId,
        startsAt: new Date(startsAt).toISOString(),
        ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}),
      })
    expect((await assign(aigerim, startMs - HOUR, handover)).status).toBe(201)
    expect((await assign(daniyar, handover - 60_000)).status).toBe(409)
    expect((await assign(daniyar, handover)).status).toBe(201)
    const withCode = points.map((p, i) => (i >= 400 ? { ...p, dtc: ["P0420"] } : p))
    await publish(fleet, car, withCode)
    const vehicleKm = await eventually(
      async () =>
        (await trips(admin, car.vehicleId)).length === 1 ? mileageKm(admin, car.vehicleId) : undefined,
      20_000,
      "the trip",
    )
    const driverKm = async (id: string) =>
      (await admin.call<{ totalKm: number }>("GET", `/api/v1/drivers/${id}/mileage?${days()}`)).body.totalKm
    const a = await driverKm(aigerim)
    const d = await driverKm(daniyar)
    expect(a).toBeGreaterThan(1)
    expect(d).toBeGreaterThan(1)
    expect(a + d).toBeCloseTo(vehicleKm, 2)
    const alerts = await admin.call<{ items: Array<{ type: string; driverId: string | null }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${car.vehicleId}`,
    )
    expect(alerts.body.items).toEqual([expect.objectContaining({ type: "dtc", driverId: daniyar })])
    const asDriver = await login(fleet, "aigerim@demo.example", "driver-password-1")
    expect((await asDriver.call("GET", `/api/v1/drivers/${aigerim}/mileage?${days()}`)).status).toBe(200)
    expect((await asDriver.call("GET", `/api/v1/drivers/${daniyar}/mileage?${days()}`)).status).toBe(404)
  })

  it("keeps a GPS-only vehicle's odometer: the manual reading plus the distance driven since", async () => {
    const car = await provision(admin, "rules-gps-odo", "RUL 012")
    const reading = await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/odometer-readings`, {
      valueKm: 123_456,
      at: new Date(startMs - HOUR).toISOString(),
    })
    expect(reading.status).toBe(201)
    const { points, lengthM } = messyDrive(61)
    await publish(fleet, car, points)
    await eventually(
      async () => ((await trips(admin, car.vehicleId)).length === 1 ? true : undefined),
      20_000,
      "the trip",
    )
    const readOdometer = async () =>
      (
        await admin.call<{ items: Array<{ id: string; odometerKm: number | null }> }>(
          "GET",
          "/api/v1/vehicles",
        )
      ).body.items.find((x) => x.id === car.vehicleId)?.odometerKm ?? null
    // The estimate is flushed with the rule state every second: wait until it has settled.
    let previous: number | null = null
    const odometerKm = await eventually(
      async () => {
        const now = await readOdometer()
        const settled = now !== null && now > 123_456 + 5 && now === previous
        previous = now
        if (!settled) await new Promise((r) => setTimeout(r, 1_100))
        return settled ? now : undefined
      },
      20_000,
      "the estimated odometer",
    )
    expect(Math.abs(odometerKm - (123_456 + lengthM / 1000))).toBeLessThan((lengthM / 1000) * 0.01)
  })

  it("sets a tracker's vehicle odometer by a manual reading: the reading plus what the tracker counts since", async () => {
    // The tracker counts from 50,000 km; the vehicle has done 150,000.
    const car = await provision(admin, "rules-calibrated", "RUL 013")
    const { points } = abayDrive({ startMs, speedMps: 14, noiseM: 0, parkedS: 0, seed: 5 })
    await publish(fleet, car, points.slice(0, 150))
    const vehicleKm = async () =>
      (await admin.call<{ odometerKm: number | null }>("GET", `/api/v1/vehicles/${car.vehicleId}`)).body
        .odometerKm
    const atReading = (points[149]?.odometerM as number) / 1000
    await eventually(
      async () => ((await vehicleKm()) === Math.round(atReading * 10) / 10 ? true : undefined),
      15_000,
      "the tracker's figure",
    )
    const at = Date.now() - 10 * 60_000
    const reading = await admin.call("POST", `/api/v1/vehicles/${car.vehicleId}/odometer-readings`, {
      valueKm: 150_000,
      at: new Date(at).toISOString(),
    })
    expect(reading.status).toBe(201)
    expect(await vehicleKm()).toBe(150_000)
    // Driving on after the reading.
    const later = points.slice(150, 300).map((p, i) => ({ ...p, timeMs: at + 60_000 + i * 1000 }))
    await publish(fleet, car, later)
    const expected = 150_000 + ((later.at(-1)?.odometerM as number) / 1000 - atReading)
    await eventually(
      async () => {
        const km = await vehicleKm()
        return km !== null && Math.abs(km - expected) < 0.2 ? true : undefined
      },
      15_000,
      "the reading plus the tracker's count since",
    )
    // The engine takes the reading with the first point after its next profile refresh (every
    // 30 s); the tracker goes on reporting, parked.
    const parked = later.at(-1) as (typeof later)[number]
    let n = 0
    const engine = await eventually(
      async () => {
        n += 1
        await publish(fleet, car, [{ ...parked, timeMs: parked.timeMs + n * 1000, speedMps: 0 }])
        const r = await fleet.db.system.query<{ e: number; a: Date | null }>(
          "SELECT estimated_odometer_m AS e, odometer_offset_at AS a FROM vehicle_rule_state WHERE vehicle_id = $1",
          [car.vehicleId],
        )
        if (!r.rows[0]?.a) await new Promise((done) => setTimeout(done, 1_000))
        return r.rows[0]?.a ? r.rows[0] : undefined
      },
      45_000,
      "the engine's figure set by the reading",
    )
    expect(engine.a?.getTime()).toBe(at)
    expect(Math.abs(engine.e / 1000 - expected)).toBeLessThan(0.2)
    expect(Math.abs(((await vehicleKm()) as number) - expected)).toBeLessThan(0.2)
  })

  it("sets the scale by a reading entered after the tracker's later points: its figure then, from the track", async () => {
    // A reading from a service invoice, entered once the vehicle has driven on: the tracker's figure
    // at the reading's moment comes from the stored track, between the points either side of it.
    const car = await provision(admin, "rules-backdated", "RUL 014")
    const { points } = abayDrive({ startMs, speedMps: 14, noiseM: 0, parkedS: 0, seed: 6 })
    const driven = points.slice(0, 300)
    await publish(fleet, car, driven)
    const vehicleKm = async () =>
      (await admin.call<{ odometerKm: number | null }>("GET", `/api/v1/vehicles/${car.vehicleId}`)).body
        .odometerKm
    const lastM = driven.at(-1)?.odometerM as number
    await eventually(
      async () => ((await vehicleKm()) === Math.round(lastM / 100) / 10 ? true : undefined),
      15_000,
      "the tracker's figure",
    )
    const [p100, p101] = [driven[100] as DrivePoint, driven[101] as DrivePoint]
    const at = p100.timeMs + (p101.timeMs - p100.timeMs) / 2
    const reading = await admin.call<{ id: string }>(
      "POST",
      `/api/v1/vehicles/${car.vehicleId}/odometer-readings`,
      {
        valueKm: 150_000,
        at: new Date(at).toISOString(),
      },
    )
    expect(reading.status).toBe(201)
    const stored = await fleet.db.system.query<{ m: number | null }>(
      "SELECT device_odometer_m AS m FROM odometer_readings WHERE id = $1",
      [reading.body.id],
    )
    const trackerThen = ((p100.odometerM as number) + (p101.odometerM as number)) / 2
    expect(stored.rows[0]?.m).toBeCloseTo(trackerThen, 3)
    // The vehicle has done 150,000 km at the reading and what the tracker counted since.
    const expected = 150_000 + (lastM - trackerThen) / 1000
    expect(Math.abs(((await vehicleKm()) as number) - expected)).toBeLessThan(0.1)
  })

  it("raises one odometer rollback alert, and walks it through acknowledge and resolve", async () => {
    const van = await provision(admin, "rules-van-1", "RUL 002")
    const { points } = abayDrive({ startMs, speedMps: 14, noiseM: 0, parkedS: 0, seed: 3 })
    const rolled = points
      .slice(0, 300)
      .map((p, i) => (i >= 150 ? { ...p, odometerM: (p.odometerM as number) - 20_000 } : p))
    await publish(fleet, van, rolled)
    const alerts = await eventually(
      async () => {
        const r = await admin.call<{ items: Array<{ id: string; type: string; status: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${van.vehicleId}`,
        )
        return r.body.items.length > 0 ? r.body.items : undefined
      },
      15_000,
      "the alert",
    )
    await new Promise((r) => setTimeout(r, 500))
    const again = (
      await admin.call<{ items: Array<{ type: string }> }>("GET", `/api/v1/alerts?vehicleId=${van.vehicleId}`)
    ).body.items
    expect(again.map((a) => a.type)).toEqual(["odometer_rollback"])
    // The vehicle's odometer goes on from where it was: neither the wound-back reading nor a
    // service postponed by it.
    const sound = (points[299]?.odometerM as number) / 1000
    const shown = await eventually(
      async () => {
        const r = await admin.call<{ odometerKm: number | null; last: { odometerM: number | null } | null }>(
          "GET",
          `/api/v1/vehicles/${van.vehicleId}`,
        )
        const km = r.body.odometerKm
        return km !== null && Math.abs(km - sound) < 1 ? r.body : undefined
      },
      15_000,
      "the vehicle's odometer carried on",
    )
    expect(shown.last?.odometerM).toBe(rolled[299]?.odometerM)
    const id = alerts[0]?.id as string
    expect((await admin.call("POST", `/api/v1/alerts/${id}/acknowledge`, { note: "looking" })).status).toBe(
      200,
    )
    expect((await admin.call("POST", `/api/v1/alerts/${id}/acknowledge`)).status).toBe(409)
    const resolved = await admin.call<{ status: string; resolutionNote: string; resolvedBy: string }>(
      "POST",
      `/api/v1/alerts/${id}/resolve`,
      { note: "tracker replaced" },
    )
    expect(resolved.body).toMatchObject({ status: "resolved", resolutionNote: "tracker replaced" })
    expect(resolved.body.resolvedBy).toMatch(/^[0-9a-f-]{36}$/)
    const audit = await fleet.db.system.query(
      "SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at",
      [id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(["alert.acknowledge", "alert.resolve"])
  })

  it("ends a drive interrupted by a restart with the same mileage, trip and alerts as an uninterrupted one", async () => {
    const steady = await provision(admin, "rules-steady", "RUL 003")
    const restarted = await provision(admin, "rules-restart", "RUL 004")
    // A fault code appears before the restart and clears after it; another appears after it.
    const points = messyDrive(21).points.map((p, i) => ({
      ...p,
      dtc: i > 100 && i < 500 ? ["P0301"] : i >= 600 ? ["P0420"] : [],
    }))
    await publish(fleet, steady, points)
    const half = Math.floor(points.length / 2)
    await publish(fleet, restarted, points.slice(0, half))
    await eventually(
      async () => ((await mileageKm(admin, restarted.vehicleId)) > 1 ? true : undefined),
      15_000,
      "first half",
    )

    await fleet.stop()
    fleet = await start()
    admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    // The restart issued new demo secrets only; provisioned devices keep theirs.
    await publish(fleet, restarted, points.slice(half))

    const expected = await eventually(
      async () =>
        (await trips(admin, steady.vehicleId)).length === 1 ? mileageKm(admin, steady.vehicleId) : undefined,
      20_000,
      "steady trip",
    )
    const got = await eventually(
      async () =>
        (await trips(admin, restarted.vehicleId)).length === 1
          ? mileageKm(admin, restarted.vehicleId)
          : undefined,
      20_000,
      "restarted trip",
    )
    expect(got).toBeCloseTo(expected, 2)
    const [a] = await trips(admin, steady.vehicleId)
    const [b] = await trips(admin, restarted.vehicleId)
    expect(b?.startMs).toBe(a?.startMs)
    expect(b?.endMs).toBe(a?.endMs)
    expect(b?.distanceM).toBeCloseTo(a?.distanceM ?? 0, 0)
    const alertStates = async (vehicleId: string) =>
      (
        await admin.call<{ items: Array<{ type: string; key: string; status: string; openedAt: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${vehicleId}`,
        )
      ).body.items
        .map((x) => `${x.type}:${x.key}:${x.status}:${x.openedAt}`)
        .sort()
    const expectedAlerts = await alertStates(steady.vehicleId)
    expect(expectedAlerts.map((x) => x.split(":").slice(0, 3).join(":"))).toEqual([
      "dtc:P0301:resolved",
      "dtc:P0420:open",
    ])
    expect(await alertStates(restarted.vehicleId)).toEqual(expectedAlerts)
  })

  it("after a crash with a stale snapshot, re-runs the stored points and still counts each metre once", async () => {
    await fleet.stop()
    fleet = await start(1)
    admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const steady = await provision(admin, "rules-steady-2", "RUL 005")
    const crashed = await provision(admin, "rules-crash", "RUL 006")
    const { points } = messyDrive(33)
    await publish(fleet, steady, points)
    const third = Math.floor(points.length / 3)
    await publish(fleet, crashed, points.slice(0, third))
    const snapshotOf = async () =>
      (
        await fleet.db.system.query("SELECT state FROM vehicle_rule_state WHERE vehicle_id = $1", [
          crashed.vehicleId,
        ])
      ).rows[0]?.state as { lastTimeMs: number } | undefined
    const stale = await eventually(
      async () => {
        const s = await snapshotOf()
        return s && s.lastTimeMs >= (points[third - 1]?.timeMs ?? 0) ? s : undefined
      },
      10_000,
      "first snapshot",
    )
    await publish(fleet, crashed, points.slice(third, 2 * third))
    await eventually(
      async () => {
        const s = await snapshotOf()
        return s && s.lastTimeMs >= (points[2 * third - 1]?.timeMs ?? 0) ? true : undefined
      },
      10_000,
      "second snapshot",
    )
    await fleet.stop()
    // As if the process died before its last snapshot: the second third is stored but the state is older.
    fleet = await start()
    await fleet.db.system.query("UPDATE vehicle_rule_state SET state = $2 WHERE vehicle_id = $1", [
      crashed.vehicleId,
      JSON.stringify(stale),
    ])
    admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    await publish(fleet, crashed, points.slice(2 * third))

    const expected = await eventually(
      async () =>
        (await trips(admin, steady.vehicleId)).length === 1 ? mileageKm(admin, steady.vehicleId) : undefined,
      20_000,
      "steady trip",
    )
    const got = await eventually(
      async () =>
        (await trips(admin, crashed.vehicleId)).length === 1
          ? mileageKm(admin, crashed.vehicleId)
          : undefined,
      20_000,
      "crashed trip",
    )
    expect(got).toBeCloseTo(expected, 2)
    const [a] = await trips(admin, steady.vehicleId)
    const [b] = await trips(admin, crashed.vehicleId)
    expect(b?.startMs).toBe(a?.startMs)
    expect(b?.distanceM).toBeCloseTo(a?.distanceM ?? 0, 0)
  })

  describe("fuel level sensor", () => {
    const parked = (from: number, minutes: number, pct: number) =>
      Array.from({ length: minutes * 6 }, (_, i) => ({
        timeMs: from + i * 10_000,
        lat: 43.24,
        lon: 76.91,
        speedMps: 0,
        ignition: false,
        fuelLevelPct: pct,
      }))
    const withTank = async (device: string, plate: string) => {
      const v = await provision(admin, device, plate)
      const [org] = (
        await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
      ).rows
      const type = await fleet.db.system.query<{ id: string }>(
        `INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km, tank_capacity_l) VALUES ($1, $2, 8, 60) RETURNING id`,
        [org?.id, `Tank 60 ${device}`],
      )
      await fleet.db.system.query("UPDATE vehicles SET vehicle_type_id = $2 WHERE id = $1", [
        v.vehicleId,
        type.rows[0]?.id,
      ])
      return v
    }
    const alertsOf = async (vehicleId: string) =>
      (
        await admin.call<{ items: Array<{ type: string; details: Record<string, number> }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${vehicleId}`,
        )
      ).body.items

    it("raises exactly one theft alert for a 30 L drop while parked", async () => {
      const v = await withTank("rules-fuel-1", "RUL 007")
      const t0 = startMs + HOUR
      await publish(fleet, v, [...parked(t0, 10, 80), ...parked(t0 + 600_000, 10, 30)])
      const alerts = await eventually(
        async () => {
          const a = await alertsOf(v.vehicleId)
          return a.length > 0 ? a : undefined
        },
        15_000,
        "theft alert",
      )
      await new Promise((r) => setTimeout(r, 500))
      expect((await alertsOf(v.vehicleId)).map((a) => a.type)).toEqual(["fuel_theft"])
      expect(alerts[0]?.details).toMatchObject({ fromL: 48, toL: 18, litres: 30 })
    })

    it("flags a refuel entry larger than the sensor rise, whichever arrives first", async () => {
      for (const [device, plate, entryFirst] of [
        ["rules-fuel-2", "RUL 008", false],
        ["rules-fuel-3", "RUL 009", true],
      ] as const) {
        const v = await withTank(device, plate)
        const t0 = startMs + 2 * HOUR
        const fillAt = t0 + 300_000
        const entry = () =>
          admin.call("POST", `/api/v1/vehicles/${v.vehicleId}/fuel-entries`, {
            time: new Date(fillAt + 120_000).toISOString(),
            litres: 50,
            amount: "16000.00",
            currency: "KZT",
            odometerKm: 30_000,
          })
        if (entryFirst) expect((await entry()).status).toBe(201)
        // 20 % → 70 % of 60 L: the tank rose 30 L.
        await publish(fleet, v, [...parked(t0, 5, 20), ...parked(fillAt, 5, 70)])
        await eventually(
          async () => {
            const rows = await fleet.ch.query("SELECT 1 FROM fuel_events WHERE vehicle_id = {v:UUID}", {
              v: v.vehicleId,
            })
            return rows.length > 0 ? true : undefined
          },
          15_000,
          "the fill",
        )
        if (!entryFirst) expect((await entry()).status).toBe(201)
        const alerts = await eventually(
          async () => {
            const a = await alertsOf(v.vehicleId)
            return a.length > 0 ? a : undefined
          },
          15_000,
          "mismatch alert",
        )
        expect(alerts.map((a) => a.type)).toEqual(["fuel_refuel_mismatch"])
        expect(alerts[0]?.details).toMatchObject({ paidL: 50, sensorL: 30, missingL: 20 })
      }
    })
  })
})
