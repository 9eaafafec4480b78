import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * The vehicle record (seed 000 §2, seed 003 steps 1.2, 2.2, 2.4 and phase 5): fields, VIN and plate
 * rules, edit / status / delete rules, universal vehicle types, ownership history, rental summary.
 */
let h: Harness
let owner: ApiClient
let admin: ApiClient
let adminB: ApiClient
let viewer: ApiClient
let manager: ApiClient

interface Vehicle {
  id: string
  plate: string | null
  vin: string | null
  status: string
  statusChangedOn: string | null
  rental: boolean
  rentalExpiring: boolean
  devices: Array<{ id: string }>
  vehicleType: { id: string; name: string } | null
  [key: string]: unknown
}
interface ErrorBody {
  error: { code: string; field?: string; message: string }
}
interface VehicleType {
  id: string
  name: string
  universal: boolean
  vehicles: number
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const b = await createOrg(h.fleet, "veh-b", DEMO_PASSWORD)
  adminB = await login(h.fleet, b.email, DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@veh.example", DEMO_PASSWORD)
  owner = await login(h.fleet, "owner@veh.example", DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "viewer", "viewer@veh.example", DEMO_PASSWORD)
  viewer = await login(h.fleet, "viewer@veh.example", DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "manager", "manager@veh.example", DEMO_PASSWORD)
  manager = await login(h.fleet, "manager@veh.example", DEMO_PASSWORD)
})
afterAll(async () => h?.close())

