import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const MODULE = fileURLToPath(new URL("../dist/threadPriority.js", import.meta.url))

/**
 * Run in a bare process (nice values set here would stay on the test runner's threads): starts a
 * worker thread, lowers every other thread, starts a second worker after that, and prints each
 * thread's nice value at each step.
 */
const PROBE = `
import { readdirSync, readlinkSync } from "node:fs"
import { getPriority } from "node:os"
import { once } from "node:events"
import { Worker } from "node:worker_threads"
const { lowerOtherThreads } = await import(process.argv[1])
const idle = "setInterval(() => {}, 1 << 30)"
const start = async () => { const w = new Worker(idle, { eval: true }); await once(w, "online"); return w }
const nices = () => Object.fromEntries(readdirSync("/proc/self/task").map((t) => [t, getPriority(Number(t))]))
const self = readlinkSync("/proc/thread-self").split("/").pop()
const first = await start()
const off = lowerOtherThreads(0, 50)
const atZero = nices()
const lowering = lowerOtherThreads(7, 50)
const lowered = nices()
const second = await start()
const beforeScan = nices()
await new Promise((r) => setTimeout(r, 300))
const later = nices()
console.log(JSON.stringify({ self, atZero, lowered, beforeScan, later, count: lowering.lowered(), offCount: off.lowered() }))
lowering.stop()
off.stop()
await first.terminate()
await second.terminate()
`

describe("lowering the priority of every thread but the socket thread", () => {
  it("raises the other threads' nice value, again for threads started later, and leaves the caller's", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE, MODULE], {
      encoding: "utf8",
      timeout: 30_000,
    })
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    const seen = JSON.parse(run.stdout) as {
      self: string
      atZero: Record<string, number>
      lowered: Record<string, number>
      beforeScan: Record<string, number>
      later: Record<string, number>
      count: number
      offCount: number
    }
    const base = seen.atZero[seen.self] ?? Number.NaN
    const others = (nices: Record<string, number>) =>
      Object.entries(nices).filter(([tid]) => tid !== seen.self)
    // 0: nothing changes.
    expect(seen.offCount).toBe(0)
    expect(others(seen.atZero).every(([, nice]) => nice === base)).toBe(true)
    // V8's and libuv's helpers and the first worker: lowered at once; the caller: untouched.
    expect(others(seen.lowered).length).toBeGreaterThan(1)
    expect(others(seen.lowered).every(([, nice]) => nice >= Math.max(7, base))).toBe(true)
    expect(seen.lowered[seen.self]).toBe(base)
    // The second worker's thread inherits the caller's priority, until the next scan lowers it.
    const started = Object.keys(seen.beforeScan).filter((tid) => !(tid in seen.lowered))
    expect(started.length).toBeGreaterThan(0)
    expect(started.some((tid) => seen.beforeScan[tid] === base)).toBe(true)
    expect(others(seen.later).every(([, nice]) => nice >= Math.max(7, base))).toBe(true)
    expect(seen.later[seen.self]).toBe(base)
    expect(seen.count).toBeGreaterThan(others(seen.lowered).length - 1)
  })
})
