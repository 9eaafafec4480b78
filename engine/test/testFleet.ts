import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  AppLog,
  EmbeddedPostgresLayer,
  makeLog,
  Postgres,
  type PostgresClient,
  restartablePort,
} from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll } from "vitest"

export interface TestFleet {
  readonly db: PostgresClient
  readonly orgId: OrgId
  readonly vehicleIds: ReadonlyArray<VehicleId>
}

/**
 * A real embedded PostgreSQL (migrated) for this file's tests, with one organisation named `name`
 * and `vehicles` vehicles in it; started before the file's tests, removed after them. Read its
 * fields inside tests (they are set by `beforeAll`).
 */
export const useTestFleet = (name: string, vehicles: number): TestFleet => {
  let dir = ""
  let runtime: ManagedRuntime.ManagedRuntime<Postgres, unknown> | undefined
  const fleet = { db: undefined, orgId: "", vehicleIds: [] } as unknown as {
    db: PostgresClient
    orgId: OrgId
    vehicleIds: VehicleId[]
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `fleetcore-${name}-`))
    const layer = EmbeddedPostgresLayer({ dataDir: dir, port: await restartablePort(), poolSize: 2 }).pipe(
      Layer.provide(Layer.succeed(AppLog, makeLog("silent"))),
    )
    runtime = ManagedRuntime.make(layer)
    fleet.db = await runtime.runPromise(
      Effect.gen(function* () {
        return yield* Postgres
      }),
    )
    fleet.orgId = (
      await fleet.db.system.query<{ id: OrgId }>(
        "INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id",
        [name],
      )
    ).rows[0]?.id as OrgId
    fleet.vehicleIds = (
      await fleet.db.system.query<{ id: VehicleId }>(
        "INSERT INTO vehicles (org_id, name) SELECT $1, 'V' || i FROM generate_series(1, $2::int) AS i RETURNING id",
        [fleet.orgId, vehicles],
      )
    ).rows.map((r) => r.id)
  })
  afterAll(async () => {
    await runtime?.dispose()
    if (dir !== "") await rm(dir, { recursive: true, force: true })
  })
  return fleet
}
