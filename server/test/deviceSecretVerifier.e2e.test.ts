import { randomBytes } from "node:crypto"
import { deviceSecretVerifier, makeDeviceAuthenticator } from "@fleetcore/ingest"
import { verifySecret } from "@fleetcore/platform"
import type pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, type Harness, login, type Provisioned, provision, startHarness } from "./harness.js"

let h: Harness
let car: Provisioned
let admin: Awaited<ReturnType<typeof login>>
const key = randomBytes(32)

/** An authenticator as a freshly started ingest process has it (nothing in memory), counting argon2id runs. */
const freshProcess = (verifierKey: Uint8Array = key, db: pg.Pool = h.fleet.db.system, cacheTtlMs = 0) => {
  let argon2 = 0
  const auth = makeDeviceAuthenticator({
    db,
    cacheTtlMs,
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

describe("a connected device sending again", () => {
  it("is let in at once (no promise, no query) while its answer is recent, and asked of the database otherwise", async () => {
    const p = freshProcess(key, h.fleet.db.system, 60_000)
    const stranger = "00000000-0000-4000-8000-000000000000"
    // Not known yet: the database answers.
    const asked = p.auth.stillAllowed(car.deviceId)
    expect(asked).toBeInstanceOf(Promise)
    expect(await asked).toBe(true)
    expect(p.auth.stillAllowed(car.deviceId)).toBe(true)
    expect(await p.auth.stillAllowed(stranger)).toBe(false)
    // Without a cache every message asks.
    const uncached = freshProcess()
    expect(await uncached.auth.stillAllowed(car.deviceId)).toBe(true)
    expect(uncached.auth.stillAllowed(car.deviceId)).toBeInstanceOf(Promise)
  })
})

describe("a device reconnecting after a restart", () => {
  it("is admitted by its stored keyed digest without argon2id once its secret passed argon2id", async () => {
    const first = freshProcess()
    expect((await first.auth.authenticate(car.deviceId, car.secret, "10.0.0.1")).ok).toBe(true)
    expect(first.argon2()).toBe(1)
    expect(await storedVerifier()).toMatch(/^[A-Za-z0-9+/]{43}=$/u)
    // What was stored is `deviceSecretVerifier`'s digest (bench:connections writes its devices' with it).
    const { rows } = await h.fleet.db.system.query<{ secret_hash: string }>(
      "SELECT secret_hash FROM devices WHERE id = $1",
      [car.deviceId],
    )
    const hash = rows[0]?.secret_hash as string
    expect(await storedVerifier()).toBe(
      deviceSecretVerifier(key, car.deviceId, hash, car.secret).toString("base64"),
    )

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

describe("a reconnect storm", () => {
  it("reads the devices of one turn's CONNECTs in one statement, and answers each for itself", async () => {
    const fleet = await Promise.all([1, 2, 3, 4].map((n) => provision(admin, `storm-00${n}`, `STM 00${n}`)))
    // Each secret passes argon2id once, so its keyed digest is stored.
    for (const device of fleet)
      expect((await freshProcess().auth.authenticate(device.deviceId, device.secret, "10.1.0.1")).ok).toBe(
        true,
      )

    const lookups: string[][] = []
    const system = h.fleet.db.system
    const counting = {
      query: (sql: string, values?: unknown[]) => {
        if (sql.includes("FROM devices d JOIN organisations")) lookups.push(values?.[0] as string[])
        return system.query(sql, values)
      },
    } as unknown as pg.Pool
    const restarted = freshProcess(key, counting)
    const [a, b, c, d, wrong, unknown] = await Promise.all([
      ...fleet.map((device, i) => restarted.auth.authenticate(device.deviceId, device.secret, `10.1.1.${i}`)),
      restarted.auth.authenticate(fleet[0]?.deviceId ?? "", "not-the-secret", "10.1.2.1"),
      restarted.auth.authenticate("storm-unknown", "whatever-secret", "10.1.2.2"),
    ])
    expect([a, b, c, d].map((answer) => answer?.ok && answer.device.id)).toEqual(fleet.map((x) => x.deviceId))
    expect([a, b, c, d].map((answer) => answer?.ok && answer.device.vehicleId)).toEqual(
      fleet.map((x) => x.vehicleId),
    )
    expect(wrong).toEqual({ ok: false, reason: "invalid" })
    expect(unknown).toEqual({ ok: false, reason: "invalid" })
    expect(lookups).toHaveLength(1)
    expect(new Set(lookups[0])).toEqual(new Set([...fleet.map((x) => x.deviceId), "storm-unknown"]))
    // The right secrets were admitted by their digests; the wrong one and the unknown id ran argon2id.
    expect(restarted.argon2()).toBe(2)
  })
})
