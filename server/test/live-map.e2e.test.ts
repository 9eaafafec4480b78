import { hashSecret } from "@fleetcore/platform"
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

/**
 * The live map's compact snapshot `/api/v1/live/map`: parallel columns of what the map draws,
 * the caller's organisation only (a driver: the vehicles assigned now), narrowed by team, type
 * and live status.
 */
interface Snapshot {
  readonly atMs: number
  readonly offlineAfterMinutes: number
  readonly ids: string[]
  readonly names: string[]
  readonly plates: Array<string | null>
  readonly lon: Array<number | null>
  readonly lat: Array<number | null>
  readonly timeMs: Array<number | null>
  readonly speedMps: Array<number | null>
  readonly headingDeg: Array<number | null>
  readonly ignition: Array<boolean | null>
  readonly teams: Array<{ id: string; name: string }>
  readonly vehicleTypes: Array<{ id: string; name: string }>
}

let h: Harness
let admin: ApiClient
let adminB: ApiClient
let driver: ApiClient
const ids: Record<"moving" | "idle" | "stale" | "unknown" | "foreign", string> = {
  moving: "",
  idle: "",
  stale: "",
  unknown: "",
  foreign: "",
}
let teamId = ""
let typeId = ""

const vehicle = async (
  api: ApiClient,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> => {
  const made = await api.call<{ id: string }>("POST", "/api/v1/vehicles", { name, ...extra })
  expect(made.status).toBe(201)
  return made.body.id
}

const place = async (vehicleId: string, ageMs: number, speedMps: number, ignition: boolean) => {
  await h.fleet.db.system.query(
    `INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon, speed_mps, heading_deg, ignition)
     SELECT id, org_id, $2, 43.2384567891, 76.9456789012, $3, 91.6, $4 FROM vehicles WHERE id = $1`,
    [vehicleId, new Date(Date.now() - ageMs), speedMps, ignition],
  )
}

const snapshot = async (api: ApiClient, query = ""): Promise<Snapshot> => {
  const answer = await api.call<Snapshot>("GET", `/api/v1/live/map${query}`)
  expect(answer.status).toBe(200)
  return answer.body
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const b = await createOrg(h.fleet, "map-b", DEMO_PASSWORD)
  adminB = await login(h.fleet, b.email, DEMO_PASSWORD)

  const type = await admin.call<{ id: string }>("POST", "/api/v1/vehicle-types", { name: "Map van" })
  expect(type.status).toBe(201)
  typeId = type.body.id
  const team = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Map north" })
  expect(team.status).toBe(201)
  teamId = team.body.id

  ids.moving = await vehicle(admin, "Map A moving", { plate: "MAP 001", vehicleTypeId: typeId })
  ids.idle = await vehicle(admin, "Map B idle")
  ids.stale = await vehicle(admin, "Map C stale")
  ids.unknown = await vehicle(admin, "Map D unknown")
  ids.foreign = await vehicle(adminB, "Map foreign")
  await h.fleet.db.system.query("UPDATE vehicles SET team_id = $1 WHERE id = ANY($2)", [
    teamId,
    [ids.moving, ids.idle],
  ])
  await place(ids.moving, 5_000, 12.345, true)
  await place(ids.idle, 5_000, 0, true)
  await place(ids.stale, 3 * 3_600_000, 20, true)
  await place(ids.foreign, 5_000, 10, true)

  const orgId = await demoOrgId(h.fleet)
  const driverId = (
    await h.fleet.db.system.query<{ id: string }>(
      `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'map.driver@demo.example', 'Map Driver', $2, 'driver') RETURNING id, org_id, name)
       INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
      [orgId, await hashSecret("map-driver-password")],
    )
  ).rows[0]?.id as string
  const assigned = await admin.call("POST", `/api/v1/vehicles/${ids.idle}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  driver = await login(h.fleet, "map.driver@demo.example", "map-driver-password")
})
afterAll(async () => {
  await h?.close()
})

const mine = (s: Snapshot) => s.ids.filter((id) => Object.values(ids).includes(id))

describe("the live map snapshot", () => {
  it("answers parallel columns of the caller's organisation's vehicles, rounded for the map", async () => {
    const s = await snapshot(admin)
    expect(mine(s).sort()).toEqual([ids.moving, ids.idle, ids.stale, ids.unknown].sort())
    for (const column of [s.names, s.plates, s.lon, s.lat, s.timeMs, s.speedMps, s.headingDeg, s.ignition]) {
      expect(column).toHaveLength(s.ids.length)
    }
    const i = s.ids.indexOf(ids.moving)
    expect(s.names[i]).toBe("Map A moving")
    expect(s.plates[i]).toBe("MAP 001")
    expect(s.lat[i]).toBe(43.23846)
    expect(s.lon[i]).toBe(76.94568)
    expect(s.speedMps[i]).toBe(12.3)
    expect(s.headingDeg[i]).toBe(92)
    expect(s.ignition[i]).toBe(true)
    const u = s.ids.indexOf(ids.unknown)
    expect([s.lon[u], s.lat[u], s.timeMs[u], s.speedMps[u]]).toEqual([null, null, null, null])
    expect(s.teams).toEqual([{ id: teamId, name: "Map north" }])
    expect(s.vehicleTypes).toContainEqual({ id: typeId, name: "Map van" })
    expect(s.offlineAfterMinutes).toBeGreaterThan(0)

    const other = await snapshot(adminB)
    expect(other.ids).toContain(ids.foreign)
    expect(other.ids).not.toContain(ids.moving)
    expect(other.teams).toEqual([])
  })

  it("narrows by team, by vehicle type and by live status", async () => {
    expect(mine(await snapshot(admin, `?teamId=${teamId}`)).sort()).toEqual([ids.moving, ids.idle].sort())
    expect(mine(await snapshot(admin, `?vehicleTypeId=${typeId}`))).toEqual([ids.moving])
    expect(mine(await snapshot(admin, "?status=moving"))).toEqual([ids.moving])
    expect(mine(await snapshot(admin, "?status=idle"))).toEqual([ids.idle])
    expect(mine(await snapshot(admin, "?status=stale"))).toEqual([ids.stale])
    expect(mine(await snapshot(admin, "?status=unknown"))).toEqual([ids.unknown])
    expect(mine(await snapshot(admin, `?teamId=${teamId}&status=idle`))).toEqual([ids.idle])
    // Another organisation's team narrows to nothing rather than revealing anything.
    const foreignTeam = await adminB.call<{ id: string }>("POST", "/api/v1/teams", { name: "B team" })
    expect((await snapshot(admin, `?teamId=${foreignTeam.body.id}`)).ids).toEqual([])
    expect((await admin.call("GET", "/api/v1/live/map?status=parked")).status).toBe(400)
  })

  it("confines a driver to the vehicles assigned to them now", async () => {
    const s = await snapshot(driver)
    expect(s.ids).toEqual([ids.idle])
    expect(s.teams).toEqual([{ id: teamId, name: "Map north" }])
  })
})
