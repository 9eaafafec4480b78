import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_S = 100

/**
 * A process's or a thread's `stat` (`/proc/<pid>` or `/proc/<pid>/task/<tid>`): its command name
 * (which may hold spaces and parentheses) and the fields after it; null once it is gone.
 */
const statAt = (dir: string): { name: string; fields: string[] } | null => {
  try {
    const text = readFileSync(`${dir}/stat`, "utf8")
    return {
      name: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
      fields: text.slice(text.lastIndexOf(")") + 2).split(" "),
    }
  } catch {
    return null
  }
}
const statOf = (pid: number): string[] | null => statAt(`/proc/${pid}`)?.fields ?? null

/**
 * User plus system CPU seconds the processes have used so far, with that of their children that
 * exited and were waited for (a PostgreSQL backend that ended is in its postmaster's count).
 */
export const cpuSeconds = (pids: ReadonlyArray<number>): number => {
  let ticks = 0
  for (const pid of pids) {
    const fields = statOf(pid)
    // utime, stime, cutime, cstime are fields 14 to 17 of stat; 12 to 15 after the name.
    if (fields !== null) for (let i = 11; i <= 14; i++) ticks += Number(fields[i])
  }
  return ticks / TICKS_PER_S
}

const allPids = (): number[] =>
  readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)

export const pidsOf = {
  /** Processes whose command line mentions `text` (a data folder only that process uses). */
  commandLine: (text: string): number[] =>
    allPids().filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text)
      } catch {
        return false
      }
    }),
  /** A PostgreSQL server's postmaster (from `<dataDir>/postmaster.pid`) and its backends. */
  postgres: (dataDir: string): number[] => {
    let postmaster: number
    try {
      postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0])
    } catch {
      return []
    }
    // ppid is field 4 of stat; 2 after the name.
    return [postmaster, ...allPids().filter((pid) => Number(statOf(pid)?.[1]) === postmaster)]
  },
}

/** A thread's time on a core and time runnable but waiting for one, so far, in seconds. */
export interface ThreadSchedule {
  readonly onCpuS: number
  readonly waitingS: number
}

/**
 * From `/proc/<pid>/task/<tid>/schedstat` (the kernel's scheduler statistics; null where the
 * kernel keeps none). `tid` defaults to the process's main thread.
 */
export const threadSchedule = (pid: number, tid = pid): ThreadSchedule | null => {
  try {
    const [onCpuNs, waitingNs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")
    return { onCpuS: Number(onCpuNs) / 1e9, waitingS: Number(waitingNs) / 1e9 }
  } catch {
    return null
  }
}

/**
 * Shares of a window of `windowS` seconds a thread spent on a core and waiting for one, between
 * two `threadSchedule` readings (three decimals); null if either reading is missing.
 */
export const scheduleShares = (
  before: ThreadSchedule | null,
  after: ThreadSchedule | null,
  windowS: number,
): { onCpu: number; waiting: number } | null =>
  before === null || after === null
    ? null
    : {
        onCpu: Number(((after.onCpuS - before.onCpuS) / windowS).toFixed(3)),
        waiting: Number(((after.waitingS - before.waitingS) / windowS).toFixed(3)),
      }

/** CPU seconds a process has used so far, by kind of thread (see `threadsCpu`). */
export interface ProcessThreadsCpu {
  readonly mainS: number
  readonly nodeThreadsS: number
  readonly otherThreadsS: number
}

/**
 * CPU seconds a process has used so far, split by thread: its main thread, the other threads
 * Node started (named `node`: worker threads such as FleetCore's rules thread, V8's helpers,
 * libuv's pool), and the rest: threads that name themselves (chDB's: `QueryPipelineEx`,
 * `MergeMutate`, …) and every thread that has already exited (the kernel keeps their time in the
 * process's total only). Null once the process is gone.
 */
export const threadsCpu = (pid: number): ProcessThreadsCpu | null => {
  // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name.
  const ticksOf = (fields: string[]) => Number(fields[11]) + Number(fields[12])
  const total = statOf(pid)
  if (total === null) return null
  let tids: string[]
  try {
    tids = readdirSync(`/proc/${pid}/task`)
  } catch {
    return null
  }
  let main = 0
  let node = 0
  for (const tid of tids) {
    // One that exited between the listing and the read is counted with the other threads.
    const thread = statAt(`/proc/${pid}/task/${tid}`)
    if (thread === null) continue
    if (Number(tid) === pid) main = ticksOf(thread.fields)
    else if (thread.name === "node") node += ticksOf(thread.fields)
  }
  return {
    mainS: main / TICKS_PER_S,
    nodeThreadsS: node / TICKS_PER_S,
    otherThreadsS: Math.max(0, ticksOf(total) - main - node) / TICKS_PER_S,
  }
}

/**
 * Microseconds of CPU a point on each kind of thread, between two `threadsCpu` readings (one
 * decimal); null if either reading is missing.
 */
export const threadsCpuPerPoint = (
  before: ProcessThreadsCpu | null,
  after: ProcessThreadsCpu | null,
  points: number,
): { mainUs: number; nodeThreadsUs: number; otherThreadsUs: number } | null => {
  if (before === null || after === null) return null
  const perPoint = (s: number) => Number(((s * 1e6) / Math.max(1, points)).toFixed(1))
  return {
    mainUs: perPoint(after.mainS - before.mainS),
    nodeThreadsUs: perPoint(after.nodeThreadsS - before.nodeThreadsS),
    otherThreadsUs: perPoint(after.otherThreadsS - before.otherThreadsS),
  }
}
