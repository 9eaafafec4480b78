import { readdirSync } from "node:fs"
import { join } from "node:path"
import { verifyAuditChain } from "@fleetcore/api"
import { runner } from "node-pg-migrate"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, ownerConnection, startHarness } from "./harness.js"

/** The audit-chain migration on a database that already holds audit entries. */
let h: Harness
let pool: pg.Pool

const DIR = join(import.meta.dirname, "..", "..", "infra", "migrations", "postgres")

const migrate = async (count?: number) => {
  const client = await pool.connect()
  try {
    await runner({
      dbClient: client,
      dir: DIR,
      direction: "up",
      migrationsTable: "pgmigrations",
      checkOrder: true,
      log: () => undefined,
      ...(count === undefined ? {} : { count }),
    })
  } finally {
    client.release()
  }
}

beforeAll(async () => {
  h = await startHarness()
  const owner = new pg.Client(await ownerConnection(h))
  await owner.connect()
  await owner.query("CREATE DATABASE audit_backfill")
  await owner.end()
  pool = new pg.Pool({ ...(await ownerConnection(h, "audit_backfill")), max: 2 })
})
afterAll(async () => {
  await pool?.end()
  await h?.close()
})

describe("the audit-chain migration", () => {
  it("chains existing entries per organisation in the order they were written", async () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort()
    await migrate(files.indexOf("1733200000000_audit-chain.sql"))
    const org = async (slug: string) =>
      (
        await pool.query<{ id: string }>(
          "INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id",
          [slug],
        )
      ).rows[0]?.id as string
    const [a, b] = [await org("backfill-a"), await org("backfill-b")]
    // Written out of time order and interleaved between organisations.
    for (const [orgId, action, at] of [
      [a, "second", "2026-01-02T00:00:00Z"],
      [b, "only", "2026-01-01T00:00:00Z"],
      [a, "first", "2026-01-01T00:00:00Z"],
      [a, "third", "2026-01-03T00:00:00Z"],
    ] as const) {
      await pool.query("INSERT INTO audit_log (org_id, action, entity, at) VALUES ($1, $2, 'test', $3)", [
        orgId,
        action,
        at,
      ])
    }
    await migrate()

    const chained = await pool.query<{ action: string; seq: string }>(
      "SELECT action, seq::text AS seq FROM audit_log WHERE org_id = $1 ORDER BY seq",
      [a],
    )
    expect(chained.rows).toEqual([
      { action: "first", seq: "1" },
      { action: "second", seq: "2" },
      { action: "third", seq: "3" },
    ])
    expect(await verifyAuditChain(pool)).toEqual({ intact: true, entries: 4, organisations: 2, broken: null })

    // New entries continue the migrated chain.
    await pool.query("INSERT INTO audit_log (org_id, action, entity) VALUES ($1, 'fourth', 'test')", [a])
    const head = await pool.query<{ seq: string }>(
      "SELECT max(seq)::text AS seq FROM audit_log WHERE org_id = $1",
      [a],
    )
    expect(head.rows[0]?.seq).toBe("4")
    expect(await verifyAuditChain(pool, a)).toMatchObject({ intact: true, entries: 4 })
  })
})
