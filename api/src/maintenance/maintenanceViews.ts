import { sql as raw } from "kysely"
import type { MaintenancePartRow } from "../db/Database.js"
import { sql } from "../db/sql.js"

/** The vehicle's odometer now, km, as everywhere (migration 1734980000000_vehicle-odometer.sql). */
const currentKm = raw<number | null>`vehicle_odometer_m(k.vehicle_id) / 1000`

/**
 * Tasks with their vehicle and name (the task's own, else its template's); dates as "YYYY-MM-DD"
 * text, numbers as numbers, money as text.
 */
export const tasks = () =>
  sql
    .selectFrom("maintenance_tasks as k")
    .leftJoin("maintenance_templates as t", "t.id", "k.template_id")
    .innerJoin("vehicles as v", "v.id", "k.vehicle_id")
    .select((eb) => [
      "k.id",
      "k.vehicle_id",
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "k.template_id",
      raw<string>`coalesce(k.name, t.name)`.as("name"),
      "k.status",
      eb.cast<number | null>("k.due_odometer_km", "float8").as("due_odometer_km"),
      raw<string | null>`to_char(k.due_date, 'YYYY-MM-DD')`.as("due_date"),
      currentKm.as("current_km"),
      "k.reminders_sent",
      "k.started_at",
      raw<string | null>`to_char(k.completed_on, 'YYYY-MM-DD')`.as("completed_on"),
      eb.cast<number | null>("k.completed_odometer_km", "float8").as("completed_odometer_km"),
      eb.cast<string | null>("k.cost", "text").as("cost"),
      "k.currency",
      "k.vendor",
      "k.parts",
      "k.notes",
      "k.expense_id",
      "k.completed_by",
    ])

type TaskRow = Awaited<ReturnType<ReturnType<typeof tasks>["executeTakeFirstOrThrow"]>>

export const taskView = (r: TaskRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  templateId: r.template_id,
  name: r.name,
  status: r.status,
  dueOdometerKm: r.due_odometer_km,
  dueDate: r.due_date,
  currentOdometerKm: r.current_km,
  remindersSent: r.reminders_sent,
  startedAt: r.started_at?.toISOString() ?? null,
  completedOn: r.completed_on,
  completedOdometerKm: r.completed_odometer_km,
  cost: r.cost,
  currency: r.currency,
  vendor: r.vendor,
  parts: r.parts.map((p: MaintenancePartRow) => ({ name: p.name, quantity: p.quantity, cost: p.cost })),
  notes: r.notes,
  expenseId: r.expense_id,
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
      eb
        .selectFrom("vehicle_types as vt")
        .select("vt.name")
        .whereRef("vt.id", "=", "maintenance_templates.vehicle_type_id")
        .as("vehicle_type_name"),
      eb
        .selectFrom("vehicles as v")
        .select("v.name")
        .whereRef("v.id", "=", "maintenance_templates.vehicle_id")
        .as("vehicle_name"),
      eb
        .selectFrom("vehicles as v")
        .select("v.plate")
        .whereRef("v.id", "=", "maintenance_templates.vehicle_id")
        .as("vehicle_plate"),
    ])

type TemplateRow = Awaited<ReturnType<ReturnType<typeof templates>["executeTakeFirstOrThrow"]>>

export const templateView = (r: TemplateRow) => ({
  id: r.id,
  name: r.name,
  vehicleTypeId: r.vehicle_type_id,
  vehicleId: r.vehicle_id,
  vehicleTypeName: r.vehicle_type_name,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  everyKm: r.every_km,
  everyMonths: r.every_months,
})
