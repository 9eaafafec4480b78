import { readdirSync, readlinkSync } from "node:fs"
import { getPriority, setPriority } from "node:os"

/**
 * The nice value the server gives its threads but the socket thread unless configured
 * (`FLEET_BACKGROUND_NICE`): a tenth of a contended core left to merges and rule batches (at 19,
 * 1.5%); docs/architecture.md, "The socket thread first".
 */
export const DEFAULT_BACKGROUND_NICE = 10

export interface OtherThreadsLowered {
  /** Threads whose nice value this raised so far. */
  readonly lowered: () => number
  readonly stop: () => void
}

/** The calling thread's id (`/proc/thread-self` links to `<pid>/task/<tid>`); null without /proc. */
const ownThreadId = (): string | null => {
  try {
    return readlinkSync("/proc/thread-self").split("/").pop() ?? null
  } catch {
    return null
  }
}

/**
 * Raises the nice value of every thread of this process but the calling one to `nice` (Linux;
 * elsewhere nothing), now and every `everyMs`: libuv's, V8's, chDB's and worker threads start
 * when first needed, and a thread started by the calling one inherits its priority.
 *
 * The calling thread is the one that reads the sockets and answers devices: where the cores are
 * busy, the kernel then runs it before storage merges, rule batches and collector helpers, which
 * only wait longer. A higher nice value needs no privilege, and is never lowered again.
 */
export const lowerOtherThreads = (nice: number, everyMs = 5_000): OtherThreadsLowered => {
  const own = ownThreadId()
  if (own === null || nice === 0) return { lowered: () => 0, stop: () => undefined }
  let lowered = 0
  const scan = () => {
    let threads: string[]
    try {
      threads = readdirSync("/proc/self/task")
    } catch {
      return
    }
    for (const tid of threads) {
      if (tid === own) continue
      try {
        if (getPriority(Number(tid)) >= nice) continue
        setPriority(Number(tid), nice)
        lowered++
      } catch {
        // The thread ended between the listing and the call.
      }
    }
  }
  scan()
  const timer = setInterval(scan, everyMs)
  timer.unref()
  return { lowered: () => lowered, stop: () => clearInterval(timer) }
}
