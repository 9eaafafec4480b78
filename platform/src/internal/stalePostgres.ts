import { readFile, unlink } from "node:fs/promises"
import { join, resolve } from "node:path"
import type { Log } from "../Log.js"
import { processAlive as alive } from "../processAlive.js"

const commandLine = (pid: number): Promise<string> =>
  readFile(`/proc/${pid}/cmdline`, "utf8").then(
    (text) => text.replaceAll("\0", " "),
    () => "",
  )

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const waitGone = async (pid: number, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms
  while (alive(pid)) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}

/**
 * Before FleetCore starts its embedded PostgreSQL: a postmaster left running on this data folder
 * by a FleetCore that was killed (its child outlives it) is shut down (fast shutdown, then
 * SIGKILL if it hangs), and a `postmaster.pid` naming a process that is not that postmaster is
 * removed. The caller holds the data folder's lock, so no live FleetCore owns that postmaster.
 */
export const stopStalePostgres = async (databaseDir: string, log: Log): Promise<void> => {
  const pidFile = join(databaseDir, "postmaster.pid")
  const text = await readFile(pidFile, "utf8").catch(() => null)
  if (text === null) return
  const [pidLine, dirLine] = text.split("\n")
  const pid = Number(pidLine?.trim())
  if (!Number.isSafeInteger(pid) || pid <= 0 || !alive(pid)) {
    // PostgreSQL itself starts over a pid file of a dead process.
    return
  }
  const cmd = await commandLine(pid)
  if (cmd === "") {
    // A process that is exiting (a killed postmaster not yet reaped) has no command line.
    await waitGone(pid, 5_000)
    return
  }
  const ours = cmd.includes("postgres") && resolve(dirLine?.trim() ?? "") === resolve(databaseDir)
  if (!ours) {
    log.warn({ pid, pidFile }, "postmaster.pid names an unrelated process; removing it")
    await unlink(pidFile).catch(() => undefined)
    return
  }
  log.warn({ pid }, "a PostgreSQL left by an earlier FleetCore runs on this data folder; stopping it")
  process.kill(pid, "SIGINT")
  if (await waitGone(pid, 15_000)) return
  log.warn({ pid }, "stale PostgreSQL did not stop in 15 s; killing it")
  process.kill(pid, "SIGKILL")
  await waitGone(pid, 5_000)
}