describe("vehicle types", () => {
  let civic = ""
  let ownA = ""

  it("lets the owner add universal types every organisation reads (seed 003 step 1.2)", async () => {
    const r = await owner.call<VehicleType>("POST", "/api/v1/vehicle-types", {
      name: "Honda Civic",
      brand: "Honda",
      model: "Civic",
      ratedConsumptionL100km: 6.5,
      tankCapacityL: 50,
      fuelType: "gasoline",
      universal: true,
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      name: "Honda Civic",
      universal: true,
      tankCapacityL: 50,
      ratedConsumptionL100km: 6.5,
    })
    civic = r.body.id
    const inB = await adminB.call<{ items: VehicleType[] }>("GET", "/api/v1/vehicle-types?scope=universal")
    expect(inB.body.items.map((t) => t.name)).toContain("Honda Civic")
  })

  it("refuses a universal type from an admin, and org B cannot edit or delete one", async () => {
    const made = await admin.call<ErrorBody>("POST", "/api/v1/vehicle-types", {
      name: "Sneaky",
      universal: true,
    })
    expect(made.status).toBe(403)
    expect(made.body.error.code).toBe("FLEET_VEHICLE_TYPE_UNIVERSAL")
    const edit = await adminB.call<ErrorBody>("PATCH", `/api/v1/vehicle-types/${civic}`, { name: "Mine now" })
    expect(edit.status).toBe(403)
    expect(edit.body.error.code).toBe("FLEET_VEHICLE_TYPE_UNIVERSAL")
    const del = await adminB.call<ErrorBody>("DELETE", `/api/v1/vehicle-types/${civic}`)
    expect(del.status).toBe(403)
    const still = await owner.call<VehicleType>("GET", `/api/v1/vehicle-types/${civic}`)
    expect(still.body.name).toBe("Honda Civic")
  })

  it("keeps an organisation's own types to itself", async () => {
    const r = await admin.call<VehicleType>("POST", "/api/v1/vehicle-types", {
      name: "Alpha shuttle",
      brand: "Ford",
    })
    expect(r.status).toBe(201)
    expect(r.body.universal).toBe(false)
    ownA = r.body.id
    const dup = await admin.call<ErrorBody>("POST", "/api/v1/vehicle-types", { name: "Alpha shuttle" })
    expect(dup.status).toBe(409)
    expect(dup.body.error.code).toBe("FLEET_VEHICLE_TYPE_EXISTS")
    const own = await admin.call<{ items: VehicleType[] }>("GET", "/api/v1/vehicle-types?scope=own&q=shuttle")
    expect(own.body.items.map((t) => t.id)).toEqual([ownA])
    const listB = await adminB.call<{ items: VehicleType[] }>("GET", "/api/v1/vehicle-types")
    expect(listB.body.items.map((t) => t.id)).not.toContain(ownA)
    expect((await adminB.call("GET", `/api/v1/vehicle-types/${ownA}`)).status).toBe(404)
    expect((await adminB.call("PATCH", `/api/v1/vehicle-types/${ownA}`, { name: "x" })).status).toBe(404)
    expect((await adminB.call("DELETE", `/api/v1/vehicle-types/${ownA}`)).status).toBe(404)
    const renamed = await admin.call<VehicleType>("PATCH", `/api/v1/vehicle-types/${ownA}`, {
      speedLimitKmh: 90,
    })
    expect(renamed.body).toMatchObject({ name: "Alpha shuttle", speedLimitKmh: 90 })
  })

  it("refuses to delete a type vehicles use, and deletes it once unused", async () => {
    const v = await adminB.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "B civic",
      vehicleTypeId: civic,
    })
    expect(v.status).toBe(201)
    const refused = await owner.call<ErrorBody>("DELETE", `/api/v1/vehicle-types/${civic}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe("FLEET_VEHICLE_TYPE_IN_USE")
    const a = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "A shuttle",
      vehicleTypeId: ownA,
    })
    expect((await admin.call("DELETE", `/api/v1/vehicle-types/${ownA}`)).status).toBe(409)
    expect((await admin.call("PATCH", `/api/v1/vehicles/${a.body.id}`, { vehicleTypeId: null })).status).toBe(
      200,
    )
    expect((await admin.call("DELETE", `/api/v1/vehicle-types/${ownA}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/vehicle-types/${ownA}`)).status).toBe(404)
  })
})

describe("vehicles", () => {
  it("stores every seed 000 field, normalising the plate and the VIN", async () => {
    const r = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Civic Work Car 1",
      plate: " 123  abc 02 ",
      vin: "1hgbh41jxmn109186",
      brand: "Honda",
      model: "Civic",
      year: 2020,
      colour: "white",
      bodyType: "sedan",
      fuelType: "gasoline",
      engineVolumeL: 1.8,
      transmission: "cvt",
      seats: 5,
      purchaseDate: "2020-03-01",
      purchasePrice: "15000.00",
      purchaseCurrency: "EUR",
      department: "Sales",
      notes: "Pool car",
      status: "active",
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      plate: "123 ABC 02",
      vin: "1HGBH41JXMN109186",
      brand: "Honda",
      year: 2020,
      bodyType: "sedan",
      engineVolumeL: 1.8,
      transmission: "cvt",
      seats: 5,
      purchaseDate: "2020-03-01",
      purchasePrice: "15000.00",
      purchaseCurrency: "EUR",
      status: "active",
      rental: false,
      rentalExpiring: false,
      assignedDriver: null,
      devices: [],
    })
    const found = await admin.call<{ items: Vehicle[] }>(
      "GET",
      "/api/v1/vehicles?q=civic&department=Sales&fuelType=gasoline",
    )
    expect(found.body.items.map((v) => v.id)).toContain(r.body.id)
  })

  it("refuses a wrong check digit on a North-American VIN and accepts a European one", async () => {
    const bad = await admin.call<ErrorBody>("POST", "/api/v1/vehicles", {
      name: "Typo",
      vin: "1HGBH41JXMN109999",
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: "FLEET_VEHICLE_INVALID", field: "vin" })
    expect(bad.body.error.message).toMatch(/should be 7/u)
    const letterO = await admin.call<ErrorBody>("POST", "/api/v1/vehicles", {
      name: "O",
      vin: "WD3PE7CC7B55000O1",
    })
    expect(letterO.status).toBe(400)
    const eu = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Sprinter",
      vin: "WD3PE7CC7B5500001",
    })
    expect(eu.status).toBe(201)
  })

  it("keeps plates unique per organisation and VINs unique across the installation", async () => {
    const dupPlate = await admin.call<ErrorBody>("POST", "/api/v1/vehicles", {
      name: "Twin",
      plate: "123 abc 02",
    })
    expect(dupPlate.status).toBe(409)
    expect(dupPlate.body.error).toMatchObject({ code: "FLEET_VEHICLE_EXISTS", field: "plate" })
    const samePlateInB = await adminB.call("POST", "/api/v1/vehicles", {
      name: "B twin",
      plate: "123 ABC 02",
    })
    expect(samePlateInB.status).toBe(201)
    const vinInB = await adminB.call<ErrorBody>("POST", "/api/v1/vehicles", {
      name: "B",
      vin: "1HGBH41JXMN109186",
    })
    expect(vinInB.status).toBe(409)
    expect(vinInB.body.error).toMatchObject({ code: "FLEET_VEHICLE_VIN_REGISTERED", field: "vin" })
    expect(vinInB.body.error.message).not.toMatch(/demo|organisation/iu)
  })

  it("edits only the fields sent, checks rules between fields, and audits old and new values", async () => {
    const v = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Editable",
      plate: "500 EDT 02",
      year: 2019,
    })
    const noCurrency = await admin.call<ErrorBody>("PATCH", `/api/v1/vehicles/${v.body.id}`, {
      purchasePrice: "100.00",
    })
    expect(noCurrency.status).toBe(400)
    expect(noCurrency.body.error.field).toBe("purchaseCurrency")
    const r = await admin.call<Vehicle>("PATCH", `/api/v1/vehicles/${v.body.id}`, {
      year: 2021,
      colour: "red",
      plate: "500 edt 03",
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: "Editable", year: 2021, colour: "red", plate: "500 EDT 03" })
    const viewerEdit = await viewer.call<ErrorBody>("PATCH", `/api/v1/vehicles/${v.body.id}`, { year: 2000 })
    expect(viewerEdit.status).toBe(403)
    expect((await adminB.call("PATCH", `/api/v1/vehicles/${v.body.id}`, { year: 2000 })).status).toBe(404)
    const log = await admin.call<{
      items: Array<{ action: string; oldValues: unknown; newValues: unknown }>
    }>("GET", "/api/v1/audit?entity=vehicle&action=vehicle.update")
    const entry = log.body.items[0]
    expect(entry?.oldValues).toEqual({ year: 2019, colour: null, plate: "500 EDT 02" })
    expect(entry?.newValues).toEqual({ year: 2021, colour: "red", plate: "500 edt 03" })
  })

  it("changes status with its date; decommissioning keeps the vehicle and its records", async () => {
    const v = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Old truck",
      plate: "900 OLD 02",
    })
    await admin.call("POST", `/api/v1/vehicles/${v.body.id}/odometer-readings`, { valueKm: 250_000 })
    const r = await admin.call<Vehicle>("POST", `/api/v1/vehicles/${v.body.id}/status`, {
      status: "decommissioned",
      on: "2026-11-30",
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      status: "decommissioned",
      statusChangedOn: "2026-11-30",
      odometerKm: 250_000,
    })
    const readings = await admin.call<{ total: number }>(
      "GET",
      `/api/v1/vehicles/${v.body.id}/odometer-readings`,
    )
    expect(readings.body.total).toBe(1)
    const listed = await admin.call<{ items: Vehicle[] }>("GET", "/api/v1/vehicles?status=decommissioned")
    expect(listed.body.items.map((x) => x.id)).toContain(v.body.id)
    const log = await admin.call<{ items: Array<{ entityId: string }> }>(
      "GET",
      "/api/v1/audit?action=vehicle.decommission",
    )
    expect(log.body.items.map((e) => e.entityId)).toContain(v.body.id)
  })

  it("decommissioning ends the vehicle's assignments, and a decommissioned vehicle takes no driver", async () => {
    const v = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Retiring van",
      plate: "901 OLD 02",
    })
    const driver = await admin.call<{ id: string }>("POST", "/api/v1/drivers", {
      fullName: "Retiring Driver",
    })
    const assign = (startsAt: number, endsAt: number | null) =>
      admin.call<ErrorBody & { id: string }>("POST", `/api/v1/vehicles/${v.body.id}/assignments`, {
        driverId: driver.body.id,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: endsAt === null ? null : new Date(endsAt).toISOString(),
      })
    const current = await assign(Date.now() - 86_400_000, Date.now() + 5 * 86_400_000)
    expect(current.status).toBe(201)
    const planned = await assign(Date.now() + 10 * 86_400_000, Date.now() + 20 * 86_400_000)
    expect(planned.status).toBe(201)
    const before = Date.now()
    const r = await admin.call<Vehicle>("POST", `/api/v1/vehicles/${v.body.id}/status`, {
      status: "decommissioned",
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: "decommissioned", assignedDriver: null })
    // Who drove it until now stays; the planned period is gone.
    const periods = await admin.call<{ items: Array<{ id: string; endsAt: string | null }> }>(
      "GET",
      `/api/v1/vehicles/${v.body.id}/assignments`,
    )
    expect(periods.body.items.map((a) => a.id)).toEqual([current.body.id])
    const endedAt = Date.parse(periods.body.items[0]?.endsAt ?? "")
    expect(endedAt).toBeGreaterThanOrEqual(before - 1000)
    expect(endedAt).toBeLessThanOrEqual(Date.now())
    const detail = await admin.call<{ currentVehicles: unknown[] }>(
      "GET",
      `/api/v1/drivers/${driver.body.id}`,
    )
    expect(detail.body.currentVehicles).toEqual([])
    const log = await admin.call<{ items: Array<{ entityId: string; details: unknown }> }>(
      "GET",
      "/api/v1/audit?action=vehicle.decommission",
    )
    expect(log.body.items.find((e) => e.entityId === v.body.id)?.details).toEqual({ endedAssignments: 2 })
    const refused = await assign(Date.now(), null)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe("FLEET_VEHICLE_DECOMMISSIONED")
    // Back in service, it takes a driver again.
    await admin.call("POST", `/api/v1/vehicles/${v.body.id}/status`, { status: "active" })
    expect((await assign(Date.now(), null)).status).toBe(201)
  })

  it("lets a manager add and edit a vehicle but not delete it: an admin does (seed 003, role permissions)", async () => {
    const v = await manager.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Mistake",
      plate: "902 MIS 02",
    })
    expect(v.status).toBe(201)
    expect((await manager.call("PATCH", `/api/v1/vehicles/${v.body.id}`, { year: 2020 })).status).toBe(200)
    const refused = await manager.call<ErrorBody>("DELETE", `/api/v1/vehicles/${v.body.id}`)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe("FLEET_FORBIDDEN")
    expect((await admin.call("GET", `/api/v1/vehicles/${v.body.id}`)).status).toBe(200)
    expect((await admin.call("DELETE", `/api/v1/vehicles/${v.body.id}`)).status).toBe(204)
  })

  it("refuses to delete a vehicle with history and deletes one without, freeing its device", async () => {
    const used = await admin.call<Vehicle>("POST", "/api/v1/vehicles", { name: "Used", plate: "100 USE 02" })
    await admin.call("POST", `/api/v1/vehicles/${used.body.id}/odometer-readings`, { valueKm: 10 })
    const refused = await admin.call<ErrorBody>("DELETE", `/api/v1/vehicles/${used.body.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe("FLEET_VEHICLE_HAS_HISTORY")
    expect(refused.body.error.message).toMatch(/decommission/u)
    expect((await admin.call("GET", `/api/v1/vehicles/${used.body.id}`)).status).toBe(200)

    // A refuel is a fuel expense: history too.
    const fuelled = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Fuelled",
      plate: "103 USE 02",
    })
    await admin.call("POST", "/api/v1/expenses", {
      vehicleId: fuelled.body.id,
      category: "fuel",
      date: "2025-01-02",
      litres: 20,
    })
    const fuelRefused = await admin.call<ErrorBody>("DELETE", `/api/v1/vehicles/${fuelled.body.id}`)
    expect(fuelRefused.body.error?.code).toBe("FLEET_VEHICLE_HAS_HISTORY")

    const moved = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Has positions",
      plate: "101 USE 02",
    })
    await h.fleet.db.system.query(
      "INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon) VALUES ($1, $2, now(), 43.2, 76.9)",
      [moved.body.id, await demoOrgId(h.fleet)],
    )
    expect((await admin.call("DELETE", `/api/v1/vehicles/${moved.body.id}`)).status).toBe(409)

    // An expense, a contract, a fine or an assignment each keep a vehicle (and so their records).
    const records: ReadonlyArray<readonly [string, (vehicleId: string) => Promise<number>]> = [
      [
        "expense",
        async (vehicleId) =>
          (
            await admin.call("POST", "/api/v1/expenses", {
              vehicleId,
              category: "parking",
              amount: "15.00",
              currency: "EUR",
              date: "2026-01-11",
            })
          ).status,
      ],
      [
        "contract",
        async (vehicleId) =>
          (
            await admin.call("POST", "/api/v1/contracts", {
              vehicleId,
              type: "warranty",
              contractor: "Dealer",
              startDate: "2026-01-01",
              endDate: "2027-01-01",
              amount: "0.00",
              currency: "KZT",
              paymentFrequency: "one_time",
            })
          ).status,
      ],
      [
        "fine",
        async (vehicleId) =>
          (
            await admin.call("POST", "/api/v1/penalties", {
              vehicleId,
              amount: "50.00",
              currency: "EUR",
              offenceAt: "2026-01-05T10:00:00Z",
              reason: "Speeding",
            })
          ).status,
      ],
    ]
    for (const [what, record] of records) {
      const v = await admin.call<Vehicle>("POST", "/api/v1/vehicles", { name: `With ${what}`, plate: null })
      expect(await record(v.body.id), what).toBe(201)
      const answer = await admin.call<ErrorBody>("DELETE", `/api/v1/vehicles/${v.body.id}`)
      expect([answer.status, answer.body.error?.code], what).toEqual([409, "FLEET_VEHICLE_HAS_HISTORY"])
    }

    const fresh = await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Mistake",
      plate: "102 NEW 02",
    })
    const device = await admin.call("POST", "/api/v1/devices", {
      id: "veh-rec-dev-1",
      vehicleId: fresh.body.id,
    })
    expect(device.status).toBe(201)
    const withDevice = await admin.call<Vehicle>("GET", `/api/v1/vehicles/${fresh.body.id}`)
    expect(withDevice.body.devices.map((d) => d.id)).toEqual(["veh-rec-dev-1"])
    expect((await adminB.call("DELETE", `/api/v1/vehicles/${fresh.body.id}`)).status).toBe(404)
    expect((await admin.call("DELETE", `/api/v1/vehicles/${fresh.body.id}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/vehicles/${fresh.body.id}`)).status).toBe(404)
    const freed = await h.fleet.db.system.query<{ vehicle_id: string | null }>(
      "SELECT vehicle_id FROM devices WHERE id = 'veh-rec-dev-1'",
    )
    expect(freed.rows[0]?.vehicle_id).toBeNull()
  })
})

