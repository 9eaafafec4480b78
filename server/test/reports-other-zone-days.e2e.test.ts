import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, type Harness, login, startHarness } from "./harness.js"

/**
 * The reports that read daily distance say when some of the period's vehicle-days are kept on
 * another zone's days than the organisation's (rows written before local days, time_zone 'UTC', or
 * before the organisation changed its zone: docs/rules.md "Days"), how many, and the replay that
 * rewrites them; in the API and in the exported file, in the reader's language. Rows are written to
 * ClickHouse by hand, as the engine wrote them before and after migration 0011.
 */
const PASSWORD = "reports-other-zone-days-password"
const TZ = "Asia/Tashkent"
const MARCH = "period=custom&from=2025-03-01&to=2025-03-31"
const DISTANCE_REPORTS = ["tco", "fuel", "rental", "utilisation", "mileage", "drivers"] as const

let h: Harness
let admin: ApiClient
let orgId = ""
let adminEmail = ""
const v = { upgraded: "", moved: "", local: "" }
let driverId = ""

type OtherZoneDays = { vehicleDays: number; vehicles: number; zones: Array<string>; from: string; to: string }
type Table = { otherZoneDays?: OtherZoneDays; timezone: string }

const created = async (path: string, body: unknown): Promise<string> => {
  const r = await admin.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}
const get = async (path: string): Promise<Table> => {
  const r = await admin.call<Table>("GET", path)
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "reports-other-zone-days", PASSWORD)
  orgId = a.orgId
  adminEmail = a.email
  await h.fleet.db.system.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
    orgId,
    JSON.stringify({ timezone: TZ }),
  ])
  admin = await login(h.fleet, a.email, PASSWORD)
  v.upgraded = await created("/api/v1/vehicles", { name: "Upgraded Van", plate: "OZD 01" })
  v.moved = await created("/api/v1/vehicles", { name: "Moved Truck", plate: "OZD 02" })
  v.local = await created("/api/v1/vehicles", { name: "Local Car", plate: "OZD 03" })
  driverId = await created("/api/v1/drivers", { fullName: "Zone Driver" })

  const row = (vehicle: string, day: string, zone: string) => [orgId, vehicle, day, 10_000, 1, zone]
  await h.fleet.ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version", "time_zone"],
    [
      // Written before local days (UTC days), then on the organisation's days.
      row(v.upgraded, "2025-03-01", "UTC"),
      row(v.upgraded, "2025-03-02", "UTC"),
      row(v.upgraded, "2025-03-03", "UTC"),
      row(v.upgraded, "2025-03-04", TZ),
      // Written while the organisation was in Istanbul, before it moved to Tashkent.
      row(v.moved, "2025-03-10", "Europe/Istanbul"),
      row(v.moved, "2025-03-11", TZ),
      // Local days only.
      row(v.local, "2025-03-05", TZ),
      // Before the period.
      row(v.local, "2025-02-27", "UTC"),
    ],
  )
  // The drivers report reads the per-driver table: two UTC days of one vehicle.
  await h.fleet.ch.insert(
    "daily_mileage_driver",
    ["org_id", "driver_id", "vehicle_id", "day", "metres", "version", "time_zone"],
    [
      [orgId, driverId, v.upgraded, "2025-03-02", 10_000, 1, "UTC"],
      [orgId, driverId, v.upgraded, "2025-03-03", 10_000, 1, "UTC"],
      [orgId, driverId, v.upgraded, "2025-03-04", 10_000, 1, TZ],
    ],
  )
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("vehicle-days on another zone's days", () => {
  it("are counted on every report that reads daily distance, with their zones and days", async () => {
    for (const report of DISTANCE_REPORTS) {
      const t = await get(`/api/v1/reports/${report}?${MARCH}`)
      expect(t.timezone, report).toBe(TZ)
      expect(t.otherZoneDays, report).toEqual(
        report === "drivers"
          ? { vehicleDays: 2, vehicles: 1, zones: ["UTC"], from: "2025-03-02", to: "2025-03-03" }
          : {
              vehicleDays: 4,
              vehicles: 2,
              zones: ["Europe/Istanbul", "UTC"],
              from: "2025-03-01",
              to: "2025-03-10",
            },
      )
    }
  })

  it("count only the vehicles and days asked for", async () => {
    const upgraded = await get(`/api/v1/reports/mileage?${MARCH}&vehicleId=${v.upgraded}`)
    expect(upgraded.otherZoneDays).toEqual({
      vehicleDays: 3,
      vehicles: 1,
      zones: ["UTC"],
      from: "2025-03-01",
      to: "2025-03-03",
    })
    const local = await get(`/api/v1/reports/mileage?${MARCH}&vehicleId=${v.local}`)
    expect(local).not.toHaveProperty("otherZoneDays")
    const later = await get(`/api/v1/reports/tco?period=custom&from=2025-03-04&to=2025-03-09`)
    expect(later).not.toHaveProperty("otherZoneDays")
  })

  it("are not reported where no daily distance is read", async () => {
    for (const report of ["expenses", "maintenance", "trips"]) {
      expect(await get(`/api/v1/reports/${report}?${MARCH}`), report).not.toHaveProperty("otherZoneDays")
    }
  })

  it("are named in the exported file with the replay to run, in the reader's language", async () => {
    const notes = async (locale: string) => {
      // The profile's language, carried by the session from its sign-in.
      await h.fleet.db.system.query("UPDATE users SET locale = $2 WHERE email = $1", [adminEmail, locale])
      const reader = await login(h.fleet, adminEmail, PASSWORD)
      const r = await fetch(`${h.fleet.httpUrl}/api/v1/reports/mileage/export?format=xlsx&${MARCH}`, {
        headers: { authorization: `Bearer ${reader.token}` },
      })
      expect(r.status).toBe(200)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ArrayBuffer)
      const texts: Array<string> = []
      book.worksheets[0]?.eachRow((row) => texts.push(String(row.getCell(1).value ?? "")))
      return texts
    }
    const command = "npm run fleetcore -- vehicles replay --id VEHICLE_ID --from 2025-03-01 --to 2025-03-10"
    const en = (await notes("en")).find((t) => t.includes("vehicle-days"))
    expect(en).toBe(
      `4 vehicle-days of 2 vehicles (03/01/2025 – 03/10/2025) keep their distance on the days of Europe/Istanbul, UTC, not of ${TZ}, and may sit on the day before or after; an administrator rewrites them by replaying each vehicle over those days: ${command}`,
    )
    const ru = (await notes("ru")).find((t) => t.startsWith("Дней ТС в другом часовом поясе"))
    expect(ru).toBe(
      `Дней ТС в другом часовом поясе: 4 (машин: 2, 01.03.2025 – 10.03.2025) — их пробег записан по суткам Europe/Istanbul, UTC, а не ${TZ}, и может оказаться на соседнем дне; администратор пересчитывает их, повторив расчёт по каждой машине за эти дни: ${command}`,
    )
  })
})
