import { runner } from "node-pg-migrate"
import type pg from "pg"
import { migrationsDir } from "./migrationsDir.js"

/** Applies `infra/migrations/postgres/*.sql` in order (node-pg-migrate, SQL files, one lock). */
export const runPostgresMigrations = async (pool: pg.Pool): Promise<void> => {
  const client = await pool.connect()
  try {
    await runner({
      dbClient: client,
      dir: migrationsDir("postgres"),
      direction: "up",
      migrationsTable: "pgmigrations",
      checkOrder: true,
      log: () => undefined,
    })
  } finally {
    client.release()
  }
}
