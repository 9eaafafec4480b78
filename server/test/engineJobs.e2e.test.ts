import { oneProcessAtATime } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, startHarness } from "./harness.js"

/*
 * The engine's installation-wide jobs (maintenance planning, the offline check, audit retention) run
 * in one engine process at a time: the others skip the round while one holds the job's lock.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("an installation-wide engine job", () => {
  it("runs in one process at a time, and again once it finished", async () => {
    // A second pool stands for a second engine process (its own sessions).
    const other = new (await import("pg")).default.Pool(h.fleet.db.system.options)
    try {
      let release = () => {}
      const held = new Promise<void>((r) => {
        release = r
      })
      const ran: string[] = []
      const first = oneProcessAtATime(h.fleet.db.system, "offline check", async () => {
        ran.push("first")
        await held
      })
      await expect.poll(() => ran).toEqual(["first"])
      expect(await oneProcessAtATime(other, "offline check", async () => void ran.push("second"))).toBe(false)
      // Another job is not held back by it.
      expect(await oneProcessAtATime(other, "audit retention", async () => void ran.push("audit"))).toBe(true)
      release()
      expect(await first).toBe(true)
      expect(await oneProcessAtATime(other, "offline check", async () => void ran.push("third"))).toBe(true)
      expect(ran).toEqual(["first", "audit", "third"])
    } finally {
      await other.end()
    }
  })
})
