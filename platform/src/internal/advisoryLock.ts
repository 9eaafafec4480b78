import type pg from "pg"

/** Runs work that must not run in two processes at once. */
export type ExclusiveRunner = <A>(work: () => Promise<A>) => Promise<A>

/** Nothing to exclude: the one process that owns the store (chDB's folder). */
export const alone: ExclusiveRunner = (work) => work()

/**
 * Holds the session-level `pg_advisory_lock(key)` on one connection of `pool` while `work` runs:
 * a second process waits for the first to finish, and a process that dies releases the lock with
 * its session.
 */
export const advisoryLocked =
  (pool: pg.Pool, key: number): ExclusiveRunner =>
  async (work) => {
    const session = await pool.connect()
    try {
      await session.query("SELECT pg_advisory_lock($1)", [key])
      try {
        return await work()
      } finally {
        await session.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined)
      }
    } finally {
      session.release()
    }
  }
