import { spawn } from "node:child_process"
import { join } from "node:path"
import { purgeAuditLogs } from "@fleetcore/engine"
import { hashSecret } from "@fleetcore/platform"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  eventually,
  type Harness,
  login,
  ownerConnection,
  startHarness,
} from "./harness.js"

/**
 * The audit log: a hash chain per organisation computed by PostgreSQL, append-only for the
 * application role and the owner alike, verified by the endpoint and by the CLI.
 */
let h: Harness

interface Entry {
  id: string
  seq: string
  action: string
  entity: string
  entityId: string | null
  actorUserId: string | null
  ip: string | null
  userAgent: string | null
  oldValues: Record<string, unknown> | null
  newValues: Record<string, unknown> | null
  details: Record<string, unknown>
}
interface Page {
  items: Entry[]
  total: number
  page: number
  pageSize: number
}
interface Report {
  intact: boolean
  entries: number
  organisations: number
  broken: { code: string; orgId: string; seq: string; id: string; problem: string } | null
}

/** A new organisation with its admin signed in. */
const orgWithAdmin = async (slug: string) => {
  const password = `${slug}-password-1`
  const org = await createOrg(h.fleet, slug, password)
  return { ...org, password, admin: await login(h.fleet, org.email, password) }
}

const addUser = async (orgId: string, email: string, role: string, password: string) => {
  await h.fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'User', $3, $4)",
    [orgId, email, await hashSecret(password), role],
  )
  return login(h.fleet, email, password)
}

const createVehicles = async (api: ApiClient, prefix: string, n: number): Promise<string[]> => {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const r = await api.call<{ id: string }>("POST", "/api/v1/vehicles", { name: `${prefix} ${i}` })
    expect(r.status).toBe(201)
    ids.push(r.body.id)
  }
  return ids
}

/** `npm run fleetcore -- audit verify` as the built CLI runs it. */
const cli = (email: string, password: string): Promise<{ code: number | null; out: string }> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [join(import.meta.dirname, "..", "dist", "cli.js"), "audit", "verify", "--api", h.fleet.httpUrl],
      { env: { ...process.env, FLEET_EMAIL: email, FLEET_PASSWORD: password } },
    )
    let out = ""
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    proc.stderr.on("data", (d: Buffer) => {
      out += d.toString()
    })
    proc.once("error", reject)
    proc.once("exit", (code) => resolve({ code, out }))
  })

/**
 * Runs `sql` as the owner with the append-only trigger off: an attacker with superuser rights
 * (FleetCore's own roles cannot switch the trigger off: see the test below).
 */
