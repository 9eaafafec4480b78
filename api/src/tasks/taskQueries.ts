import {
  isConfinedToAssignedVehicles,
  type TaskDetail,
  type TaskMachine,
  type Task as TaskWire,
} from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { type Expression, sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { assignedNow } from "../vehicles/visibleVehicle.js"
import { AD_HOC_MACHINE, isFinal, stateOf, transitionsFrom } from "./taskMachine.js"

export const taskNotFound = (): HttpError => new HttpError(404, "FLEET_TASK_NOT_FOUND", "no such task")

/**
 * The condition that keeps the tasks `p` may see: a driver (a role confined to assigned vehicles)
 * sees the tasks assigned to them, to their driver record or their team, or to a vehicle assigned
 * to them now; other roles every task of their organisation (row-level security).
 */
export const visibleTasks = (p: Principal, alias: string): Expression<SqlBool> =>
  isConfinedToAssignedVehicles(p.role)
    ? raw<SqlBool>`(${raw.ref(`${alias}.assignee_user_id`)} = ${p.userId}
        OR ${raw.ref(`${alias}.driver_id`)} IN (SELECT id FROM drivers WHERE user_id = ${p.userId})
        OR ${raw.ref(`${alias}.vehicle_id`)} IN (${assignedNow(p.userId)})
        OR ${raw.ref(`${alias}.team_id`)} IN (SELECT team_id FROM drivers WHERE user_id = ${p.userId}))`
    : raw<SqlBool>`true`

/** Tasks with the names of what they link to and their template's workflow. */
export const taskQuery = () =>
  sql
    .selectFrom("tasks as k")
    .leftJoin("task_templates as m", "m.id", "k.template_id")
    .leftJoin("users as u", "u.id", "k.assignee_user_id")
    .leftJoin("teams as t", "t.id", "k.team_id")
    .leftJoin("vehicles as v", "v.id", "k.vehicle_id")
    .leftJoin("drivers as d", "d.id", "k.driver_id")
    .leftJoin("geofences as g", "g.id", "k.geofence_id")
    .leftJoin("tickets as tk", "tk.task_id", "k.id")
    .select([
      "tk.id as ticket_id",
      "tk.number as ticket_number",
      "k.id",
      "k.template_id",
      "m.name as template_name",
      "m.states",
      "m.transitions",
      "m.triggers",
      "k.title",
      "k.description",
      "k.priority",
      "k.status",
      "k.closed_at",
      "k.due_at",
      "k.assignee_user_id",
      "u.name as assignee_name",
      "k.team_id",
      "t.name as team_name",
      "k.vehicle_id",
      "v.name as vehicle_name",
      "k.driver_id",
      "d.full_name as driver_name",
      "k.geofence_id",
      "g.name as geofence_name",
      "k.created_at",
      "k.updated_at",
    ])

export type TaskRow = NonNullable<Awaited<ReturnType<typeof firstRowOfTaskQuery>>>
const firstRowOfTaskQuery = (c: pg.ClientBase) => firstRow(c, taskQuery())

/** The workflow a task follows: its template's, or the ad hoc one. */
export const machineOf = (r: Pick<TaskRow, "states" | "transitions" | "triggers">): TaskMachine =>
  r.states === null || r.transitions === null || r.triggers === null
    ? AD_HOC_MACHINE
    : { states: r.states, transitions: r.transitions, triggers: r.triggers }

export const toTask = (r: TaskRow, now: Date): typeof TaskWire.Encoded => {
  const m = machineOf(r)
  return {
    id: r.id,
    templateId: r.template_id,
    templateName: r.template_name,
    title: r.title,
    description: r.description,
    priority: r.priority,
    status: r.status,
    statusLabel: stateOf(m, r.status)?.label ?? r.status,
    closed: r.closed_at !== null,
    closedAt: r.closed_at?.toISOString() ?? null,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.closed_at === null && r.due_at !== null && r.due_at < now,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    teamId: r.team_id,
    teamName: r.team_name,
    vehicleId: r.vehicle_id,
    vehicleName: r.vehicle_name,
    driverId: r.driver_id,
    driverName: r.driver_name,
    geofenceId: r.geofence_id,
    geofenceName: r.geofence_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }
}

/** A task with its workflow's states and the steps it may take next. */
export const toTaskDetail = (r: TaskRow, now: Date): typeof TaskDetail.Encoded => {
  const m = machineOf(r)
  return {
    ...toTask(r, now),
    ticket:
      r.ticket_id === null || r.ticket_number === null ? null : { id: r.ticket_id, number: r.ticket_number },
    states: m.states,
    next: isFinal(m, r.status) ? [] : transitionsFrom(m, r.status),
  }
}

/** The task `id` if `p` may see it (`c` a `withOrg` connection), else 404; `lock` locks its row. */
export const requireTask = async (
  c: pg.ClientBase,
  p: Principal,
  id: string,
  lock = false,
): Promise<TaskRow> => {
  let q = taskQuery().where("k.id", "=", id).where(visibleTasks(p, "k"))
  if (lock) q = q.forUpdate("k")
  const row = await firstRow(c, q)
  if (row === undefined) throw taskNotFound()
  return row
}
