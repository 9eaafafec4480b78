import type pg from "pg"

/**
 * Runs `work` in one transaction on a connection of `pool`: `begin` statements first (a role, a
 * setting), COMMIT when it resolves, ROLLBACK when it throws; the connection always goes back.
 */
export const inTransaction = async <A>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<A>,
  begin: (client: pg.PoolClient) => Promise<void> = async () => undefined,
): Promise<A> => {
  const client = await pool.connect()
  try {
    await client.query("BEGIN")
    await begin(client)
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
