import { createHmac } from "node:crypto"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, type Harness, startHarness } from "./harness.js"

const METRICS_TOKEN = "metrics-token-for-tests-0123456789"
let h: Harness

beforeAll(async () => {
  h = await startHarness(0, { metricsToken: METRICS_TOKEN })
})
afterAll(async () => {
  await h?.close()
})

const post = async (path: string, body: unknown) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> }
}
const signIn = async () => {
  const r = await post("/api/v1/auth/login", { email: "admin@demo.fleetcore.local", password: DEMO_PASSWORD })
  expect(r.status).toBe(200)
  return r.body as { accessToken: string; refreshToken: string }
}
const refresh = (refreshToken: string) => post("/api/v1/auth/refresh", { refreshToken })

describe("refresh token families", () => {
  it("replaying a rotated refresh token revokes every token of that login", async () => {
    const first = await signIn()
    const second = await refresh(first.refreshToken)
    expect(second.status).toBe(200)
    expect((await refresh(first.refreshToken)).status).toBe(401)
    expect((await refresh(second.body.refreshToken as string)).status).toBe(401)
  })

  it("logging out with any token of a login ends the login", async () => {
    const first = await signIn()
    const second = await refresh(first.refreshToken)
    const other = await signIn()
    expect((await post("/api/v1/auth/logout", { refreshToken: first.refreshToken })).status).toBe(204)
    expect((await refresh(second.body.refreshToken as string)).status).toBe(401)
    expect((await refresh(other.refreshToken)).status).toBe(200)
  })
})

describe("access token claims", () => {
  const forge = async (claims: Record<string, unknown>, withExp: boolean) => {
    const secret = new Uint8Array(await readFile(join(h.dataDir, "jwt.secret")))
    const me = await signIn()
    const sub = JSON.parse(Buffer.from(me.accessToken.split(".")[1] ?? "", "base64url").toString()).sub
    const now = Math.floor(Date.now() / 1000)
    const payload = {
      ...claims,
      sub,
      iss: "fleetcore",
      aud: "fleetcore-api",
      iat: now,
      ...(withExp ? { exp: now + 600 } : {}),
    }
    // HS256 by hand (RFC 7515): signed with FleetCore's own key, so only the claims are at fault.
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
    const unsigned = `${part({ alg: "HS256" })}.${part(payload)}`
    return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`
  }
  const vehicles = async (token: string) =>
    (await fetch(`${h.fleet.httpUrl}/api/v1/vehicles`, { headers: { authorization: `Bearer ${token}` } }))
      .status

  it("refuses a correctly signed token without exp, and one whose org is not a UUID", async () => {
    const org = (
      await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows[0]?.id
    expect(await vehicles(await forge({ org, role: "admin" }, true))).toBe(200)
    expect(await vehicles(await forge({ org, role: "admin" }, false))).toBe(401)
    expect(await vehicles(await forge({ org: "not-a-uuid", role: "admin" }, true))).toBe(401)
  })
})

describe("/metrics", () => {
  const metrics = (authorization?: string) =>
    fetch(`${h.fleet.httpUrl}/metrics`, authorization === undefined ? {} : { headers: { authorization } })

  it("needs the configured bearer token", async () => {
    expect((await metrics()).status).toBe(401)
    expect((await metrics("Bearer wrong-token")).status).toBe(401)
    const ok = await metrics(`Bearer ${METRICS_TOKEN}`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain("# HELP")
  })

  it("reports the hops of a running FleetCore: the engine's lag per partition, its jobs and its rules thread's collections", async () => {
    const text = async () => (await metrics(`Bearer ${METRICS_TOKEN}`)).text()
    await expect
      .poll(async () => {
        const now = await text()
        return [
          /^fleet_bus_consumer_lag_records\{topic="fleet\.telemetry\.v1",group="engine",partition="0"\} \d+$/mu.test(
            now,
          ),
          /^fleet_engine_job_seconds_count\{job="vehicle state flush"\} [1-9]/mu.test(now),
          // The rules run on their own thread by default; its collections are the engine's to report.
          /^fleet_rules_thread_gc_duration_seconds_count\{kind="minor"\} [1-9]/mu.test(now),
        ]
      })
      .toEqual([true, true, true])
  })
})