const tamper = async (sql: string, args: unknown[]) => {
  const c = new pg.Client(await ownerConnection(h))
  await c.connect()
  try {
    await c.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    await c.query(sql, args)
  } finally {
    await c.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    await c.end()
  }
}

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe("the audit hash chain", () => {
  it("verifies entries made through the API, by the endpoint and the CLI", async () => {
    const o = await orgWithAdmin("audit-chain-ok")
    await createVehicles(o.admin, "Chain", 3)
    expect((await o.admin.call("PUT", "/api/v1/settings", { maxKmPerDay: 900 })).status).toBe(200)
    const report = await o.admin.call<Report>("GET", "/api/v1/audit/verify")
    expect(report.status).toBe(200)
    // login, 3 vehicles, 1 settings change
    expect(report.body).toEqual({ intact: true, entries: 5, organisations: 1, broken: null })
    const run = await cli(o.email, o.password)
    expect(run.out).toContain("audit chain intact: 6 entries") // the CLI's own login is the 6th
    expect(run.code).toBe(0)
    const seqs = (await o.admin.call<Page>("GET", "/api/v1/audit")).body.items.map((e) => Number(e.seq))
    expect(seqs).toEqual([6, 5, 4, 3, 2, 1])
  })

  it("lets the installation owner verify every organisation", async () => {
    const demo = await h.fleet.db.system.query<{ id: string }>(
      "SELECT id FROM organisations WHERE slug = 'demo'",
    )
    const owner = await addUser(demo.rows[0]?.id as string, "owner@audit.example", "owner", "owner-pass-1")
    const orgs = await h.fleet.db.system.query("SELECT 1 FROM organisations")
    const report = await owner.call<Report>("GET", "/api/v1/audit/verify")
    expect(report.body).toMatchObject({ intact: true, organisations: orgs.rowCount, broken: null })
  })

  it("reports exactly the entry altered directly in the database, by the endpoint and the CLI", async () => {
    const o = await orgWithAdmin("audit-chain-altered")
    const [, second] = await createVehicles(o.admin, "Altered", 3)
    const target = await h.fleet.db.system.query<{ id: string; seq: string }>(
      "SELECT id::text AS id, seq::text AS seq FROM audit_log WHERE org_id = $1 AND entity_id = $2",
      [o.orgId, second],
    )
    const row = target.rows[0] as { id: string; seq: string }
    await tamper(`UPDATE audit_log SET new_values = '{"name": "Forged"}' WHERE id = $1`, [row.id])
    const report = await o.admin.call<Report>("GET", "/api/v1/audit/verify")
    expect(report.body.intact).toBe(false)
    expect(report.body.broken).toEqual({
      code: "FLEET_AUDIT_CHAIN_BROKEN",
      orgId: o.orgId,
      seq: row.seq,
      id: row.id,
      problem: "hash-mismatch",
      message: expect.any(String),
    })
    const run = await cli(o.email, o.password)
    expect(run.out).toContain(`seq ${row.seq} (entry ${row.id}): hash-mismatch`)
    expect(run.code).toBe(1)
  })

  it("reports a deleted entry as a gap in seq", async () => {
    const o = await orgWithAdmin("audit-chain-gap")
    await createVehicles(o.admin, "Gap", 3)
    await tamper("DELETE FROM audit_log WHERE org_id = $1 AND seq = 3", [o.orgId])
    const report = await o.admin.call<Report>("GET", "/api/v1/audit/verify")
    expect(report.body.broken).toMatchObject({ orgId: o.orgId, seq: "4", problem: "seq-gap" })
    expect(report.body.entries).toBe(2)
  })

  it("keeps the chain verifiable after retention purges the oldest entries", async () => {
    const org = await createOrg(h.fleet, "audit-chain-retention", "retention-password-1")
    // Two entries older than the default two years (seq 1 and 2), then two recent ones (3 and 4).
    for (const days of [800, 760]) {
      await h.fleet.db.system.query(
        "INSERT INTO audit_log (org_id, action, entity, at) VALUES ($1, 'old.entry', 'test', now() - make_interval(days => $2))",
        [org.orgId, days],
      )
    }
    const o = { ...org, admin: await login(h.fleet, org.email, "retention-password-1") }
    await createVehicles(o.admin, "Kept", 1)
    // The owner cannot delete them either: only the retention function may.
    await expect(
      h.fleet.db.system.query("DELETE FROM audit_log WHERE org_id = $1 AND action = 'old.entry'", [o.orgId]),
    ).rejects.toThrow(/append-only/)
    expect(await purgeAuditLogs(h.fleet.db.system)).toBe(2)
    const left = await h.fleet.db.system.query<{ seq: string }>(
      "SELECT seq::text AS seq FROM audit_log WHERE org_id = $1 ORDER BY seq",
      [o.orgId],
    )
    expect(left.rows.map((r) => r.seq)).toEqual(["3", "4"])
    const anchor = await h.fleet.db.system.query(
      "SELECT seq::text AS seq FROM audit_anchor WHERE org_id = $1",
      [o.orgId],
    )
    expect(anchor.rows).toEqual([{ seq: "2" }])
    await createVehicles(o.admin, "After", 1)
    const report = await o.admin.call<Report>("GET", "/api/v1/audit/verify")
    expect(report.body).toMatchObject({ intact: true, entries: 3 })
  })
})

