import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/**
 * Users of an organisation: created without a password and given a one-time link to choose one,
 * edited, deactivated (their sessions end), protected from granting roles above the caller and from
 * locking themselves out, invisible to other organisations; and the signed-in user's own profile.
 */
let h: Harness
let admin: ApiClient
let adminId: string
let demoOrgId: string
let foreignAdmin: ApiClient

interface User {
  id: string
  email: string
  name: string
  phone: string | null
  role: string
  locale: string
  status: "active" | "invited" | "disabled"
  totpEnabled: boolean
  lastLoginAt: string | null
  createdAt: string
}
interface Created {
  user: User
  passwordLink: { url: string; expiresAt: string }
}
interface ErrorBody {
  error: { code: string; message: string; field?: string }
}

const post = async (path: string, body: unknown) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  return { status: r.status, body: (text ? JSON.parse(text) : null) as ErrorBody & { refreshToken: string } }
}
const tokenOf = (url: string): string => new URL(url).hash.replace(/^#token=/u, "")
const setPassword = (url: string, password: string) =>
  post("/api/v1/auth/set-password", { token: tokenOf(url), password })
const signIn = (email: string, password: string) => post("/api/v1/auth/login", { email, password })

const createUser = async (email: string, role: string, name = "New Person") => {
  const r = await admin.call<Created>("POST", "/api/v1/users", { email, name, role })
  expect(r.status).toBe(201)
  return r.body
}

const auditOf = async (entityId: string) =>
  (
    await h.fleet.db.system.query<{
      action: string
      old_values: unknown
      new_values: unknown
      details: unknown
    }>("SELECT action, old_values, new_values, details FROM audit_log WHERE entity_id = $1 ORDER BY seq", [
      entityId,
    ])
  ).rows

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const me = await h.fleet.db.system.query<{ id: string; org_id: string }>(
    "SELECT id, org_id FROM users WHERE email = 'admin@demo.fleetcore.local'",
  )
  adminId = me.rows[0]?.id as string
  demoOrgId = me.rows[0]?.org_id as string
  const other = await createOrg(h.fleet, "other-users", "other-admin-password")
  foreignAdmin = await login(h.fleet, other.email, "other-admin-password")
})
afterAll(async () => {
  await h?.close()
})

