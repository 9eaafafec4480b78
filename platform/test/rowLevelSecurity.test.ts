import { mkdtemp, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AppLog, makeLog } from "../src/Log.js"
import { Postgres, type PostgresClient } from "../src/Postgres.js"
import { EmbeddedPostgresLayer } from "../src/PostgresLive.js"

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

let dir: string
let runtime: ManagedRuntime.ManagedRuntime<Postgres, unknown>
let db: PostgresClient
let orgA: string
let orgB: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-rls-"))
  const layer = EmbeddedPostgresLayer({ dataDir: dir, port: await freePort(), poolSize: 4 }).pipe(
    Layer.provide(Layer.succeed(AppLog, makeLog("silent"))),
  )
  runtime = ManagedRuntime.make(layer)
  db = await runtime.runPromise(
    Effect.gen(function* () {
      return yield* Postgres
    }),
  )
  const org = async (slug: string) =>
    (
      await db.system.query<{ id: string }>(
        "INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id",
        [slug],
      )
    ).rows[0]?.id as string
  orgA = await org("alpha")
  orgB = await org("bravo")
  await db.system.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'A1'), ($1, 'A2'), ($2, 'B1')", [
    orgA,
    orgB,
  ])
})
afterAll(async () => {
  await runtime?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe("row-level security", () => {
  it("shows an organisation only its own rows", async () => {
    const names = await db.withOrg(
      orgA,
      async (c) => (await c.query<{ name: string }>("SELECT name FROM vehicles ORDER BY name")).rows,
    )
    expect(names.map((r) => r.name)).toEqual(["A1", "A2"])
    const orgs = await db.withOrg(
      orgB,
      async (c) => (await c.query<{ slug: string }>("SELECT slug FROM organisations")).rows,
    )
    expect(orgs.map((r) => r.slug)).toEqual(["bravo"])
  })

  it("refuses writing a row into another organisation", async () => {
    await expect(
      db.withOrg(orgA, (c) => c.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'sneaky')", [orgB])),
    ).rejects.toThrow(/row-level security/)
  })

  it("cannot change or delete another organisation's rows", async () => {
    const updated = await db.withOrg(orgA, (c) => c.query("UPDATE vehicles SET name = 'x' WHERE name = 'B1'"))
    expect(updated.rowCount).toBe(0)
    const deleted = await db.withOrg(orgA, (c) => c.query("DELETE FROM vehicles WHERE name = 'B1'"))
    expect(deleted.rowCount).toBe(0)
  })

  it("shows nothing when no organisation is set", async () => {
    const client = await db.system.connect()
    try {
      await client.query("BEGIN")
      await client.query("SET LOCAL ROLE fleetcore_app")
      expect((await client.query("SELECT * FROM vehicles")).rowCount).toBe(0)
      await client.query("ROLLBACK")
    } finally {
      client.release()
    }
  })

  it("rolls the transaction back when the work fails", async () => {
    await expect(
      db.withOrg(orgA, async (c) => {
        await c.query("INSERT INTO vehicles (org_id, name) VALUES ($1, 'rolled back')", [orgA])
        throw new Error("boom")
      }),
    ).rejects.toThrow("boom")
    const n = await db.withOrg(orgA, (c) => c.query("SELECT 1 FROM vehicles WHERE name = 'rolled back'"))
    expect(n.rowCount).toBe(0)
  })
})