describe("the vehicles list", () => {
  it("pages, orders and filters by the vehicles' own fields, with one row per vehicle", async () => {
    const names = ["Zz list C", "Zz list A", "Zz list B"]
    const made: Vehicle[] = []
    for (const [i, name] of names.entries()) {
      made.push(
        (
          await admin.call<Vehicle>("POST", "/api/v1/vehicles", {
            name,
            plate: `${700 + i} ZZL 02`,
            year: 2010 + i,
          })
        ).body,
      )
    }
    const device = await admin.call("POST", "/api/v1/devices", {
      id: "zz-list-dev",
      name: "Zz",
      vehicleId: made[1]?.id,
    })
    expect(device.status).toBe(201)
    type Page = { items: Vehicle[]; total: number; page: number; pageSize: number }
    const first = await admin.call<Page>("GET", "/api/v1/vehicles?q=zz%20list&sort=-name&pageSize=2")
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    expect(first.body.items.map((v) => v.name)).toEqual(["Zz list C", "Zz list B"])
    const second = await admin.call<Page>("GET", "/api/v1/vehicles?q=zz%20list&sort=-name&pageSize=2&page=2")
    expect(second.body.items.map((v) => v.name)).toEqual(["Zz list A"])
    // The page's records carry their joins: the device of the one that has one.
    expect(second.body.items[0]?.devices.map((d) => d.id)).toEqual(["zz-list-dev"])
    const byYear = await admin.call<Page>("GET", "/api/v1/vehicles?q=ZZL&sort=year")
    expect(byYear.body.items.map((v) => v.name)).toEqual(["Zz list C", "Zz list A", "Zz list B"])
    const withDevice = await admin.call<Page>("GET", "/api/v1/vehicles?q=zz%20list&hasDevice=true")
    expect(withDevice.body.items.map((v) => v.name)).toEqual(["Zz list A"])
    expect(withDevice.body.total).toBe(1)
    const without = await admin.call<Page>("GET", "/api/v1/vehicles?q=zz%20list&hasDevice=false")
    expect(without.body.items.map((v) => v.name)).toEqual(["Zz list B", "Zz list C"])
    expect((await adminB.call<Page>("GET", "/api/v1/vehicles?q=zz%20list")).body.total).toBe(0)
  })
})

