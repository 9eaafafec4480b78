import { readdirSync } from "node:fs"
import { join } from "node:path"
import { hashSecret } from "@fleetcore/platform"
import { runner } from "node-pg-migrate"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  type Harness,
  login,
  ownerConnection,
  startHarness,
} from "./harness.js"

/** Driver records, their logins, assignments, fuel cards and teams (issue 8, seed 003 phase 3). */
let h: Harness
let admin: ApiClient

interface Driver {
  id: string
  fullName: string
  status: string
  employeeId: string | null
  team: { id: string; name: string } | null
  login: { userId: string; email: string } | null
  currentVehicles?: Array<{ vehicleId: string; assignmentId: string }>
}
interface Page<T> {
  items: T[]
  total: number
}
interface ErrorBody {
  error: { code: string; field?: string }
}

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString()

const newVehicle = async (plate: string): Promise<string> => {
  const v = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: `Car ${plate}`, plate })
  expect(v.status).toBe(201)
  return v.body.id
}

const newDriver = async (body: Record<string, unknown>): Promise<Driver> => {
  const d = await admin.call<Driver>("POST", "/api/v1/drivers", body)
  expect(d.status, JSON.stringify(d.body)).toBe(201)
  return d.body
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

describe("driver records", () => {
  it("are created, read, searched, filtered and edited, with their fields validated", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    const created = await newDriver({
      fullName: "Yerbol Sultanov",
      employeeId: "EMP-501",
      phone: "+7 701 123 4567",
      email: "Yerbol@Example.kz",
      licenceNumber: "KZ 1234567",
      licenceCategories: ["B", "C1E", "Tb"],
      licenceExpiresOn: soon,
      hiredOn: "2020-03-01",
      department: "Logistics",
    })
    expect(created).toMatchObject({ fullName: "Yerbol Sultanov", status: "active", login: null, team: null })
    expect((created as unknown as { email: string }).email).toBe("yerbol@example.kz")
    await newDriver({ fullName: "Madina Abenova", employeeId: "EMP-502", licenceExpiresOn: "2031-01-01" })

    const refused = async (body: Record<string, unknown>, field: string) => {
      const r = await admin.call<ErrorBody>("POST", "/api/v1/drivers", { fullName: "X", ...body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body.error.code).toBe("FLEET_DRIVER_INVALID")
      expect(r.body.error.field).toContain(field)
    }
    await refused({ licenceCategories: ["B", "Z"] }, "licenceCategories")
    await refused({ licenceCategories: ["B", "B"] }, "licenceCategories")
    await refused({ phone: "87011234567" }, "phone")
    await refused({ email: "not-an-email" }, "email")
    await refused({ licenceExpiresOn: "2026-02-30" }, "licenceExpiresOn")
    await refused({ hiredOn: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) }, "hiredOn")
    const twice = await admin.call<ErrorBody>("POST", "/api/v1/drivers", {
      fullName: "Y",
      employeeId: "EMP-501",
    })
    expect([twice.status, twice.body.error.code]).toEqual([409, "FLEET_DRIVER_EXISTS"])

    const found = await admin.call<Page<Driver>>("GET", "/api/v1/drivers?q=kz%201234")
    expect(found.body.items.map((d) => d.fullName)).toEqual(["Yerbol Sultanov"])
    const byPhone = await admin.call<Page<Driver>>("GET", "/api/v1/drivers?q=701%20123")
    expect(byPhone.body.items.map((d) => d.id)).toEqual([created.id])
    const expiring = await admin.call<Page<Driver>>("GET", "/api/v1/drivers?licenceExpiringWithinDays=30")
    expect(expiring.body.items.map((d) => d.id)).toContain(created.id)
    expect(expiring.body.items.map((d) => d.fullName)).not.toContain("Madina Abenova")
    const logistics = await admin.call<Page<Driver>>("GET", "/api/v1/drivers?department=logistics")
    expect(logistics.body.items.map((d) => d.id)).toContain(created.id)
    const sorted = await admin.call<Page<Driver>>("GET", "/api/v1/drivers?sort=-employeeId&q=EMP-50")
    expect(sorted.body.items.map((d) => d.employeeId)).toEqual(["EMP-502", "EMP-501"])

    const edited = await admin.call<Driver>("PATCH", `/api/v1/drivers/${created.id}`, {
      department: "Long haul",
      licenceCategories: ["B", "C"],
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ department: "Long haul", licenceCategories: ["B", "C"] })
    const audit = await admin.call<Page<{ action: string; newValues: Record<string, unknown> }>>(
      "GET",
      `/api/v1/audit?entity=driver&action=driver.update`,
    )
    expect(audit.body.items[0]?.newValues).toEqual({ department: "Long haul", licenceCategories: ["B", "C"] })
  })

  it("give a driver a login that reads only their own record and sees their assigned vehicle", async () => {
    const driver = await newDriver({ fullName: "Nurlan Ospanov" })
    const other = await newDriver({ fullName: "Other Driver" })
    const created = await admin.call<{ user: { id: string }; passwordLink: { url: string } }>(
      "POST",
      "/api/v1/users",
      { email: "nurlan@drivers.example", name: "Nurlan Ospanov", role: "driver", driverId: driver.id },
    )
    expect(created.status).toBe(201)
    expect(created.body.passwordLink.url).toContain("token=")
    const again = await admin.call<ErrorBody>("POST", "/api/v1/users", {
      email: "nurlan2@drivers.example",
      name: "Nurlan",
      role: "driver",
      driverId: driver.id,
    })
    expect([again.status, again.body.error.code]).toEqual([409, "FLEET_DRIVER_HAS_LOGIN"])
    const read = await admin.call<Driver>("GET", `/api/v1/drivers/${driver.id}`)
    expect(read.body.login).toEqual({ userId: created.body.user.id, email: "nurlan@drivers.example" })

    const vehicleId = await newVehicle("DRV 101")
    const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId: driver.id,
      startsAt: hourAgo(),
    })
    expect(assigned.status).toBe(201)

    await h.fleet.db.system.query("UPDATE users SET password_hash = $2 WHERE id = $1", [
      created.body.user.id,
      await hashSecret("nurlan-password-1"),
    ])
    const me = await login(h.fleet, "nurlan@drivers.example", "nurlan-password-1")
    const own = await me.call<Page<Driver>>("GET", "/api/v1/drivers")
    expect(own.body.items.map((d) => d.id)).toEqual([driver.id])
    const mine = await me.call<Driver>("GET", `/api/v1/drivers/${driver.id}`)
    expect(mine.body.currentVehicles?.map((v) => v.vehicleId)).toEqual([vehicleId])
    const theirs = await me.call<ErrorBody>("GET", `/api/v1/drivers/${other.id}`)
    expect([theirs.status, theirs.body.error.code]).toEqual([404, "FLEET_DRIVER_NOT_FOUND"])
    const history = await me.call<ErrorBody>("GET", `/api/v1/drivers/${other.id}/assignments`)
    expect(history.status).toBe(404)
    const vehicles = await me.call<Page<{ id: string }>>("GET", "/api/v1/vehicles")
    expect(vehicles.body.items.map((v) => v.id)).toEqual([vehicleId])

    // Teams: only their own, whose drivers they see only as far as they see drivers (themselves).
    const ownTeam = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Nurlan's team" })
    const otherTeam = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Another team" })
    await admin.call("POST", `/api/v1/teams/${ownTeam.body.id}/members`, { driverIds: [driver.id, other.id] })
    const teams = await me.call<Page<{ id: string }>>("GET", "/api/v1/teams")
    expect(teams.body.items.map((team) => team.id)).toEqual([ownTeam.body.id])
    const team = await me.call<{ drivers: Array<{ id: string }> }>("GET", `/api/v1/teams/${ownTeam.body.id}`)
    expect(team.body.drivers.map((d) => d.id)).toEqual([driver.id])
    expect((await me.call("GET", `/api/v1/teams/${otherTeam.body.id}`)).status).toBe(404)
  })

  it("make a driver record for a new driver-role user, with the user's id", async () => {
    const created = await admin.call<{ user: { id: string } }>("POST", "/api/v1/users", {
      email: "fresh.driver@drivers.example",
      name: "Fresh Driver",
      role: "driver",
    })
    expect(created.status).toBe(201)
    const record = await admin.call<Driver>("GET", `/api/v1/drivers/${created.body.user.id}`)
    expect(record.status).toBe(200)
    expect(record.body.login?.email).toBe("fresh.driver@drivers.example")
  })

  it("refuse deletion while a driver has assignments; terminating ends them and the login", async () => {
    const driver = await newDriver({ fullName: "Timur Kassym" })
    const user = await admin.call<{ user: { id: string } }>("POST", "/api/v1/users", {
      email: "timur@drivers.example",
      name: "Timur Kassym",
      role: "driver",
      driverId: driver.id,
    })
    const vehicleId = await newVehicle("DRV 102")
    await admin.call("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId: driver.id,
      startsAt: hourAgo(),
    })
    const refused = await admin.call<ErrorBody>("DELETE", `/api/v1/drivers/${driver.id}`)
    expect([refused.status, refused.body.error.code]).toEqual([409, "FLEET_DRIVER_IN_USE"])

    const terminated = await admin.call<Driver>("POST", `/api/v1/drivers/${driver.id}/status`, {
      status: "terminated",
    })
    expect(terminated.body).toMatchObject({ status: "terminated", currentVehicles: [] })
    const current = await admin.call<{ assignment: unknown }>("GET", `/api/v1/vehicles/${vehicleId}/driver`)
    expect(current.body.assignment).toBeNull()
    const account = await admin.call<{ status: string }>("GET", `/api/v1/users/${user.body.user.id}`)
    expect(account.body.status).toBe("disabled")
    const reassign = await admin.call<ErrorBody>("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId: driver.id,
      startsAt: new Date().toISOString(),
    })
    expect([reassign.status, reassign.body.error.code]).toEqual([422, "FLEET_REFERENCE_NOT_FOUND"])

    const unused = await newDriver({ fullName: "Never Drove" })
    expect((await admin.call("DELETE", `/api/v1/drivers/${unused.id}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/drivers/${unused.id}`)).status).toBe(404)
  })
})

