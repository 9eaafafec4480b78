import type {
  DocumentEntityType,
  HomeActivity,
  HomeAttention,
  HomeContracts,
  HomeDocuments,
  HomeExpenses,
  HomeFleet,
} from "@fleetcore/contract"
import { ATTENTION_REASONS, HOME_EXPIRY_DAYS, HOME_LIST_LIMIT, VEHICLE_STATUSES } from "@fleetcore/contract"
import { isoSql } from "../db/isoSql.js"
import { recordNameSql } from "../exports/itemNames.js"

/**
 * The organisation's home widgets as parts of ONE statement (`homeStatement`): each widget is a
 * scalar subquery answering JSON, aggregates or LIMITed lists, run on a `withOrg` connection so
 * row-level security confines every one to the caller's organisation. One statement instead of a
 * dozen: each round trip to PostgreSQL costs about a millisecond of CPU on both sides here.
 * `TODAY` is the organisation's day, computed once in the statement from its time zone ($1).
 */

type AttentionReason = (typeof ATTENTION_REASONS)[number]

const TODAY = "(SELECT today FROM home_day)"

/** JSON rows of a subquery `x`, in `order`, or [] when it has none. */
const jsonRows = (fields: string, from: string, order: string) =>
  `(SELECT coalesce(json_agg(json_build_object(${fields}) ORDER BY ${order}), '[]'::json) FROM (${from}) x)`

export const fleetSql = jsonRows(
  "'status', status, 'n', n",
  "SELECT status, count(*)::int AS n FROM vehicles GROUP BY status",
  "status",
)

export const fleetView = (rows: ReadonlyArray<{ status: string; n: number }>): typeof HomeFleet.Type => {
  const byStatus = VEHICLE_STATUSES.map((status) => ({
    status,
    count: rows.find((r) => r.status === status)?.n ?? 0,
  }))
  return { total: byStatus.reduce((sum, s) => sum + s.count, 0), byStatus }
}

/** The sources of "needs attention" the caller may read, each a (vehicle_id, reason) select. */
const REASON_SOURCES: Record<AttentionReason, string> = {
  maintenanceOverdue:
    "SELECT vehicle_id, 'maintenanceOverdue' FROM maintenance_tasks WHERE status = 'overdue'",
  // The planner creates a task only once it is near (500 km, 14 days): a scheduled task is due.
  maintenanceDue: "SELECT vehicle_id, 'maintenanceDue' FROM maintenance_tasks WHERE status = 'scheduled'",
  contractExpiring: `SELECT vehicle_id, 'contractExpiring' FROM contracts
    WHERE cancelled_at IS NULL AND ends_on >= ${TODAY} AND ends_on <= ${TODAY} + ${HOME_EXPIRY_DAYS}`,
  documentExpiring: `SELECT entity_id, 'documentExpiring' FROM documents
    WHERE entity_type = 'vehicle' AND expires_on <= ${TODAY} + ${HOME_EXPIRY_DAYS}`,
  criticalAlert: `SELECT vehicle_id, 'criticalAlert' FROM alerts
    WHERE severity = 'critical' AND status <> 'resolved' AND vehicle_id IS NOT NULL`,
}

/**
 * The common table `attention` (vehicle_id, reason, name, plate) of the reasons the caller may read;
 * decommissioned vehicles need no attention (their records stay for history). Read once, by the
 * counts and the list both.
 */
export const attentionCte = (reasons: ReadonlyArray<AttentionReason>) =>
  `attention AS MATERIALIZED (
     WITH reasons (vehicle_id, reason) AS (${reasons.map((r) => REASON_SOURCES[r]).join(" UNION ALL ")})
     SELECT r.vehicle_id, r.reason, v.name, v.plate FROM reasons r JOIN vehicles v ON v.id = r.vehicle_id
     WHERE v.status <> 'decommissioned')`

export const attentionSql = `json_build_object(
  'perReason', ${jsonRows("'reason', reason, 'n', n", "SELECT reason, count(*)::int AS n FROM attention GROUP BY reason", "reason")},
  'vehicles', (SELECT count(DISTINCT vehicle_id)::int FROM attention),
  'items', ${jsonRows(
    "'vehicle_id', vehicle_id, 'name', name, 'plate', plate, 'reasons', reasons",
    `SELECT vehicle_id, name, plate, array_agg(DISTINCT reason) AS reasons,
       row_number() OVER (ORDER BY count(DISTINCT reason) DESC, count(*) DESC, name, vehicle_id) AS rank
     FROM attention GROUP BY vehicle_id, name, plate
     ORDER BY rank LIMIT ${HOME_LIST_LIMIT}`,
    "rank",
  )})`

interface AttentionJson {
  readonly perReason: ReadonlyArray<{ reason: AttentionReason; n: number }>
  readonly vehicles: number
  readonly items: ReadonlyArray<{ vehicle_id: string; name: string; plate: string | null; reasons: string[] }>
}

export const attentionView = (found: AttentionJson | null): typeof HomeAttention.Type => {
  const counts = Object.fromEntries(ATTENTION_REASONS.map((r) => [r, 0])) as Record<AttentionReason, number>
  for (const r of found?.perReason ?? []) counts[r.reason] = r.n
  return {
    vehicles: found?.vehicles ?? 0,
    counts,
    items: (found?.items ?? []).map((r) => ({
      vehicleId: r.vehicle_id,
      name: r.name,
      plate: r.plate,
      // In the order of ATTENTION_REASONS (most urgent first), not the aggregate's.
      reasons: ATTENTION_REASONS.filter((reason) => r.reasons.includes(reason)),
    })),
  }
}