describe("the live snapshot", () => {
  it("carries the organisation's offline threshold, the one the engine's offline check uses", async () => {
    type Live = { items: Vehicle[]; offlineAfterMinutes: number }
    expect((await admin.call<Live>("GET", "/api/v1/live/vehicles")).body.offlineAfterMinutes).toBe(15)
    expect((await admin.call("PUT", "/api/v1/settings", { offlineAfterMinutes: 45 })).status).toBe(200)
    expect((await admin.call<Live>("GET", "/api/v1/live/vehicles")).body.offlineAfterMinutes).toBe(45)
    expect((await adminB.call<Live>("GET", "/api/v1/live/vehicles")).body.offlineAfterMinutes).toBe(15)
  })
})

describe("rentals", () => {
  it("flags a rental ending within 14 days and sums monthly costs per currency (seed 003: 1,200 EUR)", async () => {
    const soon = await adminB.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Rental Civic Fleet 1",
      plate: "B-RN-1111",
      status: "rented",
      rental: true,
      rentalStartsOn: day(-20),
      rentalEndsOn: day(10),
      rentalMonthlyCost: "450.00",
      rentalCurrency: "EUR",
      lessor: "Rent KZ",
    })
    expect(soon.status).toBe(201)
    expect(soon.body.rentalExpiring).toBe(true)
    const later = await adminB.call<Vehicle>("POST", "/api/v1/vehicles", {
      name: "Rental Sprinter 1",
      plate: "B-RN-2222",
      status: "rented",
      rental: true,
      rentalStartsOn: day(-30),
      rentalEndsOn: day(60),
      rentalMonthlyCost: "750.00",
      rentalCurrency: "EUR",
    })
    expect(later.body.rentalExpiring).toBe(false)
    const noCurrency = await adminB.call<ErrorBody>("POST", "/api/v1/vehicles", {
      name: "Bad rental",
      rental: true,
      rentalMonthlyCost: "1.00",
    })
    expect(noCurrency.body.error.field).toBe("rentalCurrency")
    const summary = await adminB.call("GET", "/api/v1/vehicle-rentals/summary")
    expect(summary.body).toEqual({
      vehicles: 2,
      expiring: 1,
      monthlyCost: [{ currency: "EUR", amount: "1200.00" }],
    })
    const inA = await admin.call<{ vehicles: number }>("GET", "/api/v1/vehicle-rentals/summary")
    expect(inA.body.vehicles).toBe(0)
    const rentals = await adminB.call<{ items: Vehicle[] }>("GET", "/api/v1/vehicles?rental=true")
    expect(rentals.body.items.map((v) => v.plate).sort()).toEqual(["B-RN-1111", "B-RN-2222"])
  })
})