describe("assignments", () => {
  it("end early (not before the start, not in the future), and list a driver's history and a vehicle's driver", async () => {
    const driver = await newDriver({ fullName: "Arman Zhaksy" })
    const vehicleId = await newVehicle("DRV 201")
    const startsAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
    const made = await admin.call<{ id: string }>("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId: driver.id,
      startsAt,
    })
    const current = await admin.call<{ assignment: { driverId: string; driverName: string } | null }>(
      "GET",
      `/api/v1/vehicles/${vehicleId}/driver`,
    )
    expect(current.body.assignment).toMatchObject({ driverId: driver.id, driverName: "Arman Zhaksy" })

    const end = (endsAt?: string) =>
      admin.call<ErrorBody & { endsAt: string }>(
        "POST",
        `/api/v1/assignments/${made.body.id}/end`,
        endsAt === undefined ? {} : { endsAt },
      )
    const beforeStart = await end(new Date(Date.now() - 3 * 3_600_000).toISOString())
    expect([beforeStart.status, beforeStart.body.error.field]).toEqual([400, "endsAt"])
    const future = await end(new Date(Date.now() + 3_600_000).toISOString())
    expect([future.status, future.body.error.code]).toEqual([400, "FLEET_ASSIGNMENT_INVALID"])
    const endsAt = new Date(Date.now() - 3_600_000).toISOString()
    const ended = await end(endsAt)
    expect(ended.status).toBe(200)
    expect(ended.body.endsAt).toBe(endsAt)
    const twice = await end()
    expect([twice.status, twice.body.error.code]).toEqual([409, "FLEET_ASSIGNMENT_ENDED"])
    expect(
      (await admin.call<{ assignment: unknown }>("GET", `/api/v1/vehicles/${vehicleId}/driver`)).body
        .assignment,
    ).toBeNull()

    const history = await admin.call<Page<{ id: string; vehiclePlate: string; endsAt: string }>>(
      "GET",
      `/api/v1/drivers/${driver.id}/assignments`,
    )
    expect(history.body.items).toMatchObject([{ id: made.body.id, vehiclePlate: "DRV 201", endsAt }])
    const unknown = await admin.call<ErrorBody>("POST", `/api/v1/assignments/${crypto.randomUUID()}/end`, {})
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "FLEET_ASSIGNMENT_NOT_FOUND"])
  })
})

