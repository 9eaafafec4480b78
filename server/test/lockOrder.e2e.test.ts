import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/**
 * Changes that lock a row other tables reference (an organisation, a user) and then write an audit
 * entry (which takes the organisation's audit lock and a key-share lock on the organisation) must
 * never deadlock each other: found by schemathesis as a 500 on PATCH /api/v1/me.
 */
let h: Harness

beforeAll(async () => {
  h = await startHarness(0)
})
afterAll(async () => h?.close())

describe("concurrent profile, organisation and settings changes", () => {
  it("all succeed: no deadlock between row locks and the audit chain", async () => {
    const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const calls: Array<Promise<{ status: number; body: unknown }>> = []
    for (let i = 0; i < 25; i++) {
      calls.push(admin.call("PATCH", "/api/v1/me", { name: `Admin ${i}` }))
      calls.push(admin.call("PATCH", "/api/v1/organisation", { description: `Round ${i}` }))
      calls.push(admin.call("PUT", "/api/v1/settings", { maxKmPerDay: 1000 + i }))
    }
    const answers = await Promise.all(calls)
    expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body])).toEqual([])
  })
})
