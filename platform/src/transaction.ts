import type pg from "pg"

/**
 * Runs `work` in one transaction on a connection of `pool`, COMMIT when it resolves, ROLLBACK when it
 * throws; the connection always goes back. `setup` (SQL statements, no parameters) runs right after
 * BEGIN in the same round trip: a role, a setting.
 */
export const inTransaction = async <A>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<A>,
  setup?: (client: pg.PoolClient) => string,
): Promise<A> => {
  const client = await pool.connect()
  try {
    await client.query(setup === undefined ? "BEGIN" : `BEGIN; ${setup(client)}`)
    const result = await work(client)
    await client.query("COMMIT")
    return result
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