describe("fuel cards", () => {
  it("are bound to a driver on create and update, listed by driver, and shown to that driver", async () => {
    const driver = await newDriver({ fullName: "Gulnara Iskak" })
    const vehicleId = await newVehicle("DRV 301")
    const card = await admin.call<{ id: string; driverId: string | null }>("POST", "/api/v1/fuel-cards", {
      name: "Gulnara's card",
      currency: "KZT",
      driverId: driver.id,
    })
    expect([card.status, card.body.driverId]).toEqual([201, driver.id])
    const second = await admin.call<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "Spare",
      currency: "KZT",
    })
    const bound = await admin.call<{ driverId: string; vehicleId: string; dailyLimit: string }>(
      "PATCH",
      `/api/v1/fuel-cards/${second.body.id}`,
      { driverId: driver.id, vehicleId, dailyLimit: "50000" },
    )
    expect(bound.status).toBe(200)
    expect(bound.body).toMatchObject({ driverId: driver.id, vehicleId })
    const listed = await admin.call<Page<{ id: string }>>("GET", `/api/v1/fuel-cards?driverId=${driver.id}`)
    expect(listed.body.items.map((c) => c.id).sort()).toEqual([card.body.id, second.body.id].sort())
    const unbound = await admin.call<{ driverId: string | null }>(
      "PATCH",
      `/api/v1/fuel-cards/${card.body.id}`,
      {
        driverId: null,
      },
    )
    expect(unbound.body.driverId).toBeNull()
    const badRef = await admin.call<ErrorBody>("PATCH", `/api/v1/fuel-cards/${card.body.id}`, {
      driverId: crypto.randomUUID(),
    })
    expect([badRef.status, badRef.body.error.field]).toEqual([422, "driverId"])

    const user = await admin.call<{ user: { id: string } }>("POST", "/api/v1/users", {
      email: "gulnara@drivers.example",
      name: "Gulnara Iskak",
      role: "driver",
      driverId: driver.id,
    })
    await h.fleet.db.system.query("UPDATE users SET password_hash = $2 WHERE id = $1", [
      user.body.user.id,
      await hashSecret("gulnara-password-1"),
    ])
    const me = await login(h.fleet, "gulnara@drivers.example", "gulnara-password-1")
    // Not assigned to the card's vehicle: the card is theirs because it is bound to them.
    const mine = await me.call<Page<{ id: string }>>("GET", "/api/v1/fuel-cards")
    expect(mine.body.items.map((c) => c.id)).toEqual([second.body.id])
  })
})