describe("ownership history", () => {
  it("records periods that never overlap (seed 003 step 2.4)", async () => {
    const v = await admin.call<Vehicle>("POST", "/api/v1/vehicles", { name: "Owned", plate: "300 OWN 02" })
    const path = `/api/v1/vehicles/${v.body.id}/ownership-records`
    const first = await admin.call<{ id: string }>("POST", path, {
      ownerType: "company",
      ownerName: "Previous Owner LLC",
      from: "2020-01-01",
      to: "2024-12-31",
      purchasePrice: "15000",
      salePrice: "12000",
      currency: "EUR",
    })
    expect(first.status).toBe(201)
    const current = await admin.call<{ id: string; to: string | null }>("POST", path, {
      ownerType: "company",
      ownerName: "Test Company Alpha",
      from: "2025-01-01",
      purchasePrice: "12000",
      currency: "EUR",
    })
    expect(current.status).toBe(201)
    expect(current.body.to).toBeNull()
    const overlap = await admin.call<ErrorBody>("POST", path, {
      ownerType: "leasing",
      ownerName: "X",
      from: "2024-06-01",
      to: "2024-07-01",
    })
    expect(overlap.status).toBe(409)
    expect(overlap.body.error.code).toBe("FLEET_OWNERSHIP_OVERLAP")
    const noCurrency = await admin.call<ErrorBody>("POST", path, {
      ownerType: "other",
      ownerName: "Y",
      from: "2010-01-01",
      to: "2010-02-01",
      salePrice: "5",
    })
    expect(noCurrency.body.error).toMatchObject({ code: "FLEET_OWNERSHIP_INVALID", field: "currency" })
    const list = await admin.call<{ items: Array<{ ownerName: string; purchasePrice: string | null }> }>(
      "GET",
      path,
    )
    expect(list.body.items.map((r) => r.ownerName)).toEqual(["Previous Owner LLC", "Test Company Alpha"])
    expect(list.body.items[0]?.purchasePrice).toBe("15000.00")
    const stretched = await admin.call<ErrorBody>("PATCH", `/api/v1/ownership-records/${first.body.id}`, {
      to: "2025-02-01",
    })
    expect(stretched.status).toBe(409)
    const edited = await admin.call<{ notes: string }>(
      "PATCH",
      `/api/v1/ownership-records/${first.body.id}`,
      { notes: "bought used" },
    )
    expect(edited.body.notes).toBe("bought used")
    expect((await adminB.call("DELETE", `/api/v1/ownership-records/${first.body.id}`)).status).toBe(404)
    expect((await admin.call("DELETE", `/api/v1/ownership-records/${first.body.id}`)).status).toBe(204)
    const after = await admin.call<{ total: number }>("GET", path)
    expect(after.body.total).toBe(1)
  })
})
