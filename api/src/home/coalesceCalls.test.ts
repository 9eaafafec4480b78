import { describe, expect, it } from "vitest"
import { coalesceCalls } from "./coalesceCalls.js"

/** A call whose answer the test gives when it wants, counting how often it started. */
const controlled = () => {
  const started: Array<(value: string) => void> = []
  const failers: Array<(error: Error) => void> = []
  const run = () =>
    new Promise<string>((resolve, reject) => {
      started.push(resolve)
      failers.push(reject)
    })
  return { started, failers, run }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe("coalesceCalls", () => {
  it("lets calls that arrive while one runs share one next call, started after the first settles", async () => {
    const call = coalesceCalls<string>()
    const { started, run } = controlled()
    const first = call("org-a", run)
    await settle()
    const second = call("org-a", run)
    const third = call("org-a", run)
    await settle()
    expect(started).toHaveLength(1)
    started[0]?.("before")
    await expect(first).resolves.toBe("before")
    await settle()
    expect(started).toHaveLength(2)
    started[1]?.("after")
    await expect(second).resolves.toBe("after")
    await expect(third).resolves.toBe("after")
  })

  it("never shares a call between keys", async () => {
    const call = coalesceCalls<string>()
    const { started, run } = controlled()
    const a = call("org-a", run)
    const b = call("org-b", run)
    await settle()
    expect(started).toHaveLength(2)
    started[0]?.("a")
    started[1]?.("b")
    expect([await a, await b]).toEqual(["a", "b"])
  })

  it("starts a fresh call once the earlier ones settled", async () => {
    const call = coalesceCalls<string>()
    const { started, run } = controlled()
    const first = call("org-a", run)
    await settle()
    started[0]?.("one")
    await first
    const again = call("org-a", run)
    await settle()
    expect(started).toHaveLength(2)
    started[1]?.("two")
    await expect(again).resolves.toBe("two")
  })

  it("gives a failure to the callers of that call only, and runs the waiting call after it", async () => {
    const call = coalesceCalls<string>()
    const { started, failers, run } = controlled()
    const first = call("org-a", run)
    await settle()
    const second = call("org-a", run)
    failers[0]?.(new Error("chDB down"))
    await expect(first).rejects.toThrow("chDB down")
    await settle()
    expect(started).toHaveLength(2)
    started[1]?.("back")
    await expect(second).resolves.toBe("back")
  })

  it("gives a settled answer again for reuseForMs, then calls anew; a failure is never reused", async () => {
    let clock = 1_000
    const call = coalesceCalls<string>({ reuseForMs: 2_000, now: () => clock })
    const { started, failers, run } = controlled()
    const first = call("org-a", run)
    await settle()
    started[0]?.("fresh")
    await expect(first).resolves.toBe("fresh")
    clock += 1_999
    await expect(call("org-a", run)).resolves.toBe("fresh")
    expect(started).toHaveLength(1)
    // Another key has its own answers.
    const other = call("org-b", run)
    await settle()
    expect(started).toHaveLength(2)
    started[1]?.("b")
    await expect(other).resolves.toBe("b")
    clock += 1
    const later = call("org-a", run)
    await settle()
    expect(started).toHaveLength(3)
    failers[2]?.(new Error("ClickHouse is down"))
    await expect(later).rejects.toThrow("ClickHouse is down")
    const retried = call("org-a", run)
    await settle()
    expect(started).toHaveLength(4)
    started[3]?.("back")
    await expect(retried).resolves.toBe("back")
  })
})
