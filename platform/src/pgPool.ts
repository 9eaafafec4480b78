import pg from "pg"
import type { Log } from "./Log.js"

/**
 * A pool that survives its server: a connection that drops (restart, fail-over, a killed
 * postmaster), idle or in use, is logged and replaced instead of crashing the process.
 */
export const makePool = (config: pg.PoolConfig, log: Log): pg.Pool => {
  const pool = new pg.Pool(config)
  pool.on("error", (error) => log.warn({ err: error.message }, "PostgreSQL connection lost; reconnecting"))
  // The pool listens for errors only on its idle clients: a checked-out client whose server dies
  // between two statements (a worker holding a transaction) would emit an unhandled 'error' and end
  // the process. Every client keeps a listener; its next query fails and the pool drops it.
  pool.on("connect", (client) => {
    client.on("error", (error) => log.warn({ err: error.message }, "PostgreSQL connection lost in use"))
  })
  return pool
}
