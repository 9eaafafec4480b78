import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import type { ClickHouseClient } from "../ClickHouse.js"
import { alone, type ExclusiveRunner } from "./advisoryLock.js"
import { migrationsDir } from "./migrationsDir.js"

/**
 * Applies `infra/migrations/clickhouse/NNNN_name.sql` in order, once each, recording them in
 * `schema_migrations`. A file may hold several statements separated by a line with only `;`
 * at its end (`;\n`); ClickHouse runs one statement per call. ClickHouse has no lock a runner
 * could take, so processes sharing a server pass `exclusive` (a PostgreSQL advisory lock): the
 * first applies what is new, the next reads `schema_migrations` after it and finds nothing to do.
 */
export const runClickHouseMigrations = (ch: ClickHouseClient, exclusive: ExclusiveRunner = alone) =>
  exclusive(() => migrate(ch))

const migrate = async (ch: ClickHouseClient): Promise<void> => {
  await ch.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY name",
  )
  const applied = new Set(
    (await ch.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name),
  )
  const dir = migrationsDir("clickhouse")
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort()
  for (const file of files) {
    if (applied.has(file)) continue
    const text = await readFile(join(dir, file), "utf8")
    for (const statement of text.split(/;\s*(?:\n|$)/)) {
      const sql = statement.replace(/^\s*--.*$/gm, "").trim()
      if (sql.length > 0) await ch.exec(sql)
    }
    await ch.insert("schema_migrations", ["name"], [[file]])
  }
}
