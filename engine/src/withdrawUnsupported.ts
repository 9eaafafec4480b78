import type { RaisedAlert } from "@fleetcore/proto"
import type pg from "pg"
import type { AlertRow } from "./AlertSink.js"
import type { IncidentEvent } from "./IncidentSink.js"
import {
  planReconcile,
  REDERIVED_ALERT_TYPES,
  type StoredOutcome,
  UNSUPPORTED_NOTE,
  WITHDRAWN_NOTE,
} from "./reconcileAlerts.js"

/** A vehicle re-derived from a checkpoint: what earlier runs stored after `afterMs` is checked. */
export interface RerunScope {
  readonly vehicleId: string
  readonly afterMs: number
}

/** Nobody acted on the alert `a`: the SQL twin of `StoredOutcome.untouched`. */
const UNTOUCHED = `(a.acknowledged_at IS NULL AND a.assignee_id IS NULL AND a.resolved_by IS NULL
  AND NOT EXISTS (SELECT 1 FROM alert_actions x WHERE x.alert_id = a.id))`
/** The system already withdrew the alert or noted it: a later re-run leaves it alone. */
const SETTLED = `EXISTS (SELECT 1 FROM alert_actions x WHERE x.alert_id = a.id AND x.action IN ('withdraw', 'note'))`

interface Row {
  alert_id: string | null
  incident_id: string | null
  type: string
  key: string
  at: Date
  status: StoredOutcome["status"]
  untouched: boolean
}

/**
 * What earlier runs stored from the period a re-run covered: the vehicle's condition alerts opened
 * after the checkpoint, and its incidents that ended after it (the re-run starts from the
 * checkpoint's state, so it finds again an incident under way there; one that ended before was
 * derived whole before the checkpoint). Alerts the system already withdrew or noted are left out.
 */
const storedAfter = async (db: pg.Pool, scope: RerunScope): Promise<StoredOutcome[]> => {
  const after = new Date(scope.afterMs)
  const { rows } = await db.query<Row>(
    `SELECT a.id AS alert_id, NULL::uuid AS incident_id, a.type, a.key, a.opened_at AS at, a.status,
            ${UNTOUCHED} AS untouched
     FROM alerts a
     WHERE a.vehicle_id = $1 AND a.type = ANY($3::text[]) AND a.opened_at > $2 AND NOT ${SETTLED}
     UNION ALL
     SELECT a.id, i.id, i.kind, '', i.started_at, a.status, COALESCE(${UNTOUCHED}, true)
     FROM incidents i LEFT JOIN alerts a ON a.id = i.alert_id
     WHERE i.vehicle_id = $1 AND i.ended_at > $2 AND (a.id IS NULL OR NOT ${SETTLED})`,
    [scope.vehicleId, after, REDERIVED_ALERT_TYPES],
  )
  return rows.map((r) => ({
    alertId: r.alert_id,
    incidentId: r.incident_id,
    type: r.type,
    key: r.key,
    atMs: r.at.getTime(),
    status: r.status,
    untouched: r.untouched,
  }))
}

/**
 * Reconciles, once a re-run's alerts and incidents are written, what earlier runs stored from the
 * same period with what the re-run derived (`planReconcile`): an unsupported alert nobody acted on
 * is withdrawn (resolved by the system, with a `withdraw` history entry), one someone acted on is
 * kept with a `note` entry, and incidents that no longer follow from the points are deleted.
 * Returns the withdrawn alerts (for the live feed). No notification: one goes out only when an
 * alert is inserted, and a withdrawal inserts none.
 */
export const withdrawUnsupported = async (
  db: pg.Pool,
  scope: RerunScope,
  rederived: {
    readonly alerts: ReadonlyArray<RaisedAlert>
    readonly incidents: ReadonlyArray<IncidentEvent>
  },
): Promise<AlertRow[]> => {
  const plan = planReconcile(await storedAfter(db, scope), rederived)
  const withdrawn: AlertRow[] = []
  if (plan.withdraw.length > 0) {
    const { rows } = await db.query<AlertRow>(
      `WITH w AS (
         UPDATE alerts a SET status = 'resolved', resolved_at = now(), resolution_note = $2
         WHERE a.id = ANY($1::uuid[]) AND ${UNTOUCHED}
         RETURNING a.*
       ), h AS (
         INSERT INTO alert_actions (org_id, alert_id, action, note) SELECT org_id, id, 'withdraw', $2 FROM w
       )
       SELECT * FROM w`,
      [plan.withdraw, WITHDRAWN_NOTE],
    )
    withdrawn.push(...rows)
  }
  if (plan.note.length > 0)
    await db.query(
      `INSERT INTO alert_actions (org_id, alert_id, action, note)
       SELECT a.org_id, a.id, 'note', $2 FROM alerts a WHERE a.id = ANY($1::uuid[]) AND NOT ${SETTLED}`,
      [plan.note, UNSUPPORTED_NOTE],
    )
  // An incident goes with its alert: one whose alert someone acted on meanwhile stays.
  if (plan.deleteIncidents.length > 0)
    await db.query(
      "DELETE FROM incidents WHERE id = ANY($1::uuid[]) AND (alert_id IS NULL OR alert_id = ANY($2::uuid[]))",
      [plan.deleteIncidents, withdrawn.map((a) => a.id)],
    )
  return withdrawn
}
