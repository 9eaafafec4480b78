import { readdir } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ClickHouseClient } from "../src/ClickHouse.js"
import { makeChdb } from "../src/ClickHouseLive.js"
import { advisoryLocked } from "../src/internal/advisoryLock.js"
import { runClickHouseMigrations } from "../src/internal/clickhouseMigrations.js"
import { migrationsDir } from "../src/internal/migrationsDir.js"
import type { PostgresClient } from "../src/Postgres.js"
import { startTestPostgres, type TestPostgres } from "./testPostgres.js"

/*
 * Two processes starting against one ClickHouse server both run the migrations. chDB serialises
 * statements the way one server interleaves two clients' requests, so two runners over one chDB
 * session race exactly as two processes over a server would: both read `schema_migrations`
 * before either has recorded a file. The PostgreSQL advisory lock the server layer takes makes
 * the second wait for the first.
 */

let pg: TestPostgres
let db: PostgresClient
let ch: ClickHouseClient
let files: string[]

beforeAll(async () => {
  pg = await startTestPostgres("ch-lock")
  db = pg.db
  ch = await makeChdb(pg.dir)
  files = (await readdir(migrationsDir("clickhouse"))).filter((f) => f.endsWith(".sql")).sort()
})
afterAll(async () => {
  await ch?.close()
  await pg?.stop()
})

/** A fresh database as the session's current one: a server nobody has migrated yet. */
const freshDatabase = async (name: string) => {
  await ch.exec(`CREATE DATABASE ${name}`)
  await ch.exec(`USE ${name}`)
}
const recorded = async () =>
  (
    await ch.query<{ name: string; times: string }>(
      "SELECT name, count() AS times FROM schema_migrations GROUP BY name ORDER BY name",
    )
  ).map((r) => [r.name, Number(r.times)] as const)

describe("ClickHouse migrations started by two processes at once", () => {
  it("race without the lock: both runners apply and record the same files", async () => {
    await freshDatabase("unlocked")
    const outcomes = await Promise.allSettled([runClickHouseMigrations(ch), runClickHouseMigrations(ch)])
    const twice = (await recorded()).filter(([, times]) => times > 1)
    const failed = outcomes.filter((o) => o.status === "rejected")
    expect(twice.length + failed.length).toBeGreaterThan(0)
  })

  it("apply each file once, in order, under the PostgreSQL advisory lock", async () => {
    await freshDatabase("locked")
    const lock = advisoryLocked(db.system, 7_355_608_003)
    await Promise.all([runClickHouseMigrations(ch, lock), runClickHouseMigrations(ch, lock)])
    expect(await recorded()).toEqual(files.map((f) => [f, 1]))
    const tables = await ch.query<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = 'locked'",
    )
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["positions", "trips", "daily_mileage"]))
  })

  it("a third process after them finds nothing to do", async () => {
    await runClickHouseMigrations(ch, advisoryLocked(db.system, 7_355_608_003))
    expect(await recorded()).toEqual(files.map((f) => [f, 1]))
  })
})