describe("teams", () => {
  it("hold drivers and vehicles, filter both lists, and free their members when deleted", async () => {
    const team = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Astana branch" })
    expect(team.status).toBe(201)
    const dup = await admin.call<ErrorBody>("POST", "/api/v1/teams", { name: "Astana branch" })
    expect([dup.status, dup.body.error.code]).toEqual([409, "FLEET_TEAM_EXISTS"])
    const driver = await newDriver({ fullName: "Serik Team", teamId: team.body.id })
    const driver2 = await newDriver({ fullName: "Bolat Team" })
    const vehicleId = await newVehicle("TEA 001")
    await newVehicle("TEA 002")

    const added = await admin.call<{ drivers: Array<{ id: string }>; vehicles: Array<{ id: string }> }>(
      "POST",
      `/api/v1/teams/${team.body.id}/members`,
      { driverIds: [driver2.id], vehicleIds: [vehicleId] },
    )
    expect(added.status).toBe(200)
    expect(added.body.drivers.map((d) => d.id).sort()).toEqual([driver.id, driver2.id].sort())
    const badRef = await admin.call<ErrorBody>("POST", `/api/v1/teams/${team.body.id}/members`, {
      vehicleIds: [crypto.randomUUID()],
    })
    expect([badRef.status, badRef.body.error.code]).toEqual([422, "FLEET_REFERENCE_NOT_FOUND"])

    const drivers = await admin.call<Page<Driver>>("GET", `/api/v1/drivers?teamId=${team.body.id}`)
    expect(drivers.body.items.map((d) => d.fullName)).toEqual(["Bolat Team", "Serik Team"])
    const vehicles = await admin.call<Page<{ id: string }>>("GET", `/api/v1/vehicles?teamId=${team.body.id}`)
    expect(vehicles.body.items.map((v) => v.id)).toEqual([vehicleId])
    const listed = await admin.call<Page<{ id: string; driverCount: number; vehicleCount: number }>>(
      "GET",
      "/api/v1/teams?q=astana",
    )
    expect(listed.body.items).toMatchObject([{ id: team.body.id, driverCount: 2, vehicleCount: 1 }])

    const removed = await admin.call<{ drivers: Array<{ id: string }> }>(
      "POST",
      `/api/v1/teams/${team.body.id}/members/remove`,
      { driverIds: [driver.id] },
    )
    expect(removed.body.drivers.map((d) => d.id)).toEqual([driver2.id])
    expect((await admin.call("DELETE", `/api/v1/teams/${team.body.id}`)).status).toBe(204)
    const freed = await admin.call<Driver>("GET", `/api/v1/drivers/${driver2.id}`)
    expect(freed.body.team).toBeNull()
  })
})

