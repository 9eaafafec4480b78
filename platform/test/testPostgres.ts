import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { AppLog, makeLog } from "../src/Log.js"
import { Postgres, type PostgresClient } from "../src/Postgres.js"
import { EmbeddedPostgresLayer } from "../src/PostgresLive.js"
import { restartablePort } from "../src/ports.js"

export interface TestPostgres {
  /** The folder the server's data lives in, for anything else the test keeps beside it. */
  readonly dir: string
  readonly db: PostgresClient
  /** Stops the server and removes its folder. */
  readonly stop: () => Promise<void>
}

/** An embedded PostgreSQL with FleetCore's migrations, in a folder and on a port of its own. */
export const startTestPostgres = async (name: string): Promise<TestPostgres> => {
  const dir = await mkdtemp(join(tmpdir(), `fleetcore-${name}-`))
  const runtime = ManagedRuntime.make(
    EmbeddedPostgresLayer({ dataDir: dir, port: await restartablePort(), poolSize: 4 }).pipe(
      Layer.provide(Layer.succeed(AppLog, makeLog("silent"))),
    ),
  )
  const db = await runtime.runPromise(
    Effect.gen(function* () {
      return yield* Postgres
    }),
  )
  return {
    dir,
    db,
    stop: async () => {
      await runtime.dispose()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
