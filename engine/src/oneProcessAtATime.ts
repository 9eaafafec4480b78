import type pg from "pg"

/**
 * Runs `work` unless another process is running the job named `job` (a session advisory lock keyed
 * by its name, on one connection of `pool` for the work's length); answers whether it ran. A process
 * that dies releases the lock with its session.
 */
export const oneProcessAtATime = async (
  pool: pg.Pool,
  job: string,
  work: () => Promise<void>,
): Promise<boolean> => {
  const session = await pool.connect()
  try {
    const { rows } = await session.query<{ got: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got",
      [`engine job: ${job}`],
    )
    if (rows[0]?.got !== true) return false
    try {
      await work()
      return true
    } finally {
      await session
        .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`engine job: ${job}`])
        .catch(() => undefined)
    }
  } finally {
    session.release()
  }
}
