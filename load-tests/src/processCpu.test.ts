import { Worker } from "node:worker_threads"
import { describe, expect, it } from "vitest"
import { scheduleShares, threadSchedule, threadsCpu, threadsCpuPerPoint } from "./processCpu.js"

const spin = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // A runnable thread is either on a core or waiting for one.
  }
}
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

describe("a thread's schedule from the kernel", () => {
  it("counts a spinning thread's wall time as on a core or waiting for one, and a sleeping one's as neither", () => {
    const before = threadSchedule(process.pid)
    spin(300)
    const spun = threadSchedule(process.pid)
    sleep(300)
    const slept = threadSchedule(process.pid)
    if (before === null || spun === null || slept === null)
      throw new Error("no /proc/<pid>/task/<tid>/schedstat")
    const spinning = spun.onCpuS - before.onCpuS + (spun.waitingS - before.waitingS)
    expect(spinning).toBeGreaterThan(0.27)
    expect(spinning).toBeLessThan(0.4)
    expect(slept.onCpuS - spun.onCpuS + (slept.waitingS - spun.waitingS)).toBeLessThan(0.05)
  })

  it("gives shares of a window, and none when a reading is missing", () => {
    expect(scheduleShares({ onCpuS: 10, waitingS: 2 }, { onCpuS: 15, waitingS: 4.5 }, 10)).toEqual({
      onCpu: 0.5,
      waiting: 0.25,
    })
    expect(scheduleShares(null, { onCpuS: 1, waitingS: 0 }, 10)).toBeNull()
    expect(threadSchedule(2 ** 22 + 1)).toBeNull()
  })
})

describe("a process's CPU by thread", () => {
  it("puts the main thread's time, a live worker's, and an exited worker's each in its place", async () => {
    const first = threadsCpu(process.pid)
    if (first === null) throw new Error("no /proc/<pid>/task")
    // Spun until the main thread's own count has moved (the cores may be shared with other tests).
    const deadline = performance.now() + 10_000
    let spun = first
    while (spun.mainS - first.mainS < 0.2 && performance.now() < deadline) {
      spin(20)
      spun = threadsCpu(process.pid) ?? spun
    }
    // A worker thread spins while this one waits; once it has ended, its time is the process's only.
    const worker = new Worker(
      "const until = performance.now() + 400; while (performance.now() < until) {} require('node:worker_threads').parentPort.postMessage('done'); setInterval(() => {}, 1000)",
      { eval: true },
    )
    await new Promise((resolve) => worker.once("message", resolve))
    const working = threadsCpu(process.pid)
    await worker.terminate()
    const ended = threadsCpu(process.pid)
    if (working === null || ended === null) throw new Error("no /proc/<pid>/task")
    expect(spun.mainS - first.mainS).toBeGreaterThanOrEqual(0.2)
    expect(spun.nodeThreadsS - first.nodeThreadsS).toBeLessThan(0.1)
    // 400 ms of spinning is at least 100 ms on a core, even with the cores shared four ways.
    expect(working.nodeThreadsS - spun.nodeThreadsS).toBeGreaterThan(0.1)
    expect(working.mainS - spun.mainS).toBeLessThan(0.1)
    expect(ended.otherThreadsS - working.otherThreadsS).toBeGreaterThan(0.1)
    expect(ended.nodeThreadsS).toBeLessThan(working.nodeThreadsS - 0.1)
    expect(threadsCpu(2 ** 22 + 1)).toBeNull()
  })

  it("gives microseconds a point between two readings, and none when a reading is missing", () => {
    const before = { mainS: 1, nodeThreadsS: 2, otherThreadsS: 3 }
    const after = { mainS: 1.5, nodeThreadsS: 2.1, otherThreadsS: 3.25 }
    expect(threadsCpuPerPoint(before, after, 20_000)).toEqual({
      mainUs: 25,
      nodeThreadsUs: 5,
      otherThreadsUs: 12.5,
    })
    expect(threadsCpuPerPoint(null, after, 20_000)).toBeNull()
  })
})
