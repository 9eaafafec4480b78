import { hashSecret } from "@fleetcore/platform"
import { Secret, TOTP } from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, type Harness, login, startHarness } from "./harness.js"

/** Two-factor sign-in end to end; the test plays the authenticator app with `otpauth`. */
let h: Harness
const PASSWORD = "a-password-for-totp-tests"

const addUser = async (email: string) => {
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  await h.fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Two Factor', $3, 'viewer')",
    [org.rows[0]?.id, email, await hashSecret(PASSWORD)],
  )
}

const signIn = async (body: Record<string, unknown>) => {
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  const json = (await r.json()) as { error?: { code: string }; accessToken?: string }
  return { status: r.status, code: json.error?.code, body: json }
}

/** An authenticator app holding `secret`: the code of the 30-second step `offset` steps from `base`. */
const app = (secret: string, base: number) => {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 })
  return (offset: number) => totp.generate({ timestamp: base + offset * 30_000 })
}

/** Signs in, sets up and confirms two-factor; the app's codes counted from the current step. */
const enrol = async (email: string) => {
  await addUser(email)
  const api = await login(h.fleet, email, PASSWORD)
  const setup = await api.call<{ secret: string; otpauthUrl: string }>("POST", "/api/v1/me/totp/setup")
  expect(setup.status).toBe(201)
  const base = Math.floor(Date.now() / 30_000) * 30_000
  const code = app(setup.body.secret, base)
  const enabled = await api.call<{ recoveryCodes: string[] }>("POST", "/api/v1/me/totp/enable", {
    code: code(0),
  })
  expect(enabled.status).toBe(200)
  return { api, setup: setup.body, code, recoveryCodes: enabled.body.recoveryCodes }
}

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe("two-factor sign-in", () => {
  it("sets up with an otpauth URL, confirms with a code and answers ten recovery codes", async () => {
    await addUser("setup@demo.fleetcore.local")
    const api = await login(h.fleet, "setup@demo.fleetcore.local", PASSWORD)
    expect((await api.call("POST", "/api/v1/me/totp/enable", { code: "123456" })).status).toBe(400)
    const setup = await api.call<{ secret: string; otpauthUrl: string }>("POST", "/api/v1/me/totp/setup")
    expect(setup.status).toBe(201)
    const url = new URL(setup.body.otpauthUrl)
    expect(url.protocol).toBe("otpauth:")
    expect(url.host).toBe("totp")
    expect(decodeURIComponent(url.pathname)).toBe("/FleetCore:setup@demo.fleetcore.local")
    expect(url.searchParams.get("issuer")).toBe("FleetCore")
    expect(url.searchParams.get("secret")).toBe(setup.body.secret)

    // Not on until confirmed: signing in still needs only the password.
    expect((await signIn({ email: "setup@demo.fleetcore.local", password: PASSWORD })).status).toBe(200)
    const code = app(setup.body.secret, Date.now())
    const wrong = await api.call<{ error: { code: string } }>("POST", "/api/v1/me/totp/enable", {
      code: code(0) === "000000" ? "111111" : "000000",
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.code).toBe("FLEET_AUTH_TOTP_INVALID")
    const enabled = await api.call<{ recoveryCodes: string[] }>("POST", "/api/v1/me/totp/enable", {
      code: code(0),
    })
    expect(enabled.status).toBe(200)
    expect(enabled.body.recoveryCodes).toHaveLength(10)
    expect(new Set(enabled.body.recoveryCodes).size).toBe(10)
    for (const c of enabled.body.recoveryCodes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/u)
    expect((await api.call<{ totpEnabled: boolean }>("GET", "/api/v1/me")).body.totpEnabled).toBe(true)
    expect((await api.call("POST", "/api/v1/me/totp/setup")).status).toBe(409)

    // At rest the secret is sealed (AES-256-GCM), and recovery codes are kept only hashed.
    const row = await h.fleet.db.system.query<{ totp_secret: string; totp_pending_secret: string | null }>(
      "SELECT totp_secret, totp_pending_secret FROM users WHERE email = 'setup@demo.fleetcore.local'",
    )
    expect(row.rows[0]?.totp_secret).toMatch(/^v1\./u)
    expect(row.rows[0]?.totp_secret).not.toContain(setup.body.secret)
    expect(row.rows[0]?.totp_pending_secret).toBeNull()
    const stored = await h.fleet.db.system.query<{ code_hash: string }>(
      "SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = 'setup@demo.fleetcore.local'",
    )
    expect(stored.rows).toHaveLength(10)
    for (const r of stored.rows) {
      expect(enabled.body.recoveryCodes.some((c) => r.code_hash.includes(c))).toBe(false)
    }
  })

  it("asks for the code only after the password, refuses a wrong or replayed code, takes a recovery code once", async () => {
    const email = "signin@demo.fleetcore.local"
    const { code, recoveryCodes } = await enrol(email)

    const wrongPassword = await signIn({ email, password: "not-the-password" })
    expect(wrongPassword).toMatchObject({ status: 401, code: "FLEET_AUTH_INVALID_CREDENTIALS" })
    expect(await signIn({ email, password: PASSWORD })).toMatchObject({
      status: 401,
      code: "FLEET_AUTH_TOTP_REQUIRED",
    })
    const wrongCode = await signIn({ email, password: PASSWORD, totpCode: code(-20) })
    expect(wrongCode).toMatchObject({ status: 401, code: "FLEET_AUTH_TOTP_INVALID" })

    const next = await signIn({ email, password: PASSWORD, totpCode: code(1) })
    expect(next.status).toBe(200)
    expect(typeof next.body.accessToken).toBe("string")
    // A code works once, and no earlier one works after it (the one that confirmed the setup neither).
    for (const used of [code(1), code(0)]) {
      expect(await signIn({ email, password: PASSWORD, totpCode: used })).toMatchObject({
        status: 401,
        code: "FLEET_AUTH_TOTP_INVALID",
      })
    }

    const recovery = recoveryCodes[3] as string
    expect((await signIn({ email, password: PASSWORD, recoveryCode: recovery })).status).toBe(200)
    expect(await signIn({ email, password: PASSWORD, recoveryCode: recovery })).toMatchObject({
      status: 401,
      code: "FLEET_AUTH_TOTP_INVALID",
    })
    expect(await signIn({ email, password: PASSWORD, recoveryCode: "aaaaa-00000" })).toMatchObject({
      status: 401,
      code: "FLEET_AUTH_TOTP_INVALID",
    })
    // Refused sign-ins are audited without being awaited (no timing difference): wait for them.
    const reasons = await eventually(async () => {
      const r = await h.fleet.db.system.query<{ reason: string }>(
        `SELECT a.details->>'reason' AS reason FROM audit_log a JOIN users u ON a.entity_id = u.id::text
         WHERE u.email = $1 AND a.action = 'auth.login-failed'`,
        [email],
      )
      const found = r.rows.map((x) => x.reason)
      return found.includes("wrong-recovery-code") ? found : undefined
    })
    expect(reasons).toEqual(
      expect.arrayContaining(["wrong-password", "wrong-totp-code", "wrong-recovery-code"]),
    )
  })

  it("replaces the recovery codes with a current code; the old ones stop working", async () => {
    const email = "regen@demo.fleetcore.local"
    const { api, code, recoveryCodes } = await enrol(email)
    const replayed = await api.call<{ error: { code: string } }>("POST", "/api/v1/me/totp/recovery-codes", {
      code: code(0),
    })
    expect(replayed.status).toBe(422)
    const fresh = await api.call<{ recoveryCodes: string[] }>("POST", "/api/v1/me/totp/recovery-codes", {
      code: code(1),
    })
    expect(fresh.status).toBe(200)
    expect(fresh.body.recoveryCodes).toHaveLength(10)
    expect((await signIn({ email, password: PASSWORD, recoveryCode: recoveryCodes[0] })).status).toBe(401)
    expect(
      (await signIn({ email, password: PASSWORD, recoveryCode: fresh.body.recoveryCodes[0] })).status,
    ).toBe(200)
  })

  it("turns off only with the password", async () => {
    const email = "disable@demo.fleetcore.local"
    const { api } = await enrol(email)
    const wrong = await api.call<{ error: { code: string } }>("POST", "/api/v1/me/totp/disable", {
      password: "not-the-password",
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe("FLEET_AUTH_INVALID_CREDENTIALS")
    expect((await api.call("POST", "/api/v1/me/totp/disable", { password: PASSWORD })).status).toBe(204)
    expect((await api.call<{ totpEnabled: boolean }>("GET", "/api/v1/me")).body.totpEnabled).toBe(false)
    expect((await signIn({ email, password: PASSWORD })).status).toBe(200)
    expect((await api.call("POST", "/api/v1/me/totp/recovery-codes", { code: "123456" })).status).toBe(400)
    const left = await h.fleet.db.system.query(
      "SELECT 1 FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
      [email],
    )
    expect(left.rows).toHaveLength(0)
  })
})
