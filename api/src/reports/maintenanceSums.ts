import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"

/** Services completed in the period, summed per vehicle, type, vendor, month and cost currency. */
export interface ServiceSum {
  readonly vehicle_id: string
  /** The plan's template name, or the unplanned repair's own name. */
  readonly type: string
  readonly vendor: string | null
  /** The first day of the month the service was completed in ("YYYY-MM-01"). */
  readonly month: string
  /** The cost's currency; null for services recorded without a cost. */
  readonly currency: string | null
  readonly services: number
  readonly amount: string
  /** In the organisation's currency: the conversion the service's expense carries. */
  readonly org_amount: string
  readonly priced: number
  readonly unconverted: number
  /** Completed after the due date or past the due odometer. */
  readonly late: number
  /** Had a due date or odometer and met it. */
  readonly on_time: number
  readonly last_on: string
}

/**
 * A service is a completed task, on its completion day. Its cost is the `service` expense the
 * completion wrote (`expense_id`), converted like any expense; a task completed without one (before
 * services wrote expenses, or imported) counts its own cost when that is in the organisation's
 * currency, and is left out as unconverted otherwise. Late: completed after the due date or beyond
 * the due odometer; an unplanned repair (no due at all) is neither on time nor late.
 */
const SERVICE_SUMS = `
  WITH s AS (
    SELECT t.vehicle_id, coalesce(tpl.name, t.name) AS type,
           coalesce(nullif(btrim(t.vendor), ''), nullif(btrim(e.vendor), '')) AS vendor,
           t.completed_on, t.due_date, t.due_odometer_km, t.completed_odometer_km,
           CASE WHEN e.id IS NOT NULL THEN e.currency ELSE t.currency END AS currency,
           CASE WHEN e.id IS NOT NULL THEN e.amount ELSE t.cost END AS amount,
           CASE WHEN e.id IS NOT NULL THEN e.org_amount WHEN t.currency = $4 THEN t.cost END AS org_amount
    FROM maintenance_tasks t
    LEFT JOIN maintenance_templates tpl ON tpl.id = t.template_id
    LEFT JOIN expenses e ON e.id = t.expense_id
    WHERE t.status = 'completed' AND t.vehicle_id = ANY($1::uuid[]) AND t.completed_on BETWEEN $2::date AND $3::date)
  SELECT vehicle_id, type, vendor, to_char(date_trunc('month', completed_on), 'YYYY-MM-DD') AS month,
         CASE WHEN amount IS NULL THEN NULL ELSE currency END AS currency,
         count(*)::int AS services,
         coalesce(sum(amount), 0)::numeric(16, 2)::text AS amount,
         coalesce(sum(org_amount), 0)::numeric(16, 2)::text AS org_amount,
         count(amount)::int AS priced,
         (count(*) FILTER (WHERE org_amount IS NULL AND amount IS NOT NULL))::int AS unconverted,
         (count(*) FILTER (WHERE completed_on > due_date OR completed_odometer_km > due_odometer_km))::int AS late,
         (count(*) FILTER (WHERE (due_date IS NOT NULL OR due_odometer_km IS NOT NULL)
            AND NOT coalesce(completed_on > due_date, false)
            AND NOT coalesce(completed_odometer_km > due_odometer_km, false)))::int AS on_time,
         max(completed_on)::text AS last_on
  FROM s
  GROUP BY 1, 2, 3, 4, 5`

export const serviceSums = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  orgCurrency: string,
): Promise<ReadonlyArray<ServiceSum>> =>
  ids.length === 0
    ? []
    : (await c.query<ServiceSum>(SERVICE_SUMS, [ids, period.from, period.to, orgCurrency])).rows

/** Per vehicle: tasks due in the period and tasks overdue at its end. */
export interface TaskCounts {
  readonly vehicle_id: string
  readonly due: number
  readonly overdue: number
}

/**
 * Due: a task (not cancelled) whose due date falls in the period. Overdue at the period's end: a
 * task (not cancelled) not completed by then whose due date was on or before the period's last day,
 * or that the planner holds overdue now by its odometer. (Records entered after the fact count:
 * when a task was created does not matter, only its due date.)
 */
const TASK_COUNTS = `
  SELECT vehicle_id,
         (count(*) FILTER (WHERE due_date BETWEEN $2::date AND $3::date))::int AS due,
         (count(*) FILTER (WHERE (completed_on IS NULL OR completed_on > $3::date)
            AND (due_date <= $3::date OR (status = 'overdue' AND completed_on IS NULL))))::int AS overdue
  FROM maintenance_tasks
  WHERE vehicle_id = ANY($1::uuid[]) AND status <> 'cancelled'
  GROUP BY vehicle_id`

export const taskCounts = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
): Promise<ReadonlyArray<TaskCounts>> =>
  ids.length === 0 ? [] : (await c.query<TaskCounts>(TASK_COUNTS, [ids, period.from, period.to])).rows
