import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { hashSecret } from "@fleetcore/platform"
import mqtt from "mqtt"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"

export const DEMO_PASSWORD = "demo-password-for-tests"

export interface Harness {
  readonly fleet: RunningFleetCore
  /** The data folder: generated secrets (jwt.secret) live here. */
  readonly dataDir: string
  readonly close: () => Promise<void>
}

/** A FleetCore on loopback with its own data folder, removed afterwards. */
export const startHarness = async (
  simulatorVehicles = 0,
  options: {
    readonly metricsToken?: string
    readonly teltonikaPort?: number
    readonly gt06Port?: number
  } = {},
): Promise<Harness> => {
  const dataDir = await mkdtemp(join(tmpdir(), "fleetcore-test-"))
  const fleet = await startFleetCoreFromTemplate(
    { dataDir, simulatorVehicles, simulatorIntervalMs: 500, demoAdminPassword: DEMO_PASSWORD, ...options },
    process.env.FLEET_TEST_TEMPLATES,
  )
  return {
    fleet,
    dataDir,
    close: async () => {
      await fleet.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * A connection to the embedded PostgreSQL as its owner (superuser), for tests that make databases
 * or run migrations themselves: FleetCore itself never works as the owner.
 */
export const ownerConnection = async (h: Harness, database = "fleetcore") => {
  const { options } = h.fleet.db.system
  return {
    host: options.host,
    port: options.port,
    user: "postgres",
    password: (await readFile(join(h.dataDir, "postgres.secret"), "utf8")).trim(),
    database,
  }
}

export interface ApiClient {
  readonly token: string
  readonly call: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>
}

export const login = async (fleet: RunningFleetCore, email: string, password: string): Promise<ApiClient> => {
  const res = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const { accessToken } = (await res.json()) as { accessToken: string }
  return {
    token: accessToken,
    call: async <T>(method: string, path: string, body?: unknown) => {
      const r = await fetch(`${fleet.httpUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await r.text()
      return { status: r.status, body: (text ? JSON.parse(text) : null) as T }
    },
  }
}

/** A second organisation with its own admin, created directly in the database. */
export const createOrg = async (
  fleet: RunningFleetCore,
  slug: string,
  password: string,
): Promise<{ orgId: string; email: string }> => {
  const org = await fleet.db.system.query<{ id: string }>(
    "INSERT INTO organisations (name, slug) VALUES ($1, $2) RETURNING id",
    [`Org ${slug}`, slug],
  )
  const orgId = org.rows[0]?.id as string
  const email = `admin@${slug}.example`
  await fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Admin', $3, 'admin')",
    [orgId, email, await hashSecret(password)],
  )
  return { orgId, email }
}

export interface Provisioned {
  readonly vehicleId: string
  readonly deviceId: string
  readonly secret: string
}

export const provision = async (api: ApiClient, deviceId: string, plate: string): Promise<Provisioned> => {
  const vehicle = await api.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: `Vehicle ${deviceId}`,
    plate,
  })
  if (vehicle.status !== 201) throw new Error(`vehicle: ${vehicle.status} ${JSON.stringify(vehicle.body)}`)
  const device = await api.call<{ secret: string }>("POST", "/api/v1/devices", {
    id: deviceId,
    vehicleId: vehicle.body.id,
  })
  if (device.status !== 201) throw new Error(`device: ${device.status} ${JSON.stringify(device.body)}`)
  return { vehicleId: vehicle.body.id, deviceId, secret: device.body.secret }
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Publishes points as the device, over real MQTT (QoS 1), in JSON batches of 100. */
export const publishPoints = async (
  fleet: RunningFleetCore,
  device: Provisioned,
  points: ReadonlyArray<unknown>,
): Promise<void> => {
  const client = await mqtt.connectAsync(fleet.mqttUrl, {
    clientId: device.deviceId,
    username: device.deviceId,
    password: device.secret,
    reconnectPeriod: 0,
  })
  for (let i = 0; i < points.length; i += 100) {
    await client.publishAsync(
      `fleet/v1/devices/${device.deviceId}/telemetry`,
      JSON.stringify({ points: points.slice(i, i + 100) }),
      {
        qos: 1,
      },
    )
  }
  await client.endAsync()
}

/** A user of `role` in an organisation, created directly in the database; returns its id. */
export const createUser = async (
  fleet: RunningFleetCore,
  orgId: string,
  role: string,
  email: string,
  password: string,
): Promise<string> => {
  const user = await fleet.db.system.query<{ id: string }>(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    [orgId, email, `Test ${role}`, await hashSecret(password), role],
  )
  return user.rows[0]?.id as string
}

/** The demo organisation's id (the one `startHarness` seeds, with its admin). */
export const demoOrgId = async (fleet: RunningFleetCore): Promise<string> => {
  const org = await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
  return org.rows[0]?.id as string
}
