import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

/** Browser sessions (cookies + CSRF), bearer clients beside them, the owner's switch, who may sign in. */
let h: Harness
let admin: ApiClient
let demoOrgId: string
const ADMIN = "admin@demo.fleetcore.local"

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown> | null
  /** Set-Cookie values by cookie name. */
  readonly cookies: ReadonlyMap<string, string>
}

/** A browser's cookies for the API, as far as these tests need them (no paths or expiry). */
class Jar {
  readonly values = new Map<string, string>()
  take(answer: Answer): void {
    for (const [name, line] of answer.cookies) {
      const value = line.slice(name.length + 1).split(";")[0] ?? ""
      if (/Max-Age=0(;|$)/u.test(line)) this.values.delete(name)
      else this.values.set(name, value)
    }
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ")
  }
  get csrf(): string {
    return this.values.get("fleet_csrf") ?? ""
  }
}

const send = async (
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await r.text()
  const cookies = new Map(r.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf("=")), line]))
  return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, cookies }
}

const errorCode = (a: Answer) => (a.body?.error as { code?: string } | undefined)?.code

/** Signs in as a browser: the cookies land in a new jar. */
const browserLogin = async (email = ADMIN, password = DEMO_PASSWORD) => {
  const jar = new Jar()
  const answer = await send("POST", "/api/v1/auth/login", { body: { email, password, session: "cookie" } })
  expect(answer.status).toBe(200)
  jar.take(answer)
  return { jar, answer }
}

const addUser = async (
  orgId: string,
  email: string,
  role: string,
  options: { password?: string | null; disabled?: boolean } = {},
) => {
  const password = options.password === undefined ? "a-password-for-tests" : options.password
  await h.fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role, disabled) VALUES ($1, $2, 'User', $3, $4, $5)",
    [orgId, email, password === null ? null : await hashSecret(password), role, options.disabled ?? false],
  )
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, ADMIN, DEMO_PASSWORD)
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  demoOrgId = org.rows[0]?.id as string
})
afterAll(async () => {
  await h?.close()
})

