import type pg from "pg"
import pino from "pino"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Log, makeLog } from "../src/Log.js"
import type { PostgresClient } from "../src/Postgres.js"
import { makePool } from "../src/pgPool.js"
import { startTestPostgres, type TestPostgres } from "./testPostgres.js"

let server: TestPostgres
let db: PostgresClient

beforeAll(async () => {
  server = await startTestPostgres("pgpool")
  db = server.db
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

/**
 * A pool of its own on the test's server, as the system role (a pool keeps its password out of
 * its enumerable options, so it is copied by name).
 */
const testPool = (log: Log, max: number) =>
  makePool({ ...db.system.options, password: db.system.options.password, max }, log, "test pool")

const backendPid = async (on: pg.Pool | pg.PoolClient) =>
  (await on.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid as number

describe("a pool whose connections drop", () => {
  it("logs each lost connection once, naming its pool and whether it was in use, and serves on", async () => {
    const lines: Array<{ msg: string; pool: string; err: string }> = []
    const log = pino({ level: "warn", base: null }, { write: (line: string) => lines.push(JSON.parse(line)) })
    const pool = testPool(log, 2)
    try {
      const busy = await pool.connect()
      const idle = await pool.connect()
      const idlePid = await backendPid(idle)
      idle.release()
      const busyPid = await backendPid(busy)
      // Both connections are ended by the server, as a PostgreSQL shutdown or restart ends them.
      await db.system.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [
        [busyPid, idlePid],
      ])
      const deadline = Date.now() + 10_000
      while (lines.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      // The one in use fails its next statement; released with that error, the pool drops it.
      const failed = await busy.query("SELECT 1").then(
        () => null,
        (error: Error) => error,
      )
      expect(failed).toBeInstanceOf(Error)
      busy.release(failed ?? undefined)
      expect(await backendPid(pool)).not.toBe(busyPid)
      await new Promise((r) => setTimeout(r, 200))
      expect(lines.map((l) => [l.pool, l.msg]).sort()).toEqual([
        ["test pool", "PostgreSQL connection lost in use; its next statement fails"],
        ["test pool", "PostgreSQL connection lost while idle; replaced when needed"],
      ])
      for (const line of lines)
        expect(line.err).toMatch(/terminating connection due to administrator command/)
    } finally {
      await pool.end()
    }
  })

  it("ends once its connections have closed, not while they still are", async () => {
    const pool = testPool(makeLog("silent"), 3)
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()])
    let ended = 0
    for (const client of clients) {
      client.once("end", () => ended++)
      client.release()
    }
    await pool.end()
    // pg-pool's end() alone resolves with none of the three closed yet.
    expect(ended).toBe(3)
  })
})