export const fuelAnomaliesSql = "(SELECT count(*)::int FROM fuel_entries WHERE anomaly_status = 'unchecked')"

/** Documents expiring within the window or expired (the documents list's "expiring" view). */
const WITHIN = `expires_on <= ${TODAY} + ${HOME_EXPIRY_DAYS}`

export const documentsSql = `json_build_object(
  'counts', (SELECT json_build_object('expiring', count(*)::int, 'expired', count(*) FILTER (WHERE expires_on < ${TODAY})::int)
             FROM documents WHERE ${WITHIN}),
  'items', ${jsonRows(
    "'id', id, 'filename', filename, 'kind', kind, 'entity_type', entity_type, 'entity_id', entity_id, 'entity_name', entity_name, 'expires_on', to_char(expires_on, 'YYYY-MM-DD')",
    `SELECT id, filename, kind, entity_type, entity_id, expires_on,
       ${recordNameSql("documents.entity_type", "documents.entity_id")} AS entity_name
     FROM documents WHERE ${WITHIN}
     ORDER BY expires_on, id LIMIT ${HOME_LIST_LIMIT}`,
    "expires_on, id",
  )})`

interface DocumentsJson {
  readonly counts: { expiring: number; expired: number }
  readonly items: ReadonlyArray<{
    id: string
    filename: string
    kind: string
    entity_type: DocumentEntityType
    entity_id: string
    entity_name: string | null
    expires_on: string
  }>
}

export const documentsView = (found: DocumentsJson): typeof HomeDocuments.Type => ({
  expiring: found.counts.expiring,
  expired: found.counts.expired,
  items: found.items.map((r) => ({
    id: r.id,
    filename: r.filename,
    kind: r.kind,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityName: r.entity_name,
    expiresOn: r.expires_on,
  })),
})

/** As `contracts.summary`: expiring = not cancelled, ending today or within the window. */
export const contractsSql = `(SELECT json_build_object(
    'expiring', count(*) FILTER (WHERE ends_on >= ${TODAY} AND ends_on <= ${TODAY} + ${HOME_EXPIRY_DAYS})::int,
    'expired', count(*) FILTER (WHERE ends_on < ${TODAY})::int)
  FROM contracts WHERE cancelled_at IS NULL)`

export type ContractsJson = typeof HomeContracts.Type

/**
 * The last 12 months' expenses in the organisation's currency (`currency`, a parameter reference),
 * from the daily totals the triggers keep (`expense_days`): at most 12 × categories × currencies ×
 * 31 rows read, whatever the fleet. One range scan of the daily totals, grouped by month.
 */
export const expensesSql = (currency: string) =>
  jsonRows(
    "'month', to_char(month, 'YYYY-MM'), 'amount', amount, 'expenses', expenses, 'unconverted', unconverted",
    `WITH months AS (
       SELECT generate_series(date_trunc('month', ${TODAY}) - interval '11 months', date_trunc('month', ${TODAY}), interval '1 month')::date AS month
     ), spent AS (
       SELECT date_trunc('month', d.day::timestamp)::date AS month, sum(d.org_amount) AS amount,
              sum(d.expenses) AS expenses, sum(d.unconverted) AS unconverted
       FROM expense_days d
       WHERE d.day >= (date_trunc('month', ${TODAY}) - interval '11 months')::date
         AND d.day < (date_trunc('month', ${TODAY}) + interval '1 month')::date
         AND d.org_currency = ${currency}
       GROUP BY 1
     )
     SELECT m.month, coalesce(s.amount, 0)::numeric(16, 2)::text AS amount,
            coalesce(s.expenses, 0)::int AS expenses, coalesce(s.unconverted, 0)::int AS unconverted
     FROM months m LEFT JOIN spent s USING (month)`,
    "month",
  )

export const expensesView = (
  months: ReadonlyArray<{ month: string; amount: string; expenses: number; unconverted: number }>,
  currency: string,
): typeof HomeExpenses.Type => ({
  currency,
  months: months.map((r) => ({ month: r.month, amount: r.amount, expenses: r.expenses })),
  unconverted: months.reduce((sum, r) => sum + r.unconverted, 0),
})

/** The latest audit entries; `at` as the API writes instants (UTC, milliseconds). */
export const activitySql = jsonRows(
  "'id', id, 'at', at, 'actor_email', actor_email, 'action', action, 'entity', entity, 'entity_id', entity_id",
  `SELECT a.seq, a.id::text AS id, ${isoSql("a.at")} AS at,
          u.email AS actor_email, a.action, a.entity, a.entity_id
   FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
   ORDER BY a.seq DESC LIMIT ${HOME_LIST_LIMIT}`,
  "seq DESC",
)

export const activityView = (
  rows: ReadonlyArray<{
    id: string
    at: string
    actor_email: string | null
    action: string
    entity: string
    entity_id: string | null
  }>,
): typeof HomeActivity.Type =>
  rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actor_email,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
  }))