describe("browser sessions", () => {
  it("sets httpOnly SameSite=Strict cookies instead of answering tokens", async () => {
    const { jar, answer } = await browserLogin()
    expect(answer.body).toMatchObject({ accessToken: null, refreshToken: null, expiresInS: 900 })
    expect(answer.body?.csrfToken).toBe(jar.csrf)
    expect(answer.cookies.get("fleet_session")).toMatch(
      /; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict$/u,
    )
    expect(answer.cookies.get("fleet_refresh")).toMatch(
      /; Max-Age=\d+; Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Strict$/u,
    )
    const csrf = answer.cookies.get("fleet_csrf") ?? ""
    expect(csrf).toMatch(/; Path=\/; Secure; SameSite=Strict$/u)
    expect(csrf).not.toContain("HttpOnly")

    const me = await send("GET", "/api/v1/me", { headers: { cookie: jar.header() } })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ email: ADMIN, role: "admin", orgId: demoOrgId, homeOrgId: demoOrgId })
    expect(me.body?.permissions).toContain("vehicles.manage")
    expect(me.body?.permissions).not.toContain("organisations.manage")
  })

  it("refuses a cookie-authenticated change without the session's CSRF token", async () => {
    const { jar } = await browserLogin()
    const other = await browserLogin()
    const vehicle = { name: "Cookie car", plate: "CSRF 001" }
    const post = (csrf?: string) =>
      send("POST", "/api/v1/vehicles", {
        body: vehicle,
        headers: { cookie: jar.header(), ...(csrf === undefined ? {} : { "x-fleet-csrf": csrf }) },
      })
    for (const csrf of [undefined, "", "forged-token", other.jar.csrf]) {
      const refused = await post(csrf)
      expect(refused.status).toBe(403)
      expect(errorCode(refused)).toBe("FLEET_CSRF_INVALID")
    }
    // A fleet_csrf cookie planted beside the session (a sibling domain can) does not help either.
    const planted = await send("POST", "/api/v1/vehicles", {
      body: vehicle,
      headers: { cookie: `${jar.header()}; fleet_csrf=planted`, "x-fleet-csrf": "planted" },
    })
    expect(planted.status).toBe(403)
    expect((await post(jar.csrf)).status).toBe(201)
  })

  it("refreshes through the cookie (with the CSRF header), rotating the refresh token", async () => {
    const { jar } = await browserLogin()
    const before = new Map(jar.values)
    const noCsrf = await send("POST", "/api/v1/auth/refresh", { body: {}, headers: { cookie: jar.header() } })
    expect(noCsrf.status).toBe(403)
    expect(errorCode(noCsrf)).toBe("FLEET_CSRF_INVALID")

    const refreshed = await send("POST", "/api/v1/auth/refresh", {
      body: {},
      headers: { cookie: jar.header(), "x-fleet-csrf": jar.csrf },
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body).toMatchObject({ accessToken: null, refreshToken: null, csrfToken: jar.csrf })
    jar.take(refreshed)
    expect(jar.values.get("fleet_refresh")).not.toBe(before.get("fleet_refresh"))
    expect((await send("GET", "/api/v1/me", { headers: { cookie: jar.header() } })).status).toBe(200)

    // The rotated-away cookie is a replay: refused, and it ends the login.
    const stale = `fleet_refresh=${before.get("fleet_refresh")}`
    const replay = await send("POST", "/api/v1/auth/refresh", {
      body: {},
      headers: { cookie: stale, "x-fleet-csrf": jar.csrf },
    })
    expect(replay.status).toBe(401)
    expect(errorCode(replay)).toBe("FLEET_AUTH_REFRESH_INVALID")
    const after = await send("POST", "/api/v1/auth/refresh", {
      body: {},
      headers: { cookie: jar.header(), "x-fleet-csrf": jar.csrf },
    })
    expect(after.status).toBe(401)
  })

  it("logout revokes the login and clears the three cookies", async () => {
    const { jar } = await browserLogin()
    const refreshCookie = `fleet_refresh=${jar.values.get("fleet_refresh")}`
    const csrf = jar.csrf
    const out = await send("POST", "/api/v1/auth/logout", {
      body: {},
      headers: { cookie: jar.header(), "x-fleet-csrf": csrf },
    })
    expect(out.status).toBe(204)
    for (const name of ["fleet_session", "fleet_refresh", "fleet_csrf"]) {
      expect(out.cookies.get(name)).toMatch(new RegExp(`^${name}=; Max-Age=0; `, "u"))
    }
    jar.take(out)
    expect(jar.values.size).toBe(0)
    const again = await send("POST", "/api/v1/auth/refresh", {
      body: {},
      headers: { cookie: refreshCookie, "x-fleet-csrf": csrf },
    })
    expect(again.status).toBe(401)
    const audited = await h.fleet.db.system.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('auth.login', 'auth.logout') ORDER BY seq DESC LIMIT 1",
    )
    expect(audited.rows[0]?.action).toBe("auth.logout")
  })

  it("leaves bearer clients as they were: tokens in the body, no cookies, no CSRF header", async () => {
    const answer = await send("POST", "/api/v1/auth/login", {
      body: { email: ADMIN, password: DEMO_PASSWORD },
    })
    expect(answer.status).toBe(200)
    expect(answer.cookies.size).toBe(0)
    expect(answer.body).toMatchObject({ csrfToken: null })
    const access = answer.body?.accessToken as string
    const created = await send("POST", "/api/v1/vehicles", {
      body: { name: "Bearer car", plate: "BEAR 001" },
      headers: { authorization: `Bearer ${access}` },
    })
    expect(created.status).toBe(201)
    // A bearer header wins over a session cookie, so an API client never needs the CSRF header.
    const { jar } = await browserLogin()
    const both = await send("POST", "/api/v1/vehicles", {
      body: { name: "Bearer car 2", plate: "BEAR 002" },
      headers: { authorization: `Bearer ${access}`, cookie: jar.header() },
    })
    expect(both.status).toBe(201)
    const refreshed = await send("POST", "/api/v1/auth/refresh", {
      body: { refreshToken: answer.body?.refreshToken },
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.cookies.size).toBe(0)
    expect(typeof refreshed.body?.refreshToken).toBe("string")
  })

  it("records the sign-in time and audits logins and refused logins", async () => {
    await addUser(demoOrgId, "audited@demo.fleetcore.local", "viewer")
    const refused = await send("POST", "/api/v1/auth/login", {
      body: { email: "audited@demo.fleetcore.local", password: "wrong-password" },
    })
    expect(refused.status).toBe(401)
    await browserLogin("audited@demo.fleetcore.local", "a-password-for-tests")
    const user = await h.fleet.db.system.query<{ id: string; last_login_at: Date | null }>(
      "SELECT id, last_login_at FROM users WHERE email = 'audited@demo.fleetcore.local'",
    )
    expect(user.rows[0]?.last_login_at).toBeInstanceOf(Date)
    const entries = await eventually(async () => {
      const r = await h.fleet.db.system.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq",
        [user.rows[0]?.id],
      )
      return r.rows.length >= 2 ? r.rows.map((x) => x.action) : undefined
    })
    // The refusal is audited without being awaited (so it answers as fast as an unknown e-mail): under
    // load its entry may land after the sign-in's.
    expect(entries?.toSorted()).toEqual(["auth.login", "auth.login-failed"])
  })
})