describe("users and one-time links", () => {
  it("creates an invited user with a link; the link sets the password once and sign-in works", async () => {
    const created = await createUser("Dana.Driver@Example.kz", "driver", "Dana Driver")
    expect(created.user).toMatchObject({ email: "dana.driver@example.kz", role: "driver", status: "invited" })
    expect(created.passwordLink.url).toMatch(
      new RegExp(`^${h.fleet.httpUrl.replace(/[.]/gu, "\\.")}/set-password#token=[A-Za-z0-9_-]{43}$`, "u"),
    )
    const days = (Date.parse(created.passwordLink.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    // No password yet: no sign-in.
    expect((await signIn("dana.driver@example.kz", "anything-at-all")).status).toBe(401)

    const weak = await setPassword(created.passwordLink.url, "password123")
    expect(weak.status).toBe(422)
    expect(weak.body.error).toMatchObject({ code: "FLEET_PASSWORD_WEAK", field: "password" })
    const personal = await setPassword(created.passwordLink.url, "Dana Driver")
    expect(personal.body.error.code).toBe("FLEET_PASSWORD_WEAK")
    // A refused password does not use the link up.
    expect((await setPassword(created.passwordLink.url, "steppe-wind-2026")).status).toBe(204)
    expect((await signIn("dana.driver@example.kz", "steppe-wind-2026")).status).toBe(200)
    const reused = await setPassword(created.passwordLink.url, "another-long-one-42")
    expect(reused.status).toBe(400)
    expect(reused.body.error.code).toBe("FLEET_PASSWORD_LINK_INVALID")
    const got = await admin.call<User>("GET", `/api/v1/users/${created.user.id}`)
    expect(got.body.status).toBe("active")
    expect(got.body.lastLoginAt === null || typeof got.body.lastLoginAt === "string").toBe(true)

    const stored = await h.fleet.db.system.query<{ token_hash: Buffer; password_hash: string }>(
      "SELECT l.token_hash, u.password_hash FROM password_links l JOIN users u ON u.id = l.user_id WHERE u.id = $1",
      [created.user.id],
    )
    // Only the SHA-256 of the token is kept; the password as an argon2id hash.
    expect(stored.rows[0]?.token_hash.length).toBe(32)
    expect(stored.rows[0]?.password_hash).toMatch(/^\$argon2id\$/u)
    const actions = (await auditOf(created.user.id)).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(["user.create", "user.password-set"]))
    const creation = (await auditOf(created.user.id)).find((e) => e.action === "user.create")
    expect(JSON.stringify(creation)).not.toMatch(/argon2|token/u)
  })

  it("refuses an expired link and an unknown one", async () => {
    const created = await createUser("late.larry@example.kz", "viewer")
    await h.fleet.db.system.query(
      "UPDATE password_links SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [created.user.id],
    )
    const expired = await setPassword(created.passwordLink.url, "steppe-wind-2026")
    expect([expired.status, expired.body.error.code]).toEqual([400, "FLEET_PASSWORD_LINK_INVALID"])
    const unknown = await post("/api/v1/auth/set-password", {
      token: "A".repeat(43),
      password: "steppe-wind-2026",
    })
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "FLEET_PASSWORD_LINK_INVALID"])
  })

  it("issues a new link on request; the earlier one stops working", async () => {
    const created = await createUser("twice.tom@example.kz", "analyst")
    const again = await admin.call<{ url: string; expiresAt: string }>(
      "POST",
      `/api/v1/users/${created.user.id}/password-link`,
    )
    expect(again.status).toBe(201)
    expect(again.body.url).not.toBe(created.passwordLink.url)
    expect((await setPassword(created.passwordLink.url, "steppe-wind-2026")).body.error.code).toBe(
      "FLEET_PASSWORD_LINK_INVALID",
    )
    expect((await setPassword(again.body.url, "steppe-wind-2026")).status).toBe(204)
  })

  it("gives a new user the organisation's language unless one is chosen", async () => {
    const other = await createOrg(h.fleet, "russian-speaking", "russian-admin-password")
    await h.fleet.db.system.query(
      `UPDATE organisations SET settings = settings || '{"language": "ru"}'::jsonb WHERE id = $1`,
      [other.orgId],
    )
    const ruAdmin = await login(h.fleet, other.email, "russian-admin-password")
    const plain = await ruAdmin.call<Created>("POST", "/api/v1/users", {
      email: "ivan@example.ru",
      name: "Ivan",
      role: "viewer",
    })
    expect(plain.body.user.locale).toBe("ru")
    const chosen = await ruAdmin.call<Created>("POST", "/api/v1/users", {
      email: "aigul@example.kz",
      name: "Aigul",
      role: "viewer",
      locale: "kk",
    })
    expect(chosen.body.user.locale).toBe("kk")
  })

  it("refuses an e-mail that exists anywhere in the installation (409)", async () => {
    await createUser("taken@example.kz", "viewer")
    for (const [api, email] of [
      [admin, "TAKEN@example.kz"],
      [foreignAdmin, "taken@example.kz"],
      [admin, "admin@other-users.example"],
    ] as const) {
      const r = await api.call<ErrorBody>("POST", "/api/v1/users", { email, name: "Dup", role: "viewer" })
      expect([email, r.status, r.body.error.code]).toEqual([email, 409, "FLEET_USER_EXISTS"])
    }
  })

  it("lists users with paging, sort, search, role and status filters and the total", async () => {
    const all = await admin.call<{ items: User[]; total: number }>(
      "GET",
      "/api/v1/users?sort=email&pageSize=200",
    )
    expect(all.status).toBe(200)
    const emails = all.body.items.map((u) => u.email)
    expect(emails).toEqual([...emails].sort())
    expect(all.body.total).toBe(all.body.items.length)
    expect(emails).not.toContain("admin@other-users.example")
    const page = await admin.call<{ items: User[]; total: number; page: number }>(
      "GET",
      "/api/v1/users?sort=email&pageSize=2&page=2",
    )
    expect(page.body.items.map((u) => u.email)).toEqual(emails.slice(2, 4))
    expect(page.body.total).toBe(all.body.total)
    const searched = await admin.call<{ items: User[] }>("GET", "/api/v1/users?q=dana")
    expect(searched.body.items.map((u) => u.email)).toEqual(["dana.driver@example.kz"])
    const drivers = await admin.call<{ items: User[] }>("GET", "/api/v1/users?role=driver")
    expect(drivers.body.items.every((u) => u.role === "driver")).toBe(true)
    const invited = await admin.call<{ items: User[] }>("GET", "/api/v1/users?status=invited")
    expect(invited.body.items.map((u) => u.email)).toContain("late.larry@example.kz")
    expect(invited.body.items.every((u) => u.status === "invited")).toBe(true)
    const bad = await admin.call<ErrorBody>("GET", "/api/v1/users?status=sleeping")
    expect([bad.status, bad.body.error.code]).toEqual([400, "FLEET_QUERY_INVALID"])
  })

  it("edits a user and audits the old and new values", async () => {
    const created = await createUser("edit.me@example.kz", "viewer")
    const r = await admin.call<User>("PATCH", `/api/v1/users/${created.user.id}`, {
      name: "Edited Name",
      role: "dispatcher",
      phone: "+7 701 123 4567",
      locale: "ru",
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      name: "Edited Name",
      role: "dispatcher",
      phone: "+7 701 123 4567",
      locale: "ru",
    })
    const update = (await auditOf(created.user.id)).find((e) => e.action === "user.update")
    expect(update?.old_values).toEqual({ name: "New Person", role: "viewer", phone: null, locale: "en" })
    expect(update?.new_values).toEqual({
      name: "Edited Name",
      role: "dispatcher",
      phone: "+7 701 123 4567",
      locale: "ru",
    })
  })

  it("deactivation ends the user's sessions and sign-in; reactivation lets them back", async () => {
    const created = await createUser("leaving.lena@example.kz", "manager")
    await setPassword(created.passwordLink.url, "steppe-wind-2026")
    const session = await signIn("leaving.lena@example.kz", "steppe-wind-2026")
    expect(session.status).toBe(200)
    const off = await admin.call<User>("PATCH", `/api/v1/users/${created.user.id}`, { disabled: true })
    expect(off.body.status).toBe("disabled")
    expect((await post("/api/v1/auth/refresh", { refreshToken: session.body.refreshToken })).status).toBe(401)
    expect((await signIn("leaving.lena@example.kz", "steppe-wind-2026")).status).toBe(401)
    expect((await auditOf(created.user.id)).map((e) => e.action)).toContain("user.deactivate")
    const on = await admin.call<User>("PATCH", `/api/v1/users/${created.user.id}`, { disabled: false })
    expect(on.body.status).toBe("active")
    expect((await signIn("leaving.lena@example.kz", "steppe-wind-2026")).status).toBe(200)
  })
})

