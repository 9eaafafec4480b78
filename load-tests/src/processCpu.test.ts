import { describe, expect, it } from "vitest"
import { scheduleShares, threadSchedule } from "./processCpu.js"

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