describe("another organisation", () => {
  it("sees none of these drivers and teams, and cannot refer to them", async () => {
    const driver = await newDriver({ fullName: "Private Driver" })
    const team = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Private team" })
    const orgB = await createOrg(h.fleet, "drivers-b", "org-b-password-1")
    const b = await login(h.fleet, orgB.email, "org-b-password-1")
    expect((await b.call("GET", `/api/v1/drivers/${driver.id}`)).status).toBe(404)
    expect((await b.call("GET", `/api/v1/teams/${team.body.id}`)).status).toBe(404)
    expect((await b.call<Page<Driver>>("GET", "/api/v1/drivers")).body.total).toBe(0)
    const foreignTeam = await b.call<ErrorBody>("POST", "/api/v1/drivers", {
      fullName: "B driver",
      teamId: team.body.id,
    })
    expect([foreignTeam.status, foreignTeam.body.error.field]).toEqual([422, "teamId"])
    const vehicleB = await b.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "B car",
      plate: "BBB 001",
    })
    const foreignDriver = await b.call<ErrorBody>(
      "POST",
      `/api/v1/vehicles/${vehicleB.body.id}/assignments`,
      {
        driverId: driver.id,
        startsAt: hourAgo(),
      },
    )
    expect([foreignDriver.status, foreignDriver.body.error.field]).toEqual([422, "driverId"])
  })
})

describe("the drivers-records migration", () => {
  const DIR = join(import.meta.dirname, "..", "..", "infra", "migrations", "postgres")
  let pool: pg.Pool

  const migrate = async (count?: number) => {
    const client = await pool.connect()
    try {
      await runner({
        dbClient: client,
        dir: DIR,
        direction: "up",
        migrationsTable: "pgmigrations",
        checkOrder: true,
        log: () => undefined,
        ...(count === undefined ? {} : { count }),
      })
    } finally {
      client.release()
    }
  }

  beforeAll(async () => {
    const owner = new pg.Client(await ownerConnection(h))
    await owner.connect()
    await owner.query("CREATE DATABASE drivers_backfill")
    await owner.end()
    pool = new pg.Pool({ ...(await ownerConnection(h, "drivers_backfill")), max: 2 })
  })
  afterAll(async () => {
    await pool?.end()
  })

  it("turns every driver user into a driver record with the same id, and re-points assignments and alerts", async () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort()
    await migrate(files.indexOf("1733720000000_drivers-records.sql"))
    const one = async (text: string, values: unknown[]) =>
      (await pool.query<{ id: string }>(text, values)).rows[0]?.id as string
    const org = await one(
      "INSERT INTO organisations (name, slug) VALUES ('Old fleet', 'old') RETURNING id",
      [],
    )
    const driverUser = await one(
      "INSERT INTO users (org_id, email, name, role, phone) VALUES ($1, 'old.driver@old.example', 'Old Driver', 'driver', '+7 701 000 0001') RETURNING id",
      [org],
    )
    // A user who drove once and is a dispatcher now: a driver record without a login.
    const former = await one(
      "INSERT INTO users (org_id, email, name, role) VALUES ($1, 'former@old.example', 'Former Driver', 'dispatcher') RETURNING id",
      [org],
    )
    const vehicle = await one("INSERT INTO vehicles (org_id, name) VALUES ($1, 'Old car') RETURNING id", [
      org,
    ])
    await pool.query(
      "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at, ends_at) VALUES ($1, $2, $3, now() - interval '2 days', now() - interval '1 day'), ($1, $2, $4, now() - interval '1 day', NULL)",
      [org, vehicle, former, driverUser],
    )
    const alert = await one(
      "INSERT INTO alerts (org_id, vehicle_id, driver_id, type, severity, opened_at, last_seen_at) VALUES ($1, $2, $3, 'overspeed', 'warning', now(), now()) RETURNING id",
      [org, vehicle, driverUser],
    )
    await migrate()

    const drivers = await pool.query<{
      id: string
      user_id: string | null
      full_name: string
      phone: string | null
    }>("SELECT id, user_id, full_name, phone FROM drivers WHERE org_id = $1 ORDER BY full_name", [org])
    expect(drivers.rows).toEqual([
      { id: former, user_id: null, full_name: "Former Driver", phone: null },
      { id: driverUser, user_id: driverUser, full_name: "Old Driver", phone: "+7 701 000 0001" },
    ])
    const fk = await pool.query<{ table: string; target: string }>(
      `SELECT conrelid::regclass::text AS table, confrelid::regclass::text AS target FROM pg_constraint
       WHERE conname IN ('driver_assignments_driver_id_fkey', 'alerts_driver_id_fkey') ORDER BY 1`,
    )
    expect(fk.rows).toEqual([
      { table: "alerts", target: "drivers" },
      { table: "driver_assignments", target: "drivers" },
    ])
    const kept = await pool.query<{ driver_id: string }>("SELECT driver_id FROM alerts WHERE id = $1", [
      alert,
    ])
    expect(kept.rows[0]?.driver_id).toBe(driverUser)
  })
})
