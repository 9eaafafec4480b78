import { assertOrganisationActive } from "@fleetcore/api"
import { HttpError, hashSecret } from "@fleetcore/platform"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  DEMO_PASSWORD,
  type Harness,
  login,
  type Provisioned,
  provision,
  startHarness,
} from "./harness.js"

/**
 * Organisations: the installation owner creates, lists, renames, suspends and reactivates them; an
 * organisation's admin reads and changes its settings; a suspended organisation's devices are
 * refused over HTTP and MQTT and its users' sessions end, until it is reactivated.
 */
let h: Harness
let owner: ApiClient
let demoAdmin: ApiClient
let demoOrgId: string

interface Organisation {
  id: string
  name: string
  slug: string
  description: string | null
  status: "active" | "suspended"
  kind: "fleet" | "service_centre"
  settings: {
    currency: string
    timezone: string
    language: string
    units: string
    auditRetentionDays: number
  }
  userCount: number
  vehicleCount: number
  createdAt: string
}
interface ErrorBody {
  error: { code: string; message: string; field?: string }
}

const OWNER_PASSWORD = "owner-password-for-tests"

/** A user inserted directly (tests need one per role); signed in. */
const addUser = async (orgId: string, email: string, role: string, password: string) => {
  await h.fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Test User', $3, $4)",
    [orgId, email, await hashSecret(password), role],
  )
  return login(h.fleet, email, password)
}

