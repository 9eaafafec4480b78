import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"

/** Which tasks a tasks report counts: its period, time zone and filters. */
export interface TaskSelection {
  readonly period: ReportPeriod
  readonly timezone: string
  readonly now: Date
  /** The vehicles in scope (visible to the caller, narrowed by the vehicle filters). */
  readonly vehicleIds: ReadonlyArray<string>
  /** A vehicle filter is set: tasks with no vehicle are left out. */
  readonly vehiclesNarrowed: boolean
  readonly teamId: string | null
  readonly templateId: string | null
  readonly assigneeUserId: string | null
  readonly driverId: string | null
}

/** The figures of one group of tasks (all of them, a team, a template or a person). */
export interface TaskGroupFigures {
  /** `all`, `team`, `template` or `assignee`. */
  readonly dimension: string
  /** The team, template or user; null: no team, ad hoc, unassigned (or `all`). */
  readonly id: string | null
  readonly name: string | null
  readonly created: number
  readonly completed: number
  readonly cancelled: number
  /** Seconds from creation to completion, over the tasks completed in the period; null when none. */
  readonly avg_s: number | null
  readonly p90_s: number | null
  readonly due: number
  readonly overdue: number
}

/** Tasks created, completed or cancelled on a day of the period (organisation's time zone). */
export interface TaskDayCount {
  readonly day: string
  readonly what: "created" | "completed" | "cancelled"
  readonly count: number
}

/**
 * Every task of the caller's organisation (row-level security) the filters keep, with its created
 * instant (the `created` event), its closing instant (the last step into the state it is in, once
 * that state is final) and whether it was cancelled. $1/$2 are the period's first and last days,
 * $3 the time zone: the period spans [$1 00:00, $2 + 1 day 00:00) on the organisation's clocks.
 */
const TASKS = `
  WITH bounds AS (
    SELECT ($1::date)::timestamp AT TIME ZONE $3 AS starts, ($2::date + 1)::timestamp AT TIME ZONE $3 AS ends,
           $4::timestamptz AS now),
  k AS (
    SELECT t.id, t.team_id, t.template_id, t.assignee_user_id, t.due_at,
           coalesce(ce.at, t.created_at) AS created,
           CASE WHEN t.closed_at IS NOT NULL THEN coalesce(fe.at, t.closed_at) END AS closed,
           t.closed_at IS NOT NULL AND t.status = 'cancelled' AS cancelled
    FROM tasks t
    LEFT JOIN LATERAL (SELECT min(e.at) AS at FROM task_events e
                       WHERE e.task_id = t.id AND e.kind = 'created') ce ON true
    LEFT JOIN LATERAL (SELECT max(e.at) AS at FROM task_events e
                       WHERE e.task_id = t.id AND e.kind IN ('created', 'status_change')
                         AND e.to_status = t.status) fe ON true
    WHERE (t.vehicle_id = ANY($5::uuid[]) OR (NOT $6::boolean AND t.vehicle_id IS NULL))
      AND ($7::uuid IS NULL OR t.team_id = $7::uuid)
      AND ($8::uuid IS NULL OR t.template_id = $8::uuid)
      AND ($9::uuid IS NULL OR t.assignee_user_id = $9::uuid)
      AND ($10::uuid IS NULL OR t.driver_id = $10::uuid)),
  p AS (
    SELECT k.*,
           k.created >= b.starts AND k.created < b.ends AS created_in,
           k.closed >= b.starts AND k.closed < b.ends AND NOT k.cancelled AS completed_in,
           k.closed >= b.starts AND k.closed < b.ends AND k.cancelled AS cancelled_in,
           k.due_at >= b.starts AND k.due_at < b.ends AND NOT k.cancelled AS due_in,
           k.closed > k.due_at OR (k.closed IS NULL AND k.due_at < b.now) AS late,
           extract(epoch FROM k.closed - k.created)::float8 AS took_s
    FROM k CROSS JOIN bounds b
    WHERE (k.created >= b.starts AND k.created < b.ends) OR (k.closed >= b.starts AND k.closed < b.ends)
       OR (k.due_at >= b.starts AND k.due_at < b.ends))`

/**
 * Per group (GROUPING SETS: all, team, template, assignee). Overdue: due in the period, not
 * cancelled, and completed after its due time or still open past it now ($4).
 */
const GROUPS = `${TASKS},
  g AS (
    SELECT GROUPING(team_id, template_id, assignee_user_id) AS grp, team_id, template_id, assignee_user_id,
           (count(*) FILTER (WHERE created_in))::int AS created,
           (count(*) FILTER (WHERE completed_in))::int AS completed,
           (count(*) FILTER (WHERE cancelled_in))::int AS cancelled,
           round(avg(took_s) FILTER (WHERE completed_in))::float8 AS avg_s,
           round((percentile_cont(0.9) WITHIN GROUP (ORDER BY took_s) FILTER (WHERE completed_in))::numeric)::float8 AS p90_s,
           (count(*) FILTER (WHERE due_in))::int AS due,
           (count(*) FILTER (WHERE due_in AND late))::int AS overdue
    FROM p
    GROUP BY GROUPING SETS ((), (team_id), (template_id), (assignee_user_id)))
  SELECT CASE g.grp WHEN 7 THEN 'all' WHEN 3 THEN 'team' WHEN 5 THEN 'template' ELSE 'assignee' END AS dimension,
         CASE g.grp WHEN 3 THEN g.team_id WHEN 5 THEN g.template_id WHEN 6 THEN g.assignee_user_id END AS id,
         CASE g.grp WHEN 3 THEN tm.name WHEN 5 THEN tp.name WHEN 6 THEN u.name END AS name,
         g.created, g.completed, g.cancelled, g.avg_s, g.p90_s, g.due, g.overdue
  FROM g
  LEFT JOIN teams tm ON g.grp = 3 AND tm.id = g.team_id
  LEFT JOIN task_templates tp ON g.grp = 5 AND tp.id = g.template_id
  LEFT JOIN users u ON g.grp = 6 AND u.id = g.assignee_user_id
  ORDER BY array_position(ARRAY[7, 3, 5, 6], g.grp), name NULLS LAST, id`

const DAYS = `${TASKS}
  SELECT to_char(x.at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, x.what, count(*)::int AS count
  FROM p CROSS JOIN LATERAL (VALUES
    ('created', CASE WHEN created_in THEN created END),
    ('completed', CASE WHEN completed_in THEN closed END),
    ('cancelled', CASE WHEN cancelled_in THEN closed END)) AS x(what, at)
  WHERE x.at IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2`

const paramsOf = (s: TaskSelection) => [
  s.period.from,
  s.period.to,
  s.timezone,
  s.now,
  s.vehicleIds,
  s.vehiclesNarrowed,
  s.teamId,
  s.templateId,
  s.assigneeUserId,
  s.driverId,
]

/** The figures for all the tasks, then per team, template and person. */
export const taskGroups = async (
  c: pg.ClientBase,
  s: TaskSelection,
): Promise<ReadonlyArray<TaskGroupFigures>> => (await c.query<TaskGroupFigures>(GROUPS, paramsOf(s))).rows

/** Tasks created, completed and cancelled per day of the period that has any. */
export const taskDays = async (c: pg.ClientBase, s: TaskSelection): Promise<ReadonlyArray<TaskDayCount>> =>
  (await c.query<TaskDayCount>(DAYS, paramsOf(s))).rows