describe("access tokens follow their account", () => {
  const as = async (token: string, path: string) => {
    const r = await fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    return { status: r.status, body: (await r.json()) as ErrorBody & { role?: string } }
  }
  const codeOf = async (token: string) => (await as(token, "/api/v1/me")).body.error?.code ?? "ok"
  type Tokens = { accessToken: string; refreshToken: string }

  it("a new role, a deactivation and a logout take effect at once, not when the token expires", async () => {
    const created = await createUser("moving.marat@example.kz", "viewer")
    await setPassword(created.passwordLink.url, "tien-shan-2026")
    const first = (await signIn("moving.marat@example.kz", "tien-shan-2026")).body as unknown as Tokens
    expect(await codeOf(first.accessToken)).toBe("ok")

    // A new role: the token says viewer, so it is expired; the refreshed one says driver.
    await admin.call("PATCH", `/api/v1/users/${created.user.id}`, { role: "driver" })
    await expect.poll(() => codeOf(first.accessToken)).toBe("FLEET_AUTH_TOKEN_EXPIRED")
    const refreshed = await post("/api/v1/auth/refresh", { refreshToken: first.refreshToken })
    expect(refreshed.status).toBe(200)
    const second = refreshed.body as unknown as Tokens
    expect((await as(second.accessToken, "/api/v1/me")).body.role).toBe("driver")

    // Deactivated: no token of the account stands.
    await admin.call("PATCH", `/api/v1/users/${created.user.id}`, { disabled: true })
    await expect.poll(() => codeOf(second.accessToken)).toBe("FLEET_AUTH_TOKEN_INVALID")
    await admin.call("PATCH", `/api/v1/users/${created.user.id}`, { disabled: false })

    // Logged out: that login's access token ends with it; another login of the account goes on.
    const third = (await signIn("moving.marat@example.kz", "tien-shan-2026")).body as unknown as Tokens
    const other = (await signIn("moving.marat@example.kz", "tien-shan-2026")).body as unknown as Tokens
    expect(await codeOf(third.accessToken)).toBe("ok")
    expect((await post("/api/v1/auth/logout", { refreshToken: third.refreshToken })).status).toBe(204)
    await expect.poll(() => codeOf(third.accessToken)).toBe("FLEET_AUTH_TOKEN_INVALID")
    expect(await codeOf(other.accessToken)).toBe("ok")
    // A refresh rotates the login's token; its access tokens stand throughout.
    const rotated = await post("/api/v1/auth/refresh", { refreshToken: other.refreshToken })
    expect(rotated.status).toBe(200)
    expect(await codeOf(other.accessToken)).toBe("ok")
    expect(await codeOf((rotated.body as unknown as Tokens).accessToken)).toBe("ok")
  })
})

