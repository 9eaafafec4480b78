import { randomUUID } from "node:crypto"
import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ClickHouseClient } from "../src/ClickHouse.js"
import { makeChdb, makeClickHouseServer } from "../src/ClickHouseLive.js"
import { runClickHouseMigrations } from "../src/internal/clickhouseMigrations.js"
import { migrationsDir } from "../src/internal/migrationsDir.js"

/*
 * What FleetCore asks of ClickHouse, held by chDB always and by a ClickHouse server whenever
 * CLICKHOUSE_URL names one (none can be installed on the project's machines: docs/architecture.md,
 * "Roles as processes"). The server's run uses a database of its own, dropped at the end.
 */
interface Target {
  readonly name: string
  readonly open: () => Promise<{ ch: ClickHouseClient; close: () => Promise<void> }>
}

const chdb: Target = {
  name: "chDB",
  open: async () => {
    const dir = await mkdtemp(join(tmpdir(), "fleet-ch-contract-"))
    const ch = await makeChdb(dir)
    return {
      ch,
      close: async () => {
        await ch.close()
        await rm(dir, { recursive: true, force: true })
      },
    }
  },
}

const server = (url: string): Target => ({
  name: "a ClickHouse server (CLICKHOUSE_URL)",
  open: async () => {
    const database = `fleet_contract_${randomUUID().replaceAll("-", "")}`
    const admin = makeClickHouseServer(url)
    await admin.exec(`CREATE DATABASE ${database}`)
    const own = new URL(url)
    own.pathname = `/${database}`
    const ch = makeClickHouseServer(own.toString())
    return {
      ch,
      close: async () => {
        await ch.close()
        await admin.exec(`DROP DATABASE ${database}`)
        await admin.close()
      },
    }
  },
})

const targets = [chdb, ...(process.env.CLICKHOUSE_URL ? [server(process.env.CLICKHOUSE_URL)] : [])]

for (const target of targets) {
  describe(`the ClickHouse contract: ${target.name}`, () => {
    let ch: ClickHouseClient
    let close = async () => undefined as unknown
    beforeAll(async () => {
      const opened = await target.open()
      ch = opened.ch
      close = opened.close
      await runClickHouseMigrations(ch)
    })
    afterAll(() => close())

    it("applies every migration once, and a second run finds nothing to do", async () => {
      await runClickHouseMigrations(ch)
      const files = (await readdir(migrationsDir("clickhouse"))).filter((f) => f.endsWith(".sql")).sort()
      const rows = await ch.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name")
      expect(rows.map((r) => r.name)).toEqual(files)
    })

    it("stores compact rows with typed parameters, and a row inserted twice counts once with FINAL", async () => {
      await ch.exec(
        "CREATE TABLE contract_points (org_id UUID, vehicle_id UUID, time DateTime64(3, 'UTC'), device_id String, speed Float64) ENGINE = ReplacingMergeTree ORDER BY (org_id, vehicle_id, time, device_id)",
      )
      const org = randomUUID()
      const vehicle = randomUUID()
      const row = (ms: number, speed: number) => [org, vehicle, new Date(ms).toISOString(), "dev-1", speed]
      const t0 = Date.UTC(2026, 0, 1, 10)
      await ch.insert(
        "contract_points",
        ["org_id", "vehicle_id", "time", "device_id", "speed"],
        [row(t0, 1), row(t0 + 1_000, 2.5)],
      )
      // Redelivered after a crash: the same key again.
      await ch.insert("contract_points", ["org_id", "vehicle_id", "time", "device_id", "speed"], [row(t0, 1)])
      const stored = await ch.query<{ ms: string | number; speed: number }>(
        "SELECT toUnixTimestamp64Milli(time) AS ms, speed FROM contract_points FINAL WHERE vehicle_id = {v:UUID} AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') ORDER BY time",
        { v: vehicle, from: t0 },
      )
      expect(stored.map((r) => [Number(r.ms), r.speed])).toEqual([
        [t0, 1],
        [t0 + 1_000, 2.5],
      ])
    })

    it("shows rows in positions_buffer at once, and moves them into positions at OPTIMIZE", async () => {
      const org = randomUUID()
      const vehicle = randomUUID()
      const t0 = Date.UTC(2026, 0, 1, 10)
      const columns = ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon"]
      const row = (ms: number) => [
        org,
        vehicle,
        "dev-1",
        new Date(ms).toISOString(),
        new Date(ms).toISOString(),
        43.2,
        76.9,
      ]
      // One point already in the table, two more in the buffer.
      await ch.insert("positions", columns, [row(t0)])
      await ch.insert("positions_buffer", columns, [row(t0 + 1_000), row(t0 + 2_000)])
      const count = async (from: string) =>
        Number(
          (
            await ch.query<{ n: string | number }>(
              `SELECT count() AS n FROM ${from} WHERE vehicle_id = {v:UUID}`,
              { v: vehicle },
            )
          )[0]?.n,
        )
      expect(await count("positions")).toBe(1)
      expect(await count("positions_buffer FINAL")).toBe(3)
      await ch.exec("OPTIMIZE TABLE positions_buffer")
      expect(await count("positions")).toBe(3)
      expect(await count("positions_buffer FINAL")).toBe(3)
    })

    it("stores any text exactly as given, in one insert after another", async () => {
      await ch.exec(
        "CREATE TABLE contract_texts (n UInt32, text String, tags Array(String)) ENGINE = MergeTree ORDER BY n",
      )
      const texts = [
        'it\'s a "quote"',
        "back\\slash \\N and a tab\there",
        "two\nlines\r\n",
        "Қазақстан, Türkiye, Россия 🚚",
        "",
        "\u0000 nul",
      ]
      await ch.insert(
        "contract_texts",
        ["n", "text", "tags"],
        texts.slice(0, 3).map((text, n) => [n, text, [text]]),
      )
      await ch.insert(
        "contract_texts",
        ["n", "text", "tags"],
        texts.slice(3).map((text, n) => [n + 3, text, [text, "x"]]),
      )
      const stored = await ch.query<{ n: number; text: string; tags: string[] }>(
        "SELECT n, text, tags FROM contract_texts ORDER BY n",
      )
      expect(stored.map((r) => r.text)).toEqual(texts)
      expect(stored.map((r) => r.tags[0])).toEqual(texts)
    })

    it("answers a query in another database as JSONCompact, and leaves the current one as it was", async () => {
      await ch.exec("CREATE DATABASE IF NOT EXISTS contract_other")
      await ch.exec(
        "CREATE TABLE IF NOT EXISTS contract_other.notes (n UInt32) ENGINE = MergeTree ORDER BY n",
      )
      await ch.insert("contract_other.notes", ["n"], [[7], [8]])
      const result = await ch.queryIn("contract_other", "SELECT n FROM notes ORDER BY n")
      expect(result.meta).toEqual([{ name: "n", type: "UInt32" }])
      expect(result.data).toEqual([[7], [8]])
      await expect(ch.query("SELECT count() AS n FROM schema_migrations")).resolves.toHaveLength(1)
      await expect(ch.queryIn("not-plain;", "SELECT 1")).rejects.toThrow(/plain database name/)
      await ch.exec("DROP DATABASE contract_other")
    })
  })
}
