import type { CrashLoadStats } from "./CrashLoad.js"
import type { CrashAccounting } from "./crashAccounting.js"
import type { machineInfo } from "./machineInfo.js"
import { percentile } from "./metrics.js"

export type CycleOutcome =
  | "restarted"
  | "recovered by itself"
  | "server exited after PostgreSQL kill"
  | "did not recover: killed and restarted"

/** One kill and what it took to serve again. */
export interface CycleRecord {
  readonly cycle: number
  readonly kind: "server" | "postgres"
  /** Seconds the server had been ready when it (or its PostgreSQL) was killed. */
  readonly upS: number
  /** Wall clock of the kill (ms), to attribute lost points to it. */
  readonly killedAtMs: number
  readonly outcome: CycleOutcome
  /** Kill → serving again (ms). */
  readonly recoveryMs: number
  /** Restarts the benchmark made after this kill, each spawn → ready (ms), failed attempts excluded. */
  readonly restartReadyMs: ReadonlyArray<number>
  /** Why restart attempts failed (a stale PostgreSQL on the port, a crash on start, …). */
  readonly failedRestarts: ReadonlyArray<string>
  /** The benchmark had to kill a stale PostgreSQL itself before FleetCore could start: a human's job. */
  readonly manualCleanups: number
}

export interface UnexpectedExit {
  readonly atS: number
  readonly code: number | null
  readonly signal: string | null
}

export interface CrashRunInput {
  readonly at: string
  readonly machine: ReturnType<typeof machineInfo>
  readonly parameters: Readonly<Record<string, string | number | boolean>>
  readonly cycles: ReadonlyArray<CycleRecord>
  readonly unexpectedExits: ReadonlyArray<UnexpectedExit>
  readonly load: {
    readonly durationS: number
    /** CPU the benchmark process itself used while loading (it shares the machine with the server). */
    readonly generatorCpuS: number
    readonly stats: CrashLoadStats
  }
  readonly drain: { readonly waitedS: number; readonly settled: boolean }
  readonly shutdown: { readonly forced: boolean; readonly code: number | null }
  readonly accounting: CrashAccounting
}

const quantiles = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    samples: sorted.length,
    p50: sorted.length === 0 ? null : Math.round(percentile(sorted, 50) * 10) / 10,
    p99: sorted.length === 0 ? null : Math.round(percentile(sorted, 99) * 10) / 10,
    max: sorted.length === 0 ? null : Math.round((sorted.at(-1) as number) * 10) / 10,
  }
}

export const summariseCrashRun = (input: CrashRunInput) => {
  const { accounting: a, cycles } = input
  const count = (p: (c: CycleRecord) => boolean) => cycles.filter(p).length
  const restarts = cycles.flatMap((c) => c.restartReadyMs)
  const manualCleanups = cycles.reduce((n, c) => n + c.manualCleanups, 0)
  const notRecovered = count((c) => c.outcome === "did not recover: killed and restarted")
  const failures: string[] = []
  if (a.acknowledged === 0) failures.push("no point was acknowledged: nothing was measured")
  if (a.lost > 0) failures.push(`${a.lost} acknowledged points were lost`)
  if (a.duplicateRows > 0) failures.push(`${a.duplicateRows} duplicate rows in positions`)
  if (a.storedNeverSent > 0) failures.push(`${a.storedNeverSent} stored points were never sent`)
  if (a.odometerMismatches > 0) failures.push(`${a.odometerMismatches} stored points have another odometer`)
  if (a.mileage.off.length > 0)
    failures.push(
      `mileage differs on ${a.mileage.off.length} vehicles (max ${a.mileage.maxAbsDiffM} m, sum ${a.mileage.sumAbsDiffM} m)`,
    )
  if (manualCleanups > 0) failures.push(`${manualCleanups} restarts needed a stale PostgreSQL killed by hand`)
  if (notRecovered > 0) failures.push(`${notRecovered} PostgreSQL kills were not recovered from`)
  const loadS = Math.max(input.load.durationS, 1e-9)
  return {
    at: input.at,
    machine: input.machine,
    parameters: input.parameters,
    verdict: { passed: failures.length === 0, failures },
    cycles: {
      total: cycles.length,
      serverKills: count((c) => c.kind === "server"),
      postgresKills: count((c) => c.kind === "postgres"),
      postgresRecoveredByItself: count((c) => c.outcome === "recovered by itself"),
      serverExitedAfterPostgresKill: count((c) => c.outcome === "server exited after PostgreSQL kill"),
      postgresNotRecovered: notRecovered,
      unexpectedServerExits: input.unexpectedExits.length,
    },
    restarts: {
      count: restarts.length,
      readyMs: quantiles(restarts),
      failedAttempts: cycles.reduce((n, c) => n + c.failedRestarts.length, 0),
      manualCleanups,
    },
    recoveryMs: quantiles(cycles.map((c) => c.recoveryMs)),
    points: {
      sent: a.sent,
      acknowledged: a.acknowledged,
      stored: a.storedDistinct,
      storedRows: a.storedRows,
      storedFinal: a.storedFinalRows,
      lost: a.lost,
      duplicated: a.duplicateRows,
      storedNotAcknowledged: a.storedNotAcknowledged,
      storedNeverSent: a.storedNeverSent,
      odometerMismatches: a.odometerMismatches,
      lostSample: a.lostSample,
      lostByKill: a.lostByKill,
      lostByDevice: a.lostByDevice,
    },
    mileage: {
      vehicles: a.mileage.vehicles,
      expectedM: a.mileage.expectedM,
      storedM: a.mileage.storedM,
      maxAbsDiffM: a.mileage.maxAbsDiffM,
      sumAbsDiffM: a.mileage.sumAbsDiffM,
      off: a.mileage.off,
    },
    load: {
      durationS: Math.round(input.load.durationS * 10) / 10,
      sentPerS: Math.round(a.sent / loadS),
      acknowledgedPerS: Math.round(a.acknowledged / loadS),
      notOffered: input.load.stats.notOffered,
      generatorCpuUtilisation: Math.round((input.load.generatorCpuS / loadS) * 100) / 100,
      pubackLatencyMs: quantiles(input.load.stats.pubackLatencyMs),
      httpLatencyMs: quantiles(input.load.stats.httpLatencyMs),
      mqtt: {
        connects: input.load.stats.mqttConnects,
        connectFailures: input.load.stats.mqttConnectFailures,
        disconnects: input.load.stats.mqttDisconnects,
      },
      http: {
        requests: input.load.stats.httpRequests,
        refused: input.load.stats.httpRefused,
        failed: input.load.stats.httpFailed,
        rejectedPoints: input.load.stats.httpRejectedPoints,
      },
    },
    drain: input.drain,
    shutdown: input.shutdown,
    cycleLog: cycles,
    unexpectedExits: input.unexpectedExits,
  }
}

