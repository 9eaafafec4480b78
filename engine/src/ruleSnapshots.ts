import { storeLateTrack } from "./lateTrackStore.js"
import type { Tracked } from "./ruleOutputs.js"

/**
 * Rule states a snapshot statement carries at most. A state is 3–5 KB of JSON, made on the thread
 * that also answers devices: 2,000 changed vehicles in one statement held it 18–30 ms, 5,000 for
 * 53–62 ms (profiles at 20,000 points/s, docs/architecture.md). 200 are a few milliseconds, and
 * the thread serves sockets between statements.
 */
export const SNAPSHOT_ROWS_PER_STATEMENT = 200

/**
 * Upserts vehicles' committed rule states into `vehicle_rule_state`, `perStatement` at a time, one
 * statement after another; resolves once all are written. Each statement is one JSON document
 * (`jsonb_to_recordset`): as `jsonb[]`, every state's text would be escaped again into an array
 * literal (pg's `escapeElement`). A failed statement rejects; those before it stay written.
 */
export const writeRuleSnapshots = async (
  db: { query(text: string, values: unknown[]): Promise<unknown> },
  rows: ReadonlyArray<Tracked>,
  perStatement = SNAPSHOT_ROWS_PER_STATEMENT,
): Promise<void> => {
  for (let from = 0; from < rows.length; from += perStatement) {
    const doc = rows.slice(from, from + perStatement).map((r) => ({
      v: r.vehicleId,
      o: r.orgId,
      s: r.state,
      t: r.state.lastTimeMs,
      // The late track up to the committed state: a restart still re-derives late points.
      l: storeLateTrack(r.late, r.state) ?? undefined,
    }))
    await db.query(
      `INSERT INTO vehicle_rule_state (vehicle_id, org_id, state, last_time, late, updated_at)
       SELECT v, o, s, to_timestamp(t / 1000.0), l, now()
       FROM jsonb_to_recordset($1::jsonb) AS u(v uuid, o uuid, s jsonb, t float8, l jsonb)
       ON CONFLICT (vehicle_id) DO UPDATE SET state = EXCLUDED.state, last_time = EXCLUDED.last_time,
         late = EXCLUDED.late, updated_at = now()`,
      [JSON.stringify(doc)],
    )
  }
}
