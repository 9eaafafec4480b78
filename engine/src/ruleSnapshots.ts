import { partitionOf } from "@fleetcore/platform/lean"
import { storeLateTrack } from "./lateTrackStore.js"
import type { Tracked } from "./ruleOutputs.js"
import type { VehicleRulesState } from "./VehicleRules.js"

/**
 * Rule states a snapshot statement carries at most. A state is 3–5 KB of JSON, made on the thread
 * that also answers devices: 2,000 changed vehicles in one statement held it 18–30 ms, 5,000 for
 * 53–62 ms (profiles at 20,000 points/s, docs/architecture.md). 200 are a few milliseconds, and
 * the thread serves sockets between statements.
 */
export const SNAPSHOT_ROWS_PER_STATEMENT = 200

/** Vehicles a summary statement carries at most (a summary is ~100 bytes of JSON). */
const SUMMARY_ROWS_PER_STATEMENT = 5_000

interface Queryable {
  query(text: string, values: unknown[]): Promise<unknown>
}

/**
 * What the API reads of a state (`vehicle_rule_state.estimated_odometer_m`, `odometer_offset_at`,
 * `trip_open`).
 */
const summary = (state: VehicleRulesState) => ({
  e: state.estimatedOdometerM ?? null,
  a: state.odometerOffsetAtMs ?? null,
  p: state.trips.trip !== null,
})

/**
 * Whether a vehicle's whole state is due to be written again: once this process never wrote it,
 * else once 50–100% of `everyMs` (fixed per vehicle, from its id) have passed since it did. The
 * spread keeps a fleet that started together from writing every state in the same second.
 */
export const snapshotDue = (
  vehicleId: string,
  writtenAtMs: number | undefined,
  nowMs: number,
  everyMs: number,
): boolean =>
  writtenAtMs === undefined || nowMs - writtenAtMs >= everyMs * (0.5 + partitionOf(vehicleId, 1024) / 2048)

/** Runs `write` over `rows`, `per` at a time, one statement after another. */
const inStatements = async <R>(
  rows: ReadonlyArray<R>,
  per: number,
  write: (part: ReadonlyArray<R>) => Promise<unknown>,
): Promise<void> => {
  for (let from = 0; from < rows.length; from += per) await write(rows.slice(from, from + per))
}

/**
 * Upserts vehicles' committed rule states into `vehicle_rule_state` (with their summaries),
 * `perStatement` at a time, one statement after another; resolves once all are written. Each
 * statement is one JSON document (`jsonb_to_recordset`): as `jsonb[]`, every state's text would be
 * escaped again into an array literal (pg's `escapeElement`). A failed statement rejects; those
 * before it stay written.
 */
export const writeRuleSnapshots = (
  db: Queryable,
  rows: ReadonlyArray<Tracked>,
  perStatement = SNAPSHOT_ROWS_PER_STATEMENT,
): Promise<void> =>
  inStatements(rows, perStatement, (part) =>
    db.query(
      `INSERT INTO vehicle_rule_state (vehicle_id, org_id, state, last_time, late, estimated_odometer_m,
                                       odometer_offset_at, trip_open, updated_at)
       SELECT v, o, s, to_timestamp(t / 1000.0), l, e, to_timestamp(a / 1000.0), p, now()
       FROM jsonb_to_recordset($1::jsonb) AS u(v uuid, o uuid, s jsonb, t float8, l jsonb, e float8, a float8, p boolean)
       ON CONFLICT (vehicle_id) DO UPDATE SET state = EXCLUDED.state, last_time = EXCLUDED.last_time,
         late = EXCLUDED.late, estimated_odometer_m = EXCLUDED.estimated_odometer_m,
         odometer_offset_at = EXCLUDED.odometer_offset_at, trip_open = EXCLUDED.trip_open, updated_at = now()`,
      [
        JSON.stringify(
          part.map((r) => ({
            v: r.vehicleId,
            o: r.orgId,
            s: r.state,
            t: r.state.lastTimeMs,
            // The late track up to the committed state: a restart still re-derives late points.
            l: storeLateTrack(r.late, r.state) ?? undefined,
            ...summary(r.state),
          })),
        ),
      ],
    ),
  )

/**
 * Writes only the summaries of vehicles whose row exists (a vehicle's first snapshot is written at
 * once, see `snapshotDue`): the state, its time and its late track stay those of the last snapshot.
 */
export const writeRuleSummaries = (db: Queryable, rows: ReadonlyArray<Tracked>): Promise<void> =>
  inStatements(rows, SUMMARY_ROWS_PER_STATEMENT, (part) =>
    db.query(
      `UPDATE vehicle_rule_state AS rs SET estimated_odometer_m = u.e, odometer_offset_at = to_timestamp(u.a / 1000.0),
         trip_open = u.p
       FROM jsonb_to_recordset($1::jsonb) AS u(v uuid, e float8, a float8, p boolean)
       WHERE rs.vehicle_id = u.v`,
      [JSON.stringify(part.map((r) => ({ v: r.vehicleId, ...summary(r.state) })))],
    ),
  )