describe("the live feed", () => {
  const liveUrl = () => `${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live`

  it("accepts the session cookie from its own origin and pushes positions", async () => {
    const { jar } = await browserLogin()
    const car = await provision(admin, "cookie-live-1", "LIVE 001")
    const ws = new WebSocket(liveUrl(), { headers: { cookie: jar.header(), origin: h.fleet.httpUrl } })
    const seen: Array<{ vehicleId: string }> = []
    ws.on("message", (data) => seen.push(...(JSON.parse(String(data)).positions ?? [])))
    await new Promise((resolve, reject) => {
      ws.once("open", resolve)
      ws.once("error", reject)
    })
    await publishPoints(h.fleet, car, [{ timeMs: Date.now(), lat: 43.24, lon: 76.89, speedMps: 5 }])
    await eventually(async () => (seen.some((p) => p.vehicleId === car.vehicleId) ? true : undefined))
    ws.close()
  })

  it("refuses the session cookie from a foreign origin, and without one", async () => {
    const { jar } = await browserLogin()
    for (const headers of [
      { cookie: jar.header(), origin: "https://evil.example" },
      { cookie: jar.header() },
    ]) {
      const ws = new WebSocket(liveUrl(), { headers })
      const status = await new Promise<number>((resolve) => {
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0))
        ws.once("open", () => resolve(101))
      })
      expect(status).toBe(403)
    }
  })

  it("keeps ?access_token= for API clients", async () => {
    const ws = new WebSocket(`${liveUrl()}?access_token=${admin.token}`)
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)))
    await new Promise((resolve) => ws.once("open", resolve))
    ws.close(1000)
    expect(await closed).toBe(1000)
    const bad = new WebSocket(`${liveUrl()}?access_token=not-a-token`)
    expect(await new Promise<number>((resolve) => bad.once("close", (code) => resolve(code)))).toBe(4401)
  })

  it("closes a live socket once its account changes, not when its token expires", async () => {
    await addUser(demoOrgId, "watcher@live.example", "dispatcher")
    const watcher = await login(h.fleet, "watcher@live.example", "a-password-for-tests")
    const ws = new WebSocket(`${liveUrl()}?access_token=${watcher.token}`)
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)))
    await new Promise((resolve) => ws.once("open", resolve))
    // Still open a moment later: the token verified and the account stands.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(ws.readyState).toBe(WebSocket.OPEN)
    await h.fleet.db.system.query("UPDATE users SET disabled = true WHERE email = 'watcher@live.example'")
    expect(await closed).toBe(4401)
  })
})

