import { describe, expect, it } from "vitest"
import type { CrashAccounting } from "./crashAccounting.js"
import {
  type CrashRunInput,
  type CycleRecord,
  formatCrashResults,
  summariseCrashRun,
} from "./crashResults.js"

const clean: CrashAccounting = {
  sent: 1000,
  acknowledged: 990,
  storedDistinct: 995,
  storedRows: 995,
  storedFinalRows: 995,
  duplicateRows: 0,
  lost: 0,
  storedNotAcknowledged: 5,
  storedNeverSent: 0,
  odometerMismatches: 0,
  lostSample: [],
  lostByDevice: [],
  lostByKill: [],
  mileage: { vehicles: 2, expectedM: 990, storedM: 990, maxAbsDiffM: 0, sumAbsDiffM: 0, off: [] },
}
const cycle = (n: number, over: Partial<CycleRecord> = {}): CycleRecord => ({
  cycle: n,
  kind: "server",
  upS: 3,
  killedAtMs: 1000 * n,
  outcome: "restarted",
  recoveryMs: 2000,
  restartReadyMs: [1800],
  failedRestarts: [],
  manualCleanups: 0,
  ...over,
})
const input = (over: Partial<CrashRunInput> = {}): CrashRunInput => ({
  at: "2026-01-01T00:00:00.000Z",
  machine: { cpus: 2, cpuModel: "test", totalMemBytes: 1, node: "v20" },
  parameters: { cycles: 3 },
  cycles: [
    cycle(1, { restartReadyMs: [1000], recoveryMs: 1200 }),
    cycle(2, { restartReadyMs: [3000], recoveryMs: 3300 }),
    cycle(3, { kind: "postgres", outcome: "recovered by itself", restartReadyMs: [], recoveryMs: 900 }),
  ],
  unexpectedExits: [],
  load: {
    durationS: 10,
    generatorCpuS: 1.5,
    stats: {
      notOffered: 7,
      mqttConnects: 4,
      mqttConnectFailures: 1,
      mqttDisconnects: 2,
      httpRequests: 10,
      httpRefused: 0,
      httpFailed: 1,
      httpRejectedPoints: 0,
      pubackLatencyMs: [1, 2, 3, 4, 100],
      httpLatencyMs: [5],
    },
  },
  drain: { waitedS: 3, settled: true },
  shutdown: { forced: false, code: 0 },
  accounting: clean,
  ...over,
})

describe("summariseCrashRun", () => {
  it("passes a run where nothing acknowledged was lost or doubled and mileage agrees", () => {
    const r = summariseCrashRun(input())
    expect(r.verdict).toEqual({ passed: true, failures: [] })
    expect(r.cycles).toMatchObject({
      total: 3,
      serverKills: 2,
      postgresKills: 1,
      postgresRecoveredByItself: 1,
    })
    expect(r.restarts).toMatchObject({ count: 2, readyMs: { p50: 1000, max: 3000 } })
    expect(r.load).toMatchObject({
      sentPerS: 100,
      acknowledgedPerS: 99,
      pubackLatencyMs: { p50: 3, max: 100 },
    })
    expect(formatCrashResults(r, "f.json")).toContain("PASSED")
  })

  it("fails on lost points, duplicate rows, wrong mileage and a restart that needed a human", () => {
    const r = summariseCrashRun(
      input({
        cycles: [cycle(1, { failedRestarts: ["exited (code 1)"], manualCleanups: 1 })],
        accounting: {
          ...clean,
          lost: 12,
          duplicateRows: 3,
          lostSample: [{ deviceId: "crash-0001", timeMs: 5 }],
          lostByKill: [
            { kill: 1, lost: 10 },
            { kill: null, lost: 2 },
          ],
          mileage: {
            ...clean.mileage,
            maxAbsDiffM: 4,
            sumAbsDiffM: 4,
            off: [{ deviceId: "crash-0001", vehicleId: "v", expectedM: 10, storedM: 6 }],
          },
        },
      }),
    )
    expect(r.verdict.passed).toBe(false)
    expect(r.verdict.failures).toEqual([
      "12 acknowledged points were lost",
      "3 duplicate rows in positions",
      "mileage differs on 1 vehicles (max 4 m, sum 4 m)",
      "1 restarts needed a stale PostgreSQL killed by hand",
    ])
    expect(r.restarts.failedAttempts).toBe(1)
    const text = formatCrashResults(r, "f.json")
    expect(text).toContain("LOST                    12")
    expect(text).toContain("crash-0001@5")
    expect(text).toContain("kill 1: 10, after the last kill: 2")
    expect(text).toContain("FAILED")
  })

  it("fails a run that acknowledged nothing, since it measured nothing", () => {
    const r = summariseCrashRun(
      input({ accounting: { ...clean, sent: 0, acknowledged: 0, storedDistinct: 0 } }),
    )
    expect(r.verdict.passed).toBe(false)
    expect(r.verdict.failures[0]).toMatch(/nothing was measured/)
  })
})
