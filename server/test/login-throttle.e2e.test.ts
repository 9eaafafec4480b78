import { request } from "node:http"
import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, startHarness } from "./harness.js"

/**
 * Login throttling over real sockets. Loopback has a whole /8, so each test's "stranger" and
 * "real user" connect from their own 127.x address (`localAddress`).
 */
let h: Harness

const addUser = async (email: string, password: string) => {
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  await h.fleet.db.system.query(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'User', $3, 'manager')",
    [org.rows[0]?.id, email, await hashSecret(password)],
  )
}

/** POST /api/v1/auth/login from `from`; the status and Retry-After. */
const loginFrom = (from: string, email: string, password: string) =>
  new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const url = new URL(`${h.fleet.httpUrl}/api/v1/auth/login`)
    const body = JSON.stringify({ email, password })
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on("end", () => {
          const retry = res.headers["retry-after"]
          resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retry) ? retry[0] : retry })
        })
      },
    )
    req.on("error", reject)
    req.end(body)
  })

beforeAll(async () => {
  h = await startHarness()
  await addUser("concurrent@demo.example", "right-password-1")
  await addUser("victim@demo.example", "right-password-2")
  await addUser("attacker@demo.example", "right-password-3")
  await addUser("real@demo.example", "right-password-4")
})
afterAll(async () => {
  await h?.close()
})

describe("login throttling", () => {
  it("reserves attempts before the hash: 60 concurrent wrong passwords are not all evaluated", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => loginFrom("127.0.0.11", "concurrent@demo.example", "wrong")),
    )
    const evaluated = answers.filter((a) => a.status === 401).length
    const refused = answers.filter((a) => a.status === 429)
    expect(evaluated).toBeLessThanOrEqual(3)
    expect(refused.length).toBe(60 - evaluated)
    expect(Number(refused[0]?.retryAfter)).toBeGreaterThanOrEqual(1)
  })

  it("is not reset by a successful login to the attacker's own account", async () => {
    let evaluated = 0
    for (let i = 0; i < 45; i++) {
      const guess = await loginFrom("127.0.0.12", "victim@demo.example", `guess-${i}`)
      if (guess.status === 401) evaluated++
      else expect(guess.status).toBe(429)
      expect((await loginFrom("127.0.0.12", "attacker@demo.example", "right-password-3")).status).toBe(200)
    }
    expect(evaluated).toBeLessThan(10)
  })

  it("does not let a stranger lock the real user out of their own address", async () => {
    for (let i = 0; i < 15; i++) await loginFrom("127.0.0.13", "real@demo.example", `guess-${i}`)
    expect((await loginFrom("127.0.0.13", "real@demo.example", "right-password-4")).status).toBe(429)
    expect((await loginFrom("127.0.0.14", "real@demo.example", "right-password-4")).status).toBe(200)
  })
})
