import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  AppLog,
  EmbeddedPostgresLayer,
  freePort,
  makeLog,
  Postgres,
  type PostgresClient,
} from "@fleetcore/platform"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Tracked } from "../src/ruleOutputs.js"
import { writeRuleSnapshots } from "../src/ruleSnapshots.js"
import { initialVehicleRules, unknownProfile } from "../src/VehicleRules.js"

let dir: string
let runtime: ManagedRuntime.ManagedRuntime<Postgres, unknown>
let db: PostgresClient
let orgId: string
let vehicleIds: string[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-snapshots-"))
  const layer = EmbeddedPostgresLayer({ dataDir: dir, port: await freePort(), poolSize: 2 }).pipe(
    Layer.provide(Layer.succeed(AppLog, makeLog("silent"))),
  )
  runtime = ManagedRuntime.make(layer)
  db = await runtime.runPromise(
    Effect.gen(function* () {
      return yield* Postgres
    }),
  )
  orgId = (
    await db.system.query<{ id: string }>(
      "INSERT INTO organisations (name, slug) VALUES ('snap', 'snap') RETURNING id",
    )
  ).rows[0]?.id as string
  vehicleIds = (
    await db.system.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name) SELECT $1, 'V' || i FROM generate_series(1, 7) AS i RETURNING id",
      [orgId],
    )
  ).rows.map((r) => r.id)
})
afterAll(async () => {
  await runtime?.dispose()
  await rm(dir, { recursive: true, force: true })
})

const tracked = (vehicleId: string, lastTimeMs: number, totalM: number): Tracked => ({
  orgId,
  vehicleId,
  profile: unknownProfile,
  state: { ...initialVehicleRules, lastTimeMs, days: { "2026-12-05": totalM } },
})

/** The pool, counting the statements it is given and the rows each snapshot document holds. */
const counting = () => {
  const documents: number[] = []
  return {
    documents,
    query: (text: string, values: unknown[]) => {
      documents.push((JSON.parse(values[0] as string) as unknown[]).length)
      return db.system.query(text, values)
    },
  }
}

const stored = async () =>
  (
    await db.system.query<{ vehicle_id: string; state: { days: Record<string, number> }; t: number }>(
      "SELECT vehicle_id, state, extract(epoch FROM last_time) * 1000 AS t FROM vehicle_rule_state",
    )
  ).rows.reduce(
    (byVehicle, r) => byVehicle.set(r.vehicle_id, [r.state.days["2026-12-05"], Number(r.t)]),
    new Map<string, [number | undefined, number]>(),
  )

describe("rule-state snapshots", () => {
  it("writes every vehicle's state, a bounded number per statement, and overwrites on the next", async () => {
    const at = Date.UTC(2026, 11, 5, 9)
    const pool = counting()
    await writeRuleSnapshots(
      pool,
      vehicleIds.map((id, i) => tracked(id, at + i * 1000, 100 * i)),
      3,
    )
    expect(pool.documents).toEqual([3, 3, 1])
    expect(await stored()).toEqual(new Map(vehicleIds.map((id, i) => [id, [100 * i, at + i * 1000]])))

    await writeRuleSnapshots(pool, [tracked(vehicleIds[2] as string, at + 60_000, 999)], 3)
    const after = await stored()
    expect(after.get(vehicleIds[2] as string)).toEqual([999, at + 60_000])
    expect(after.get(vehicleIds[3] as string)).toEqual([300, at + 3000])
  })

  it("lets the event loop run between statements", async () => {
    let turns = 0
    let counted = true
    const spin = () => {
      turns++
      if (counted) setImmediate(spin)
    }
    setImmediate(spin)
    const perStatement: number[] = []
    await writeRuleSnapshots(
      {
        query: async (text: string, values: unknown[]) => {
          perStatement.push(turns)
          return db.system.query(text, values)
        },
      },
      vehicleIds.map((id) => tracked(id, Date.UTC(2026, 11, 5, 10), 1)),
      2,
    )
    counted = false
    // Four statements; each began after the loop had turned since the one before.
    expect(perStatement).toHaveLength(4)
    for (let i = 1; i < perStatement.length; i++)
      expect(perStatement[i] as number).toBeGreaterThan(perStatement[i - 1] as number)
  })
})