describe("the owner's organisation switch", () => {
  it("acts in the other organisation, keeps acting there on refresh, and goes back", async () => {
    await addUser(demoOrgId, "owner@switch.example", "owner")
    const other = await createOrg(h.fleet, "switch-target", "target-password-123")
    const otherAdmin = await login(h.fleet, other.email, "target-password-123")
    expect(
      (await otherAdmin.call("POST", "/api/v1/vehicles", { name: "Theirs", plate: "THEIR 01" })).status,
    ).toBe(201)
    const owner = await send("POST", "/api/v1/auth/login", {
      body: { email: "owner@switch.example", password: "a-password-for-tests" },
    })
    const bearer = (token: unknown) => ({ authorization: `Bearer ${String(token)}` })
    const switched = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: other.orgId },
      headers: bearer(owner.body?.accessToken),
    })
    expect(switched.status).toBe(200)
    expect(switched.body?.user).toMatchObject({
      orgId: other.orgId,
      orgName: "Org switch-target",
      homeOrgId: demoOrgId,
    })
    const vehicles = await send("GET", "/api/v1/vehicles", { headers: bearer(switched.body?.accessToken) })
    const items = (vehicles.body?.items ?? []) as Array<{ plate: string }>
    expect(items.map((v) => v.plate)).toEqual(["THEIR 01"])

    // The refresh token of the switched session keeps the organisation; the one before it is gone.
    expect(
      (await send("POST", "/api/v1/auth/refresh", { body: { refreshToken: owner.body?.refreshToken } }))
        .status,
    ).toBe(401)
    const owner2 = await send("POST", "/api/v1/auth/login", {
      body: { email: "owner@switch.example", password: "a-password-for-tests" },
    })
    const again = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: other.orgId },
      headers: bearer(owner2.body?.accessToken),
    })
    const refreshed = await send("POST", "/api/v1/auth/refresh", {
      body: { refreshToken: again.body?.refreshToken },
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body?.user).toMatchObject({ orgId: other.orgId, homeOrgId: demoOrgId })
    const me = await send("GET", "/api/v1/me", { headers: bearer(refreshed.body?.accessToken) })
    expect(me.body).toMatchObject({ orgId: other.orgId, homeOrgId: demoOrgId, role: "owner" })

    const back = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: demoOrgId },
      headers: bearer(refreshed.body?.accessToken),
    })
    expect(back.body?.user).toMatchObject({ orgId: demoOrgId, homeOrgId: demoOrgId })
    const audited = await h.fleet.db.system.query<{ details: { from: string; to: string } }>(
      "SELECT details FROM audit_log WHERE org_id = $1 AND action = 'auth.switch-organisation'",
      [other.orgId],
    )
    expect(audited.rows[0]?.details).toMatchObject({ from: demoOrgId, to: other.orgId })
  })

  it("switches a browser session too, with its cookies", async () => {
    const { jar } = await browserLogin("owner@switch.example", "a-password-for-tests")
    const target = await h.fleet.db.system.query<{ id: string }>(
      "SELECT id FROM organisations WHERE slug = 'switch-target'",
    )
    const noCsrf = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: target.rows[0]?.id },
      headers: { cookie: jar.header() },
    })
    expect(noCsrf.status).toBe(403)
    const switched = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: target.rows[0]?.id },
      headers: { cookie: jar.header(), "x-fleet-csrf": jar.csrf },
    })
    expect(switched.status).toBe(200)
    expect(switched.body).toMatchObject({ accessToken: null, csrfToken: jar.csrf })
    jar.take(switched)
    const me = await send("GET", "/api/v1/me", { headers: { cookie: jar.header() } })
    expect(me.body).toMatchObject({ orgId: target.rows[0]?.id, homeOrgId: demoOrgId })
  })

  it("is refused to an admin, and for an organisation that does not exist", async () => {
    const org = (
      await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug <> 'demo'")
    ).rows[0]?.id
    const byAdmin = await send("POST", "/api/v1/auth/switch-organisation", {
      body: { organisationId: org },
      headers: { authorization: `Bearer ${admin.token}` },
    })
    expect(byAdmin.status).toBe(403)
    expect(errorCode(byAdmin)).toBe("FLEET_FORBIDDEN")
    const owner = await login(h.fleet, "owner@switch.example", "a-password-for-tests")
    const unknown = await owner.call("POST", "/api/v1/auth/switch-organisation", {
      organisationId: "00000000-0000-4000-8000-000000000000",
    })
    expect(unknown.status).toBe(404)
    expect((unknown.body as { error: { code: string } }).error.code).toBe("FLEET_ORGANISATION_NOT_FOUND")
  })
})

describe("who may sign in", () => {
  it("keeps a suspended organisation's users out: no sign-in, no refresh", async () => {
    const org = await createOrg(h.fleet, "suspended-co", "suspended-password-1")
    const before = await send("POST", "/api/v1/auth/login", {
      body: { email: org.email, password: "suspended-password-1" },
    })
    expect(before.status).toBe(200)
    await h.fleet.db.system.query("UPDATE organisations SET status = 'suspended' WHERE id = $1", [org.orgId])
    const signIn = await send("POST", "/api/v1/auth/login", {
      body: { email: org.email, password: "suspended-password-1" },
    })
    expect(signIn.status).toBe(403)
    expect(errorCode(signIn)).toBe("FLEET_ORGANISATION_SUSPENDED")
    const refresh = await send("POST", "/api/v1/auth/refresh", {
      body: { refreshToken: before.body?.refreshToken },
    })
    expect(refresh.status).toBe(403)
    expect(errorCode(refresh)).toBe("FLEET_ORGANISATION_SUSPENDED")
    // The wrong password still gets the answer any wrong password gets: suspension is not disclosed.
    const wrong = await send("POST", "/api/v1/auth/login", {
      body: { email: org.email, password: "wrong-one" },
    })
    expect(wrong.status).toBe(401)
  })

  it("refuses disabled and invited users with the answer a wrong password gets", async () => {
    await addUser(demoOrgId, "disabled@demo.fleetcore.local", "manager", { disabled: true })
    await addUser(demoOrgId, "invited@demo.fleetcore.local", "driver", { password: null })
    const disabled = await send("POST", "/api/v1/auth/login", {
      body: { email: "disabled@demo.fleetcore.local", password: "a-password-for-tests" },
    })
    expect(disabled.status).toBe(401)
    expect(errorCode(disabled)).toBe("FLEET_AUTH_INVALID_CREDENTIALS")
    // Not even with the password the server verifies unknown accounts against.
    for (const password of ["a-password-for-tests", "decoy-password-for-timing"]) {
      const invited = await send("POST", "/api/v1/auth/login", {
        body: { email: "invited@demo.fleetcore.local", password },
      })
      expect(invited.status).toBe(401)
      expect(errorCode(invited)).toBe("FLEET_AUTH_INVALID_CREDENTIALS")
    }
  })
})