describe("append-only", () => {
  it("refuses UPDATE and DELETE to the application role, UPDATE to the system role, and switching the trigger off to both", async () => {
    const o = await orgWithAdmin("audit-append-only")
    const as = (sql: string) => h.fleet.db.withOrg(o.orgId, (c) => c.query(sql))
    await expect(as("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/permission denied/)
    await expect(as("DELETE FROM audit_log")).rejects.toThrow(/permission denied/)
    await expect(as("TRUNCATE audit_log")).rejects.toThrow(/permission denied/)
    await expect(
      h.fleet.db.system.query("UPDATE audit_log SET action = 'forged' WHERE org_id = $1", [o.orgId]),
    ).rejects.toThrow(/append-only/)
    await expect(
      h.fleet.db.system.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"),
    ).rejects.toThrow(/must be owner/)
    await expect(as("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")).rejects.toThrow(
      /must be owner/,
    )
    const count = await h.fleet.db.system.query(
      "SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'forged'",
      [o.orgId],
    )
    expect(count.rowCount).toBe(0)
  })
})

describe("what an entry records", () => {
  it("records ip, user agent and the old and new values of an update", async () => {
    const o = await orgWithAdmin("audit-values")
    await o.admin.call("PUT", "/api/v1/settings", { maxKmPerDay: 800 })
    const r = await fetch(`${h.fleet.httpUrl}/api/v1/settings`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${o.admin.token}`,
        "content-type": "application/json",
        "user-agent": "AuditTest/1.0 (fleet)",
      },
      body: JSON.stringify({ maxKmPerDay: 1200, minTripDurationS: 60 }),
    })
    expect(r.status).toBe(200)
    const page = await o.admin.call<Page>("GET", "/api/v1/audit?action=settings.update")
    const latest = page.body.items[0] as Entry
    expect(latest).toMatchObject({
      entity: "organisation",
      entityId: o.orgId,
      userAgent: "AuditTest/1.0 (fleet)",
      oldValues: { maxKmPerDay: 800, minTripDurationS: null },
      newValues: { maxKmPerDay: 1200, minTripDurationS: 60 },
    })
    expect(latest.ip).toMatch(/127\.0\.0\.1$/)
  })

  it("records the new values of a create and the old values of a delete", async () => {
    const o = await orgWithAdmin("audit-create-delete")
    const fence = await o.admin.call<{ id: string }>("POST", "/api/v1/geofences", {
      name: "Depot",
      kind: "circle",
      lat: 43.3,
      lon: 77.0,
      radiusM: 300,
    })
    expect(fence.status).toBe(201)
    expect((await o.admin.call("DELETE", `/api/v1/geofences/${fence.body.id}`)).status).toBe(204)
    const items = (await o.admin.call<Page>("GET", "/api/v1/audit?entity=geofence")).body.items
    expect(items.map((e) => [e.action, e.entityId])).toEqual([
      ["geofence.delete", fence.body.id],
      ["geofence.create", fence.body.id],
    ])
    expect(items[0]).toMatchObject({
      oldValues: { name: "Depot", radiusM: 300, active: true },
      newValues: null,
    })
    expect(items[1]).toMatchObject({ oldValues: null, newValues: { name: "Depot", kind: "circle" } })
  })

  it("records logins, refused logins (with the e-mail, never the password) and logouts", async () => {
    const o = await orgWithAdmin("audit-logins")
    const post = (path: string, body: unknown) =>
      fetch(`${h.fleet.httpUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    expect((await post("/api/v1/auth/login", { email: o.email, password: "wrong-secret-77" })).status).toBe(
      401,
    )
    const ok = await post("/api/v1/auth/login", { email: o.email, password: o.password })
    const { refreshToken } = (await ok.json()) as { refreshToken: string }
    expect((await post("/api/v1/auth/logout", { refreshToken })).status).toBe(204)
    const entries = await eventually(async () => {
      const page = await o.admin.call<Page>("GET", "/api/v1/audit?entity=user")
      return page.body.items.some((e) => e.action === "auth.login-failed") ? page.body.items : undefined
    })
    expect(entries.map((e) => e.action).sort()).toEqual([
      "auth.login",
      "auth.login",
      "auth.login-failed",
      "auth.logout",
    ])
    const failed = entries.find((e) => e.action === "auth.login-failed") as Entry
    expect(failed.details).toEqual({ email: o.email, reason: "wrong-password" })
    expect(JSON.stringify(entries)).not.toContain("wrong-secret-77")
  })
})

describe("GET /api/v1/audit", () => {
  it("filters by action, entity, user and time, and pages newest first with the total", async () => {
    const o = await orgWithAdmin("audit-list")
    const vehicles = await createVehicles(o.admin, "Listed", 5)
    const q = (query: string) => o.admin.call<Page>("GET", `/api/v1/audit${query}`)
    const first = await q("?action=vehicle.create&pageSize=2")
    expect(first.body).toMatchObject({ total: 5, page: 1, pageSize: 2 })
    expect(first.body.items.map((e) => e.entityId)).toEqual([vehicles[4], vehicles[3]])
    const last = await q("?action=vehicle.create&pageSize=2&page=3")
    expect(last.body.items.map((e) => e.entityId)).toEqual([vehicles[0]])
    expect((await q("?action=vehicle.create&pageSize=2&page=4")).body).toMatchObject({ items: [], total: 5 })
    expect((await q("")).body).toMatchObject({ total: 6, pageSize: 50 })
    expect((await q("?entity=user")).body.items.map((e) => e.action)).toEqual(["auth.login"])
    const adminId = first.body.items[0]?.actorUserId as string
    expect((await q(`?user=${adminId}`)).body.total).toBe(6)
    expect((await q("?from=2199-01-01T00:00:00Z")).body.total).toBe(0)
    expect((await q("?to=2000-01-01T00:00:00Z")).body.total).toBe(0)
    const bad = await q("?pageSize=500")
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: "FLEET_QUERY_INVALID", field: "pageSize" } },
    })
    expect((await q("?from=yesterday")).status).toBe(400)
  })

  it("never shows another organisation's entries", async () => {
    const a = await orgWithAdmin("audit-rls-a")
    const b = await orgWithAdmin("audit-rls-b")
    const [foreign] = await createVehicles(b.admin, "Foreign", 1)
    const seen = await a.admin.call<Page>("GET", "/api/v1/audit?pageSize=200")
    expect(seen.body.total).toBe(1) // a's own login
    expect(seen.body.items.map((e) => e.entityId)).not.toContain(foreign)
  })

  it("answers 403 to a user who is not an admin, for the list and for verification", async () => {
    const o = await orgWithAdmin("audit-roles")
    const manager = await addUser(o.orgId, "manager@audit-roles.example", "manager", "manager-pass-1")
    for (const path of ["/api/v1/audit", "/api/v1/audit/verify"]) {
      const r = await manager.call("GET", path)
      expect(r).toMatchObject({ status: 403, body: { error: { code: "FLEET_FORBIDDEN" } } })
    }
  })
})