const rawLogin = async (email: string, password: string) => {
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  return { status: r.status, body: (await r.json()) as { refreshToken: string } }
}
const refresh = (refreshToken: string) =>
  fetch(`${h.fleet.httpUrl}/api/v1/auth/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refreshToken }),
  }).then((r) => r.status)

const auditOf = async (orgId: string, entityId: string) =>
  (
    await h.fleet.db.system.query<{
      action: string
      actor_user_id: string
      old_values: unknown
      new_values: unknown
    }>(
      "SELECT action, actor_user_id, old_values, new_values FROM audit_log WHERE org_id = $1 AND entity_id = $2 ORDER BY seq",
      [orgId, entityId],
    )
  ).rows

beforeAll(async () => {
  h = await startHarness()
  demoOrgId = (
    await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
  ).rows[0]?.id as string
  owner = await addUser(demoOrgId, "owner@installation.example", "owner", OWNER_PASSWORD)
  demoAdmin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

describe("organisations", () => {
  it("lets the owner create an organisation: slug from the name, settings merged over the defaults, audited", async () => {
    const r = await owner.call<Organisation>("POST", "/api/v1/organisations", {
      name: "Алматы Транс",
      description: "Trucks",
      settings: { currency: "USD" },
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      name: "Алматы Транс",
      slug: "almaty-trans",
      description: "Trucks",
      status: "active",
      settings: {
        currency: "USD",
        timezone: "Asia/Almaty",
        language: "en",
        units: "metric",
        auditRetentionDays: 730,
      },
      userCount: 0,
      vehicleCount: 0,
    })
    const entries = await auditOf(r.body.id, r.body.id)
    expect(entries.map((e) => e.action)).toEqual(["organisation.create"])
    expect(entries[0]?.new_values).toMatchObject({ name: "Алматы Транс", slug: "almaty-trans" })
  })

  it("refuses a second organisation with the same name, whatever its case (409)", async () => {
    await owner.call("POST", "/api/v1/organisations", { name: "Steppe Cargo" })
    for (const name of ["Steppe Cargo", "STEPPE CARGO"]) {
      const r = await owner.call<ErrorBody>("POST", "/api/v1/organisations", { name })
      expect(r.status).toBe(409)
      expect(r.body.error.code).toBe("FLEET_ORGANISATION_EXISTS")
    }
  })

  it("lists organisations with paging, search, status filter, counts and total", async () => {
    const all = await owner.call<{ items: Organisation[]; total: number }>(
      "GET",
      "/api/v1/organisations?sort=name",
    )
    expect(all.status).toBe(200)
    expect(all.body.total).toBeGreaterThanOrEqual(3)
    const names = all.body.items.map((o) => o.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })))
    const demo = all.body.items.find((o) => o.id === demoOrgId)
    expect(demo?.userCount).toBeGreaterThanOrEqual(2)
    const searched = await owner.call<{ items: Organisation[]; total: number }>(
      "GET",
      "/api/v1/organisations?q=steppe",
    )
    expect(searched.body.items.map((o) => o.name)).toEqual(["Steppe Cargo"])
    expect(searched.body.total).toBe(1)
    const page = await owner.call<{ items: Organisation[]; total: number; pageSize: number }>(
      "GET",
      "/api/v1/organisations?pageSize=1&page=2&sort=-createdAt",
    )
    expect(page.body.items).toHaveLength(1)
    expect(page.body.pageSize).toBe(1)
    const suspended = await owner.call<{ total: number }>("GET", "/api/v1/organisations?status=suspended")
    expect(suspended.body.total).toBe(0)
    // Fleets and service centres apart: a centre is an organisation of its own kind.
    await h.fleet.db.system.query(
      "UPDATE organisations SET kind = 'service_centre' WHERE name = 'Steppe Cargo'",
    )
    const kinds = async (kind: string) =>
      (await owner.call<{ items: Organisation[] }>("GET", `/api/v1/organisations?kind=${kind}&pageSize=100`))
        .body.items
    expect((await kinds("service_centre")).map((o) => [o.name, o.kind])).toEqual([
      ["Steppe Cargo", "service_centre"],
    ])
    expect((await kinds("fleet")).map((o) => o.name)).not.toContain("Steppe Cargo")
    expect((await kinds("fleet")).find((o) => o.id === demoOrgId)?.kind).toBe("fleet")
    await h.fleet.db.system.query("UPDATE organisations SET kind = 'fleet' WHERE name = 'Steppe Cargo'")
  })

  it("answers 404 for an unknown or malformed organisation id", async () => {
    for (const id of ["7a1c1a4e-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const r = await owner.call<ErrorBody>("GET", `/api/v1/organisations/${id}`)
      expect(r.status).toBe(404)
      expect(r.body.error.code).toBe("FLEET_ORGANISATION_NOT_FOUND")
    }
  })

  it("renames and merges settings, keeping the rule thresholds stored beside them; audits old and new values", async () => {
    const created = await owner.call<Organisation>("POST", "/api/v1/organisations", { name: "Rename Me" })
    const id = created.body.id
    await h.fleet.db.system.query(
      `UPDATE organisations SET settings = settings || '{"maxSpeedKmh": 180}'::jsonb WHERE id = $1`,
      [id],
    )
    const r = await owner.call<Organisation>("PATCH", `/api/v1/organisations/${id}`, {
      name: "Renamed",
      settings: { timezone: "Europe/Istanbul", language: "tr" },
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      name: "Renamed",
      slug: "rename-me",
      settings: { timezone: "Europe/Istanbul", language: "tr", currency: "KZT" },
    })
    const stored = await h.fleet.db.system.query<{ settings: Record<string, unknown> }>(
      "SELECT settings FROM organisations WHERE id = $1",
      [id],
    )
    expect(stored.rows[0]?.settings).toMatchObject({ maxSpeedKmh: 180, timezone: "Europe/Istanbul" })
    const update = (await auditOf(id, id)).find((e) => e.action === "organisation.update")
    expect(update?.old_values).toEqual({
      name: "Rename Me",
      settings: { timezone: "Asia/Almaty", language: "en" },
    })
    expect(update?.new_values).toEqual({
      name: "Renamed",
      settings: { timezone: "Europe/Istanbul", language: "tr" },
    })
    const taken = await owner.call<ErrorBody>("PATCH", `/api/v1/organisations/${id}`, {
      name: "steppe cargo",
    })
    expect(taken.status).toBe(409)
    const badZone = await owner.call<ErrorBody>("PATCH", `/api/v1/organisations/${id}`, {
      settings: { timezone: "Mars/Olympus" },
    })
    expect(badZone.status).toBe(400)
  })

  it("keeps the owner-only endpoints from admins; an admin reads and changes their own organisation", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/organisations"],
      ["POST", "/api/v1/organisations"],
      ["GET", `/api/v1/organisations/${demoOrgId}`],
      ["PATCH", `/api/v1/organisations/${demoOrgId}`],
    ] as const) {
      const r = await demoAdmin.call<ErrorBody>(method, path, method === "GET" ? undefined : { name: "X" })
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, "FLEET_FORBIDDEN"])
    }
    const mine = await demoAdmin.call<Organisation>("GET", "/api/v1/organisation")
    expect(mine.status).toBe(200)
    expect(mine.body.id).toBe(demoOrgId)
    const changed = await demoAdmin.call<Organisation>("PATCH", "/api/v1/organisation", {
      settings: { units: "imperial" },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.settings.units).toBe("imperial")
    // An admin's body cannot carry a status: only the owner suspends.
    const suspend = await demoAdmin.call<ErrorBody>("PATCH", "/api/v1/organisation", { status: "suspended" })
    expect(suspend.status).toBe(400)
    const viewer = await addUser(demoOrgId, "viewer@org-test.example", "viewer", "viewer-password-1")
    expect((await viewer.call<Organisation>("GET", "/api/v1/organisation")).body.id).toBe(demoOrgId)
    expect((await viewer.call("PATCH", "/api/v1/organisation", { name: "Mine now" })).status).toBe(403)
  })

  it("refuses to let the owner suspend their own home organisation (409)", async () => {
    const r = await owner.call<ErrorBody>("PATCH", `/api/v1/organisations/${demoOrgId}`, {
      status: "suspended",
    })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe("FLEET_ORGANISATION_OWN")
  })
})

describe("names", () => {
  it("lets only one of two simultaneous renames to the same name (in any letter case) through", async () => {
    const a = await owner.call<Organisation>("POST", "/api/v1/organisations", { name: "Race A" })
    const b = await owner.call<Organisation>("POST", "/api/v1/organisations", { name: "Race B" })
    for (let round = 0; round < 5; round++) {
      const name = `Raced Name ${round}`
      const answers = await Promise.all([
        owner.call<ErrorBody>("PATCH", `/api/v1/organisations/${a.body.id}`, { name }),
        owner.call<ErrorBody>("PATCH", `/api/v1/organisations/${b.body.id}`, { name: name.toUpperCase() }),
      ])
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409])
      expect(answers.find((x) => x.status === 409)?.body.error.code).toBe("FLEET_ORGANISATION_EXISTS")
    }
  })
})

describe("suspension", () => {
  let orgId: string
  let device: Provisioned
  const adminEmail = "admin@suspend-me.example"
  const adminPassword = "suspend-me-admin-pw"

  const basic = (d: Provisioned) => `Basic ${Buffer.from(`${d.deviceId}:${d.secret}`).toString("base64")}`
  const postPoint = (timeMs: number) =>
    fetch(`${h.fleet.httpUrl}/ingest/v1/telemetry`, {
      method: "POST",
      headers: { authorization: basic(device), "content-type": "application/json" },
      body: JSON.stringify({ timeMs, lat: 43.25, lon: 76.95 }),
    })
  const connect = (protocolVersion: 4 | 5) =>
    mqtt.connectAsync(h.fleet.mqttUrl, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      protocolVersion,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
    })
  const setStatus = (status: "active" | "suspended") =>
    owner.call<Organisation>("PATCH", `/api/v1/organisations/${orgId}`, { status })

  beforeAll(async () => {
    const created = await owner.call<Organisation>("POST", "/api/v1/organisations", { name: "Suspend Me" })
    orgId = created.body.id
    const admin = await addUser(orgId, adminEmail, "admin", adminPassword)
    device = await provision(admin, "suspend-me-01", "SUS 001")
  })

  it("refuses the devices and sessions of a suspended organisation, and reactivation restores them", async () => {
    const now = Date.now()
    expect((await postPoint(now - 5_000)).status).toBe(200)
    const before = await connect(4)
    await before.endAsync()
    const session = await rawLogin(adminEmail, adminPassword)
    expect(session.status).toBe(200)
    await expect(assertOrganisationActive(h.fleet.db.system, orgId)).resolves.toBeUndefined()
    // The owner, acting inside the organisation, suspends it and stays signed in.
    const inside = await owner.call<{ accessToken: string; refreshToken: string }>(
      "POST",
      "/api/v1/auth/switch-organisation",
      { organisationId: orgId },
    )
    expect(inside.status).toBe(200)

    const suspended = await setStatus("suspended")
    expect(suspended.status).toBe(200)
    expect(suspended.body.status).toBe("suspended")
    expect(suspended.body.vehicleCount).toBe(1)

    // The secret was verified (and cached) a moment ago: the suspension must still apply at once.
    const refused = await postPoint(now - 4_000)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as ErrorBody).error.code).toBe("FLEET_INGEST_ORGANISATION_SUSPENDED")
    await expect(connect(4)).rejects.toThrow(/Not authorized/i)
    await expect(connect(5)).rejects.toThrow(/Not authorized/i)
    expect(await refresh(session.body.refreshToken)).toBe(401)
    expect(await refresh(inside.body.refreshToken)).toBe(200)
    const error = await assertOrganisationActive(h.fleet.db.system, orgId).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect([(error as HttpError).status, (error as HttpError).code]).toEqual([
      403,
      "FLEET_ORGANISATION_SUSPENDED",
    ])
    const listed = await owner.call<{ items: Organisation[] }>(
      "GET",
      "/api/v1/organisations?status=suspended",
    )
    expect(listed.body.items.map((o) => o.id)).toEqual([orgId])

    const reactivated = await setStatus("active")
    expect(reactivated.body.status).toBe("active")
    expect((await postPoint(now - 3_000)).status).toBe(200)
    const v5 = await connect(5)
    await v5.endAsync()
    await expect(assertOrganisationActive(h.fleet.db.system, orgId)).resolves.toBeUndefined()
    expect(
      (await auditOf(orgId, orgId)).map((e) => e.action).filter((a) => a.startsWith("organisation.")),
    ).toEqual(["organisation.create", "organisation.suspend", "organisation.reactivate"])
  })

  it("closes a device's live MQTT session once its organisation is suspended: nothing sent after is acknowledged", async () => {
    const topic = `fleet/v1/devices/${device.deviceId}/telemetry`
    const point = (timeMs: number) => JSON.stringify({ timeMs, lat: 43.25, lon: 76.95 })
    for (const version of [4, 5] as const) {
      const client = await connect(version)
      await client.publishAsync(topic, point(Date.now() - 2_000), { qos: 1 })
      expect((await setStatus("suspended")).status).toBe(200)
      const closed = new Promise<void>((resolve) => client.once("close", () => resolve()))
      const late = client.publishAsync(topic, point(Date.now() - 1_000), { qos: 1 }).then(
        () => "acknowledged",
        () => "refused",
      )
      const after = (ms: number, value: string) =>
        new Promise<string>((resolve) => setTimeout(() => resolve(value), ms))
      const connection = await Promise.race([closed.then(() => "closed"), after(5_000, "still open")])
      const outcome = await Promise.race([late, after(1_000, "never acknowledged")])
      expect({ version, connection, acknowledged: outcome === "acknowledged" }).toEqual({
        version,
        connection: "closed",
        acknowledged: false,
      })
      client.end(true)
      expect((await setStatus("active")).status).toBe(200)
    }
  })
})
