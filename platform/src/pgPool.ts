import pg from "pg"
import type { Log } from "./Log.js"

/**
 * A pool whose `end()` resolves once every connection has closed. pg-pool's own resolves as soon
 * as it has asked its idle connections to close, while they still are: a server stopped right then
 * (the embedded PostgreSQL at shutdown) ends them itself, and they err.
 */
class ClosingPool extends pg.Pool {
  private readonly open = new Set<pg.PoolClient>()

  constructor(config: pg.PoolConfig) {
    super(config)
    this.on("connect", (client) => {
      this.open.add(client)
      client.once("end", () => this.open.delete(client))
    })
  }

  override end(): Promise<void>
  override end(callback: () => void): void
  override end(callback?: () => void): Promise<void> | undefined {
    const closed = Promise.all([...this.open].map((client) => new Promise((r) => client.once("end", r))))
    const ended = super.end().then(async () => void (await closed))
    if (callback === undefined) return ended
    void ended.then(callback)
    return undefined
  }
}

/**
 * A pool that survives its server: a connection that drops (restart, fail-over, a killed
 * postmaster), idle or in use, is logged once, naming the pool, and replaced instead of crashing
 * the process. Its `end()` waits for its connections to close (ClosingPool).
 */
export const makePool = (config: pg.PoolConfig, log: Log, name: string): pg.Pool => {
  const pool = new ClosingPool(config)
  // The pool reports errors only of its idle clients (and then drops them): a checked-out client
  // whose server dies between two statements (a worker holding a transaction) would emit an
  // unhandled 'error' and end the process. So every client keeps a listener, which speaks only
  // for a client in use (the pool speaks for the idle ones); its next statement fails, and the
  // pool drops it when it is released.
  const inUse = new WeakSet<pg.PoolClient>()
  pool.on("acquire", (client) => inUse.add(client))
  pool.on("release", (_error, client) => inUse.delete(client))
  pool.on("error", (error) =>
    log.warn(
      { err: error.message, pool: name },
      "PostgreSQL connection lost while idle; replaced when needed",
    ),
  )
  // A dropped connection errs twice (the server's message, then the socket's end): logged once.
  const lost = new WeakSet<pg.PoolClient>()
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      if (lost.has(client)) return
      lost.add(client)
      if (inUse.has(client))
        log.warn(
          { err: error.message, pool: name },
          "PostgreSQL connection lost in use; its next statement fails",
        )
    })
  })
  return pool
}
