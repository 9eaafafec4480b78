import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"

/** Tasks with their template's name; dates as "YYYY-MM-DD" text, numbers as numbers, money as text. */
export const tasks = () =>
  sql
    .selectFrom("maintenance_tasks as k")
    .innerJoin("maintenance_templates as t", "t.id", "k.template_id")
    .select((eb) => [
      "k.id",
      "k.vehicle_id",
      "k.template_id",
      "t.name",
      "k.status",
      eb.cast<number | null>("k.due_odometer_km", "float8").as("due_odometer_km"),
      raw<string | null>`to_char(k.due_date, 'YYYY-MM-DD')`.as("due_date"),
      "k.reminders_sent",
      raw<string | null>`to_char(k.completed_on, 'YYYY-MM-DD')`.as("completed_on"),
      eb.cast<number | null>("k.completed_odometer_km", "float8").as("completed_odometer_km"),
      eb.cast<string | null>("k.cost", "text").as("cost"),
      "k.currency",
      "k.notes",
      "k.completed_by",
    ])

type TaskRow = Awaited<ReturnType<ReturnType<typeof tasks>["executeTakeFirstOrThrow"]>>

export const taskView = (r: TaskRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  templateId: r.template_id,
  name: r.name,
  status: r.status,
  dueOdometerKm: r.due_odometer_km,
  dueDate: r.due_date,
  remindersSent: r.reminders_sent,
  completedOn: r.completed_on,
  completedOdometerKm: r.completed_odometer_km,
  cost: r.cost,
  currency: r.currency,
  notes: r.notes,
  completedBy: r.completed_by,
})

/** Service templates with their intervals as numbers. */
export const templates = () =>
  sql
    .selectFrom("maintenance_templates")
    .select((eb) => [
      "id",
      "name",
      "vehicle_type_id",
      "vehicle_id",
      eb.cast<number | null>("every_km", "float8").as("every_km"),
      "every_months",
    ])

type TemplateRow = Awaited<ReturnType<ReturnType<typeof templates>["executeTakeFirstOrThrow"]>>

export const templateView = (r: TemplateRow) => ({
  id: r.id,
  name: r.name,
  vehicleTypeId: r.vehicle_type_id,
  vehicleId: r.vehicle_id,
  everyKm: r.every_km,
  everyMonths: r.every_months,
})