export type CrashResults = ReturnType<typeof summariseCrashRun>

type Quantiles = ReturnType<typeof quantiles>
const ms = (q: Quantiles) => (q.samples === 0 ? "none" : `p50 ${q.p50} ms, max ${q.max} ms (${q.samples})`)
const latency = (q: Quantiles) =>
  q.samples === 0 ? "none" : `p50 ${q.p50} ms, p99 ${q.p99} ms, max ${q.max} ms (${q.samples})`

export const formatCrashResults = (r: CrashResults, file: string): string => {
  const p = r.points
  const lines = [
    `FleetCore crash benchmark (${r.machine.cpus} cores, ${r.machine.cpuModel}, Node ${r.machine.node})`,
    `  cycles                  ${r.cycles.total}: ${r.cycles.serverKills} server kills, ${r.cycles.postgresKills} PostgreSQL kills`,
    `  after PostgreSQL kills  ${r.cycles.postgresRecoveredByItself} recovered by itself, ${r.cycles.serverExitedAfterPostgresKill} server exited after PostgreSQL kill, ${r.cycles.postgresNotRecovered} did not recover`,
    `  unexpected exits        ${r.cycles.unexpectedServerExits}`,
    `  restarts                ${r.restarts.count}, ready ${ms(r.restarts.readyMs)}`,
    `  failed restarts         ${r.restarts.failedAttempts} attempts failed, ${r.restarts.manualCleanups} needed a stale PostgreSQL killed`,
    `  kill → serving again    ${ms(r.recoveryMs)}`,
    `  points sent             ${p.sent}`,
    `  acknowledged            ${p.acknowledged}`,
    `  stored                  ${p.stored} distinct (${p.storedRows} rows, ${p.storedFinal} with FINAL)`,
    `  LOST                    ${p.lost}   (acknowledged, not stored)`,
    `  DUPLICATED              ${p.duplicated}   (rows beyond one per point, without FINAL)`,
    `  stored, not acknowledged ${p.storedNotAcknowledged} (allowed)`,
    `  stored, never sent      ${p.storedNeverSent}; odometer changed: ${p.odometerMismatches}`,
    `  mileage                 expected ${r.mileage.expectedM} m, stored ${r.mileage.storedM} m over ${r.mileage.vehicles} vehicles (max |diff| ${r.mileage.maxAbsDiffM} m, sum ${r.mileage.sumAbsDiffM} m)`,
    `  load                    ${r.load.sentPerS} sent/s, ${r.load.acknowledgedPerS} acknowledged/s over ${r.load.durationS} s; ${r.load.notOffered} points not offered (device disconnected or at its in-flight limit)`,
    `  load generator CPU      ${r.load.generatorCpuUtilisation} cores busy`,
    `  publish → PUBACK        ${latency(r.load.pubackLatencyMs)}`,
    `  HTTP request → 200      ${latency(r.load.httpLatencyMs)}`,
    `  drain                   ${r.drain.settled ? "settled" : "DID NOT SETTLE"} after ${r.drain.waitedS} s; shutdown ${r.shutdown.forced ? "FORCED (SIGKILL)" : `exit code ${r.shutdown.code}`}`,
    `  results                 ${file}`,
    r.verdict.passed ? "  PASSED" : `  FAILED: ${r.verdict.failures.join("; ")}`,
  ]
  if (p.lostSample.length > 0) {
    const byKill = p.lostByKill
      .map((k) => (k.kill === null ? `after the last kill: ${k.lost}` : `kill ${k.kill}: ${k.lost}`))
      .join(", ")
    const sample = p.lostSample
      .slice(0, 3)
      .map((l) => `${l.deviceId}@${l.timeMs}`)
      .join(", ")
    lines.splice(11, 0, `    by kill: ${byKill}; e.g. ${sample}`)
  }
  return lines.join("\n")
}