describe("role rules", () => {
  it("an admin cannot make an owner, nor edit or reset one (403)", async () => {
    const create = await admin.call<ErrorBody>("POST", "/api/v1/users", {
      email: "boss@example.kz",
      name: "Boss",
      role: "owner",
    })
    expect([create.status, create.body.error.code]).toEqual([403, "FLEET_ROLE_NOT_GRANTABLE"])
    const someone = await createUser("climber@example.kz", "viewer")
    const promote = await admin.call<ErrorBody>("PATCH", `/api/v1/users/${someone.user.id}`, {
      role: "owner",
    })
    expect([promote.status, promote.body.error.code]).toEqual([403, "FLEET_ROLE_NOT_GRANTABLE"])
    await h.fleet.db.system.query(
      "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'owner@users-test.example', 'Owner', $2, 'owner')",
      [demoOrgId, await hashSecret("owner-password-for-tests")],
    )
    const ownerId = (
      await h.fleet.db.system.query<{ id: string }>(
        "SELECT id FROM users WHERE email = 'owner@users-test.example'",
      )
    ).rows[0]?.id as string
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/users/${ownerId}`, { disabled: true }],
      ["POST", `/api/v1/users/${ownerId}/password-link`, undefined],
    ] as const) {
      const r = await admin.call<ErrorBody>(method, path, body)
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, "FLEET_ROLE_NOT_GRANTABLE"])
    }
    // The owner may make another owner.
    const owner = await login(h.fleet, "owner@users-test.example", "owner-password-for-tests")
    const made = await owner.call<Created>("POST", "/api/v1/users", {
      email: "second.owner@example.kz",
      name: "Second Owner",
      role: "owner",
    })
    expect(made.status).toBe(201)
  })

  it("nobody deactivates or demotes themselves (409)", async () => {
    for (const body of [{ disabled: true }, { role: "viewer" }]) {
      const r = await admin.call<ErrorBody>("PATCH", `/api/v1/users/${adminId}`, body)
      expect([r.status, r.body.error.code]).toEqual([409, "FLEET_USER_SELF"])
    }
    const rename = await admin.call<User>("PATCH", `/api/v1/users/${adminId}`, {
      name: "Demo Admin",
      role: "admin",
    })
    expect(rename.status).toBe(200)
  })

  it("managers read users but cannot change them", async () => {
    const created = await createUser("manny.manager@example.kz", "manager")
    await setPassword(created.passwordLink.url, "steppe-wind-2026")
    const manager = await login(h.fleet, "manny.manager@example.kz", "steppe-wind-2026")
    expect((await manager.call("GET", "/api/v1/users")).status).toBe(200)
    const r = await manager.call<ErrorBody>("POST", "/api/v1/users", {
      email: "x@example.kz",
      name: "X",
      role: "viewer",
    })
    expect([r.status, r.body.error.code]).toEqual([403, "FLEET_FORBIDDEN"])
  })

  it("another organisation's user ids answer 404, exactly like unknown ones", async () => {
    const mine = await createUser("private.pat@example.kz", "viewer")
    for (const id of [mine.user.id, "0b8e1c1a-0000-4000-8000-000000000000", "nope"]) {
      for (const [method, path, body] of [
        ["GET", `/api/v1/users/${id}`, undefined],
        ["PATCH", `/api/v1/users/${id}`, { name: "Hijacked" }],
        ["POST", `/api/v1/users/${id}/password-link`, undefined],
      ] as const) {
        const r = await foreignAdmin.call<ErrorBody>(method, path, body)
        expect([path, r.status, r.body.error.code]).toEqual([path, 404, "FLEET_USER_NOT_FOUND"])
      }
    }
    expect((await admin.call<User>("GET", `/api/v1/users/${mine.user.id}`)).body.name).toBe("New Person")
  })
})

describe("profile", () => {
  it("changes the own name, phone, language and theme and answers Me", async () => {
    const r = await admin.call<{
      name: string
      theme: string
      locale: string
      phone: string
      permissions: string[]
      homeOrgId: string
    }>("PATCH", "/api/v1/me", { name: "Aliya Admin", phone: "+7 727 000 1122", locale: "kk", theme: "dark" })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      name: "Aliya Admin",
      phone: "+7 727 000 1122",
      locale: "kk",
      theme: "dark",
      homeOrgId: demoOrgId,
    })
    expect(r.body.permissions).toContain("users.manage")
    expect(r.body.permissions).not.toContain("organisations.manage")
    const entry = (await auditOf(adminId)).find((e) => e.action === "profile.update")
    expect(entry?.new_values).toMatchObject({ name: "Aliya Admin", theme: "dark" })
  })

  it("answers the organisation's time zone and the user's own, which the profile sets, checks and clears", async () => {
    type Zones = { timeZone: string | null; orgTimeZone: string }
    const created = await createUser("traveller@example.kz", "manager", "Traveller")
    await setPassword(created.passwordLink.url, "steppe-wind-2026")
    const traveller = await login(h.fleet, "traveller@example.kz", "steppe-wind-2026")
    // Nothing chosen: the organisation's zone (the default, Almaty) and none of their own.
    expect((await traveller.call<Zones>("GET", "/api/v1/me")).body).toMatchObject({
      timeZone: null,
      orgTimeZone: "Asia/Almaty",
    })
    // Another organisation's zone is its own.
    expect(
      (
        await foreignAdmin.call("PATCH", "/api/v1/organisation", {
          settings: { timezone: "Europe/Istanbul" },
        })
      ).status,
    ).toBe(200)
    expect((await foreignAdmin.call<Zones>("GET", "/api/v1/me")).body.orgTimeZone).toBe("Europe/Istanbul")

    const bad = await traveller.call<ErrorBody>("PATCH", "/api/v1/me", { timeZone: "Mars/Olympus_Mons" })
    expect([bad.status, bad.body.error.field]).toEqual([400, "timeZone"])
    const set = await traveller.call<Zones>("PATCH", "/api/v1/me", { timeZone: "America/New_York" })
    expect(set.body).toMatchObject({ timeZone: "America/New_York", orgTimeZone: "Asia/Almaty" })
    const entry = (await auditOf(created.user.id)).find((e) => e.action === "profile.update")
    expect(entry).toMatchObject({
      old_values: { timeZone: null },
      new_values: { timeZone: "America/New_York" },
    })
    // A new sign-in's session carries it, so the dashboard speaks it from the first page.
    const session = await signIn("traveller@example.kz", "steppe-wind-2026")
    expect((session.body as unknown as { user: Zones }).user.timeZone).toBe("America/New_York")
    // Changing something else keeps it; null returns to the organisation's.
    expect((await traveller.call<Zones>("PATCH", "/api/v1/me", { theme: "dark" })).body.timeZone).toBe(
      "America/New_York",
    )
    expect((await traveller.call<Zones>("PATCH", "/api/v1/me", { timeZone: null })).body.timeZone).toBeNull()
  })

  it("changes the own password: the current one is checked, a new one must differ, the policy applies, other sessions end", async () => {
    const created = await createUser("pass.changer@example.kz", "viewer", "Pass Changer")
    await setPassword(created.passwordLink.url, "steppe-wind-2026")
    const other = await signIn("pass.changer@example.kz", "steppe-wind-2026")
    const mine = (await signIn("pass.changer@example.kz", "steppe-wind-2026")).body as unknown as {
      accessToken: string
      refreshToken: string
    }
    const change = (body: unknown) =>
      fetch(`${h.fleet.httpUrl}/api/v1/me/password`, {
        method: "POST",
        headers: { authorization: `Bearer ${mine.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (r.status === 204 ? null : await r.json()) as ErrorBody,
      }))
    const wrong = await change({ currentPassword: "not-my-password", newPassword: "mountain-lake-2027" })
    expect([wrong.status, wrong.body.error.code, wrong.body.error.field]).toEqual([
      403,
      "FLEET_AUTH_INVALID_CREDENTIALS",
      "currentPassword",
    ])
    const same = await change({ currentPassword: "steppe-wind-2026", newPassword: "steppe-wind-2026" })
    expect([same.status, same.body.error.code, same.body.error.field]).toEqual([
      400,
      "FLEET_PASSWORD_UNCHANGED",
      "newPassword",
    ])
    const weak = await change({ currentPassword: "steppe-wind-2026", newPassword: "short" })
    expect([weak.status, weak.body.error.code, weak.body.error.field]).toEqual([
      422,
      "FLEET_PASSWORD_WEAK",
      "newPassword",
    ])
    const ok = await change({ currentPassword: "steppe-wind-2026", newPassword: "mountain-lake-2027" })
    expect(ok.status).toBe(204)
    // The other login ends; the caller's own goes on.
    expect((await post("/api/v1/auth/refresh", { refreshToken: other.body.refreshToken })).status).toBe(401)
    expect((await post("/api/v1/auth/refresh", { refreshToken: mine.refreshToken })).status).toBe(200)
    expect((await signIn("pass.changer@example.kz", "steppe-wind-2026")).status).toBe(401)
    expect((await signIn("pass.changer@example.kz", "mountain-lake-2027")).status).toBe(200)
    expect((await auditOf(created.user.id)).map((e) => e.action)).toContain("user.password-change")
  })
})

// Last: it leaves this address throttled for set-password.
describe("set-password throttle", () => {
  it("throttles guessing link tokens from one address, like sign-in (429 with Retry-After)", async () => {
    // Earlier tests of this file already failed a few links from this address: at most 30 in 15 minutes.
    const statuses: number[] = []
    for (let i = 0; i < 31 && statuses.at(-1) !== 429; i++) {
      const r = await post("/api/v1/auth/set-password", {
        token: `guess-${String(i).padStart(3, "0")}-${"x".repeat(30)}`,
        password: "steppe-wind-2026",
      })
      statuses.push(r.status)
    }
    expect(statuses.at(-1)).toBe(429)
    expect(statuses.length).toBeGreaterThan(20)
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true)
    const last = await fetch(`${h.fleet.httpUrl}/api/v1/auth/set-password`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "y".repeat(43), password: "steppe-wind-2026" }),
    })
    expect(last.status).toBe(429)
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(((await last.json()) as ErrorBody).error.code).toBe("FLEET_AUTH_TOO_MANY_ATTEMPTS")
  })
})
