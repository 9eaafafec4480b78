import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

/** CSV imports of vehicles, drivers and readings, and the bulk entry of readings. */
let h: Harness
let admin: ApiClient
let adminB: ApiClient

interface RowReport {
  row: number
  status: "created" | "updated" | "refused"
  id: string | null
  field: string | null
  code: string | null
  message: string | null
}
interface Report {
  kind: string
  dryRun: boolean
  created: number
  updated: number
  refused: number
  rows: Array<RowReport>
}

const csv = async (
  client: ApiClient,
  kind: string,
  body: string | Uint8Array,
  options: { dryRun?: boolean; type?: string; language?: string } = {},
): Promise<{ status: number; body: Report & { error?: { code: string; message: string } } }> => {
  const res = await fetch(
    `${h.fleet.httpUrl}/api/v1/imports/${kind}${options.dryRun ? "?dryRun=true" : ""}`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${client.token}`,
        "content-type": options.type ?? "text/csv",
        ...(options.language ? { "accept-language": options.language } : {}),
      },
      body,
    },
  )
  return {
    status: res.status,
    body: (await res.json()) as Report & { error?: { code: string; message: string } },
  }
}

const vehicleByPlate = async (client: ApiClient, plate: string) => {
  const list = await client.call<{
    items: Array<{ id: string; plate: string | null; brand: string | null }>
  }>("GET", `/api/v1/vehicles?q=${encodeURIComponent(plate)}`)
  return list.body.items.find((v) => v.plate === plate)
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const b = await createOrg(h.fleet, "imp-b", "imports-b-password")
  // B's admin reads Russian: refused rows are answered in the user's own language.
  await h.fleet.db.system.query("UPDATE users SET locale = 'ru' WHERE email = $1", [b.email])
  adminB = await login(h.fleet, b.email, "imports-b-password")
})
afterAll(async () => h?.close())

describe("templates", () => {
  it("a downloaded template imports back as it is (dry run: every row passes, nothing stored)", async () => {
    for (const kind of ["vehicles", "drivers"]) {
      const res = await fetch(`${h.fleet.httpUrl}/api/v1/imports/${kind}/template`, {
        headers: { authorization: `Bearer ${admin.token}` },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("text/csv")
      const template = await res.text()
      const checked = await csv(admin, kind, template, { dryRun: true })
      expect(checked.status, JSON.stringify(checked.body)).toBe(200)
      expect(checked.body, JSON.stringify(checked.body.rows)).toMatchObject({
        dryRun: true,
        created: 1,
        refused: 0,
      })
      expect(checked.body.rows[0]).toMatchObject({ row: 2, status: "created", id: null })
    }
    expect(await vehicleByPlate(admin, "123 ABC 02")).toBeUndefined()
  })
})

describe("vehicle import", () => {
  it("reads a BOM and `;`, stores the good rows, reports the bad ones by row with code and field", async () => {
    const file =
      "\uFEFFplate;name;brand;year;engineVolumeL\r\n" +
      "IMP 001;Camry one;Toyota;2021;2,5\r\n" +
      "IMP 002;;Toyota;2020;\r\n" + // no name: the create schema refuses it
      "\r\n" + // a blank line keeps its number
      "IMP 003;Lada;Lada;1850;\r\n" + // year out of range
      "IMP 004;Nexia;Ravon;2019;1,5\r\n"
    const r = await csv(admin, "vehicles", file)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ dryRun: false, created: 2, updated: 0, refused: 2 })
    expect(r.body.rows.map((x) => [x.row, x.status, x.field, x.code])).toEqual([
      [2, "created", null, null],
      [3, "refused", "name", "FLEET_VEHICLE_INVALID"],
      [5, "refused", "year", "FLEET_VEHICLE_INVALID"],
      [6, "created", null, null],
    ])
    expect(await vehicleByPlate(admin, "IMP 001")).toMatchObject({ brand: "Toyota" })
    expect(await vehicleByPlate(admin, "IMP 002")).toBeUndefined()
    const one = await admin.call<{ engineVolumeL: number }>("GET", `/api/v1/vehicles/${r.body.rows[0]?.id}`)
    expect(one.body.engineVolumeL).toBe(2.5)
  })

  it("updates a vehicle matched by its plate", async () => {
    const r = await csv(admin, "vehicles", "plate,brand,year\nimp  001,Lexus,2022\nIMP 004,Ravon,abc\n")
    expect(r.body).toMatchObject({ created: 0, updated: 1, refused: 1 })
    expect(await vehicleByPlate(admin, "IMP 001")).toMatchObject({ brand: "Lexus" })
    expect(r.body.rows[1]).toMatchObject({
      row: 3,
      status: "refused",
      field: "year",
      code: "FLEET_VEHICLE_INVALID",
    })
  })

  it("changes a matched vehicle's status as the status step does: a decommissioned one loses its driver", async () => {
    const v = await vehicleByPlate(admin, "IMP 004")
    const driver = await admin.call<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Import Driver" })
    const assigned = await admin.call("POST", `/api/v1/vehicles/${v?.id}/assignments`, {
      driverId: driver.body.id,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    })
    expect(assigned.status).toBe(201)
    const r = await csv(admin, "vehicles", "plate,status\nIMP 004,decommissioned\nIMP 001,scrapped\n")
    expect(r.body).toMatchObject({ created: 0, updated: 1, refused: 1 })
    expect(r.body.rows[1]).toMatchObject({
      row: 3,
      status: "refused",
      field: "status",
      code: "FLEET_VEHICLE_INVALID",
    })
    const after = await admin.call<{ status: string; statusChangedOn: string; assignedDriver: unknown }>(
      "GET",
      `/api/v1/vehicles/${v?.id}`,
    )
    // Dated the organisation's today, as the status step dates it.
    const { timezone } = (await admin.call<{ timezone: string }>("GET", "/api/v1/settings")).body
    expect(after.body).toMatchObject({
      status: "decommissioned",
      statusChangedOn: new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(new Date()),
      assignedDriver: null,
    })
    const log = await admin.call<{ items: Array<{ entityId: string; details: unknown }> }>(
      "GET",
      "/api/v1/audit?action=vehicle.decommission",
    )
    expect(log.body.items.find((e) => e.entityId === v?.id)?.details).toEqual({
      import: true,
      endedAssignments: 1,
    })
    // The same status again changes nothing.
    const again = await csv(admin, "vehicles", "plate,status\nIMP 004,decommissioned\n")
    expect(again.body).toMatchObject({ updated: 1, refused: 0 })
    const entries = await admin.call<{ items: Array<{ entityId: string }> }>(
      "GET",
      "/api/v1/audit?action=vehicle.decommission",
    )
    expect(entries.body.items.filter((e) => e.entityId === v?.id)).toHaveLength(1)
  })

  it("answers a refused row in the caller's language", async () => {
    const r = await csv(adminB, "vehicles", "plate,name,year\nRU 001,Ru,abc\n", { dryRun: true })
    const refused = r.body.rows[0] as RowReport
    expect(refused).toMatchObject({ row: 2, status: "refused", field: "year", code: "FLEET_VEHICLE_INVALID" })
    // The column as the file's header names it, and the schema's explanation, both in Russian.
    expect(refused.message).toBe("Столбец «year»: ожидается число или пустое значение")
  })

  it("a dry run checks everything (unique VINs too, across rows) and stores nothing", async () => {
    const file = "plate,name,vin\nDRY 001,Dry one,JTDKB20U093123456\nDRY 002,Dry two,JTDKB20U093123456\n"
    const r = await csv(admin, "vehicles", file, { dryRun: true })
    expect(r.body, JSON.stringify(r.body.rows)).toMatchObject({ dryRun: true, created: 1, refused: 1 })
    expect(r.body.rows[1]).toMatchObject({ row: 3, code: "FLEET_VEHICLE_VIN_REGISTERED", field: "vin" })
    expect(await vehicleByPlate(admin, "DRY 001")).toBeUndefined()
  })

  it("never matches another organisation's plate: the same plate creates a vehicle of the caller's own", async () => {
    const r = await csv(adminB, "vehicles", "plate,name,brand\nIMP 001,B's own,Kia\n")
    expect(r.body).toMatchObject({ created: 1, updated: 0 })
    expect(await vehicleByPlate(admin, "IMP 001")).toMatchObject({ brand: "Lexus" })
    expect(await vehicleByPlate(adminB, "IMP 001")).toMatchObject({ brand: "Kia" })
  })
})

describe("driver import", () => {
  it("creates, then updates by employee id; a bad category is refused by the create schema", async () => {
    const first = await csv(
      admin,
      "drivers",
      "employeeId,fullName,licenceCategories\nDRV-1,Askar Bekov,B C\nDRV-2,Dana Ospan,B Z\n",
    )
    expect(first.body).toMatchObject({ created: 1, refused: 1 })
    expect(first.body.rows[1]).toMatchObject({ row: 3, code: "FLEET_DRIVER_INVALID" })
    const second = await csv(admin, "drivers", "employeeId;department\nDRV-1;Astana\n")
    expect(second.body).toMatchObject({ created: 0, updated: 1 })
    const driver = await admin.call<{ department: string; licenceCategories: string[] }>(
      "GET",
      `/api/v1/drivers/${first.body.rows[0]?.id}`,
    )
    expect(driver.body).toMatchObject({ department: "Astana", licenceCategories: ["B", "C"] })
  })
})

describe("refused files", () => {
  it("answers 413 above 5 MB, 415 for a body that is not text/csv, 400 for bytes that are not UTF-8 or an unknown column", async () => {
    const big = `plate,name\n${"X".repeat(5 * 1024 * 1024)}\n`
    expect((await csv(admin, "vehicles", big)).status).toBe(413)
    const json = await csv(admin, "vehicles", '{"plate":"A"}', { type: "application/json" })
    expect([json.status, json.body.error?.code]).toEqual([415, "FLEET_IMPORT_MEDIA_TYPE"])
    const binary = await csv(admin, "vehicles", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]))
    expect([binary.status, binary.body.error?.code]).toEqual([400, "FLEET_IMPORT_CSV_INVALID"])
    const unknown = await csv(admin, "vehicles", "plate,colourz\nA 1,red\n")
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, "FLEET_IMPORT_CSV_INVALID"])
    const many = `plate,name\n${Array.from({ length: 10_001 }, (_, i) => `M ${i},m`).join("\n")}\n`
    const tooMany = await csv(admin, "vehicles", many, { dryRun: true })
    expect([tooMany.status, tooMany.body.error?.code]).toEqual([413, "FLEET_IMPORT_TOO_MANY_ROWS"])
  })
})

describe("readings", () => {
  let vehicleA = ""
  let vehicleB = ""
  let driver: ApiClient

  beforeAll(async () => {
    vehicleA = (await provision(admin, "imp-a-1", "RDG 001")).vehicleId
    vehicleB = (await provision(admin, "imp-b-1", "RDG 002")).vehicleId
    const org = await demoOrgId(h.fleet)
    const driverId = (
      await h.fleet.db.system.query<{ id: string }>(
        `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'imp.driver@demo.example', 'Imp Driver', $2, 'driver') RETURNING id, org_id, name)
         INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
        [org, await hashSecret("imports-driver-password")],
      )
    ).rows[0]?.id as string
    const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleA}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    expect(assigned.status).toBe(201)
    driver = await login(h.fleet, "imp.driver@demo.example", "imports-driver-password")
  })

  it("imports readings by plate with the single reading's rule: a decrease and an unknown plate are refused", async () => {
    await csv(adminB, "vehicles", "plate,name\nRDG 009,B only\n")
    const file =
      "plate;valueKm;at\n" +
      "RDG 001;1000;2026-11-01T08:00:00Z\n" +
      "RDG 001;900;2026-11-02T08:00:00Z\n" + // below the previous one
      "RDG 009;50;2026-11-02T08:00:00Z\n" + // organisation B's plate names nothing here
      "RDG 002;2000,5;2026-11-02T08:00:00Z\n"
    const r = await csv(admin, "odometer-readings", file)
    expect(r.body.rows.map((x) => [x.row, x.status, x.code])).toEqual([
      [2, "created", null],
      [3, "refused", "FLEET_ODOMETER_READING_DECREASES"],
      [4, "refused", "FLEET_VEHICLE_NOT_FOUND"],
      [5, "created", null],
    ])
    const readings = await admin.call<{ items: Array<{ valueKm: number }> }>(
      "GET",
      `/api/v1/vehicles/${vehicleA}/odometer-readings`,
    )
    expect(readings.body.items.map((x) => x.valueKm)).toEqual([1000])
  })

  it("bulk entry answers row by row: stored rows stay, a decrease and a driver's other vehicle are refused", async () => {
    const rows = [
      { vehicleId: vehicleA, valueKm: 1100, at: "2026-11-03T08:00:00Z" },
      { vehicleId: vehicleA, valueKm: 1050, at: "2026-11-04T08:00:00Z" },
      { vehicleId: vehicleB, valueKm: 2100, at: "2026-11-03T08:00:00Z" },
    ]
    const byAdmin = await admin.call<{
      accepted: number
      refused: number
      results: Array<{ index: number; status: string; code: string | null; field: string | null }>
    }>("POST", "/api/v1/odometer-readings/bulk", { rows })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body).toMatchObject({ accepted: 2, refused: 1 })
    expect(byAdmin.body.results.map((x) => [x.index, x.status, x.code, x.field])).toEqual([
      [0, "accepted", null, null],
      [1, "refused", "FLEET_ODOMETER_READING_DECREASES", "valueKm"],
      [2, "accepted", null, null],
    ])
    const byDriver = await driver.call<{ results: Array<{ status: string; code: string | null }> }>(
      "POST",
      "/api/v1/odometer-readings/bulk",
      {
        rows: [
          { vehicleId: vehicleA, valueKm: 1200, at: "2026-11-05T08:00:00Z" },
          { vehicleId: vehicleB, valueKm: 2200, at: "2026-11-05T08:00:00Z" },
        ],
      },
    )
    expect(byDriver.body.results.map((x) => [x.status, x.code])).toEqual([
      ["accepted", null],
      ["refused", "FLEET_VEHICLE_NOT_FOUND"],
    ])
    const onB = await admin.call<{ items: Array<{ valueKm: number }> }>(
      "GET",
      `/api/v1/vehicles/${vehicleB}/odometer-readings`,
    )
    expect(onB.body.items.map((x) => x.valueKm)).toEqual([2100, 2000.5])
  })

  it("one audit entry per import, with the counts", async () => {
    const audit = await admin.call<{
      items: Array<{ action: string; details: Record<string, number> | null }>
    }>("GET", "/api/v1/audit?action=import.odometer-readings")
    const entries = audit.body.items.filter((x) => x.action === "import.odometer-readings")
    expect(entries).toHaveLength(1)
    expect(entries[0]?.details).toMatchObject({ created: 2, refused: 2 })
  })
})
