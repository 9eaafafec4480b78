import { randomBytes } from "node:crypto"
import { makeDeviceAuthenticator } from "@fleetcore/ingest"
import { verifySecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, type Harness, login, type Provisioned, provision, startHarness } from "./harness.js"

let h: Harness
let car: Provisioned
let admin: Awaited<ReturnType<typeof login>>
const key = randomBytes(32)

/** An authenticator as a freshly started ingest process has it (nothing in memory), counting argon2id runs. */
const freshProcess = (verifierKey: Uint8Array = key) => {
  let argon2 = 0
  const auth = makeDeviceAuthenticator({
    db: h.fleet.db.system,
    cacheTtlMs: 0,
    verifierKey,
    verifySecret: (phc, secret) => {
      argon2++
      return verifySecret(phc, secret)
    },
  })
  return { auth, argon2: () => argon2 }
}
const storedVerifier = async () =>
  (
    await h.fleet.db.system.query<{ secret_verifier: string | null }>(
      "SELECT secret_verifier FROM devices WHERE id = $1",
      [car.deviceId],
    )
  ).rows[0]?.secret_verifier ?? null

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  car = await provision(admin, "verifier-001", "VRF 001")
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("a device reconnecting after a restart", () => {
  it("is admitted by its stored keyed digest without argon2id once its secret passed argon2id", async () => {
    const first = freshProcess()
    expect((await first.auth.authenticate(car.deviceId, car.secret, "10.0.0.1")).ok).toBe(true)
    expect(first.argon2()).toBe(1)
    expect(await storedVerifier()).toMatch(/^[A-Za-z0-9+/]{43}=$/u)

    const restarted = freshProcess()
    expect((await restarted.auth.authenticate(car.deviceId, car.secret, "10.0.0.1")).ok).toBe(true)
    expect(restarted.argon2()).toBe(0)
  })

  it("still runs argon2id for a wrong secret, and refuses it", async () => {
    const p = freshProcess()
    expect(await p.auth.authenticate(car.deviceId, "not-the-secret", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    })
    expect(p.argon2()).toBe(1)
  })

  it("is worth nothing without the server's key: another key falls back to argon2id", async () => {
    const p = freshProcess(randomBytes(32))
    expect((await p.auth.authenticate(car.deviceId, car.secret, "10.0.0.3")).ok).toBe(true)
    expect(p.argon2()).toBe(1)
  })

  it("is void once the secret is rotated: the old secret is refused, the new one verified with argon2id", async () => {
    const rotated = await admin.call<{ secret: string }>("POST", `/api/v1/devices/${car.deviceId}/secret`)
    expect(rotated.status).toBe(200)
    const p = freshProcess()
    expect((await p.auth.authenticate(car.deviceId, car.secret, "10.0.0.4")).ok).toBe(false)
    expect(p.argon2()).toBe(1)
    expect((await p.auth.authenticate(car.deviceId, rotated.body.secret, "10.0.0.4")).ok).toBe(true)
    expect(p.argon2()).toBe(2)
    const again = freshProcess()
    expect((await again.auth.authenticate(car.deviceId, rotated.body.secret, "10.0.0.4")).ok).toBe(true)
    expect(again.argon2()).toBe(0)
  })
})
