import { randomUUID } from "node:crypto"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"
import { SERVICE_VENDORS } from "./demoCatalogue.js"
import type { PlannedExpense } from "./demoExpenses.js"
import { DAYS, type DemoContext, dateOf, odometerOn, type PlannedVehicle, timeOf } from "./demoPlan.js"

const TEMPLATES = [
  { name: "Oil and filter change", everyKm: 10_000, everyMonths: 12, cost: 38_000 },
  { name: "Brake inspection", everyKm: 30_000, everyMonths: 12, cost: 22_000 },
  { name: "Seasonal tyre change", everyKm: null, everyMonths: 6, cost: 16_000 },
] as const

/**
 * Service templates per vehicle type, a year of completed services (each also a `service`
 * expense), the plans they leave (the base the next one counts from), and monthly odometer readings.
 */
export const seedMaintenance = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  vehicles: ReadonlyArray<PlannedVehicle>,
): Promise<PlannedExpense[]> => {
  const { orgId, random } = ctx
  const typeIds = [...new Set(vehicles.map((v) => v.typeId))]
  const templateIds = new Map<string, string>()
  const templates = typeIds.flatMap((typeId) =>
    TEMPLATES.map((t) => {
      const id = randomUUID()
      templateIds.set(`${typeId}/${t.name}`, id)
      return {
        id,
        org_id: orgId,
        name: t.name,
        vehicle_type_id: typeId,
        every_km: t.everyKm,
        every_months: t.everyMonths,
      }
    }),
  )
  await bulkInsert(
    client,
    "maintenance_templates",
    {
      id: "uuid",
      org_id: "uuid",
      name: "text",
      vehicle_type_id: "uuid",
      every_km: "numeric",
      every_months: "integer",
    },
    templates,
  )

  const tasks: Array<Record<string, unknown>> = []
  const plans: Array<Record<string, unknown>> = []
  const expenses: PlannedExpense[] = []
  const readings: Array<Record<string, unknown>> = []
  for (const v of vehicles) {
    for (const t of TEMPLATES) {
      const templateId = templateIds.get(`${v.typeId}/${t.name}`) as string
      const everyDays = t.everyKm === null ? 182 : Math.min(365, Math.floor(t.everyKm / v.dailyKm))
      let last: { day: number; km: number } | null = null
      for (
        let day = (t.everyKm === null ? 20 : 0) + random.int(everyDays);
        day < v.lastDay;
        day += everyDays
      ) {
        const km = odometerOn(v, day)
        const cost = Math.round(t.cost * (v.model.body === "truck" ? 2.5 : 1) * random.between(0.85, 1.25))
        // Drawn in the order they always were, so the rest of the demo stays the same.
        const dueOdometerKm = t.everyKm === null ? null : km + random.int(300)
        const dueDate = dateOf(ctx, day + random.int(10))
        const notes = random.chance(0.2) ? "Replaced worn parts found during the service" : null
        const vendor = random.pick(SERVICE_VENDORS)
        tasks.push({
          org_id: orgId,
          vehicle_id: v.id,
          template_id: templateId,
          status: "completed",
          due_odometer_km: dueOdometerKm,
          due_date: dueDate,
          completed_on: dateOf(ctx, day),
          completed_odometer_km: km,
          cost,
          currency: "KZT",
          notes,
          // The service centre on the task too: the maintenance report groups costs by it.
          vendor,
        })
        expenses.push({
          vehicle: v,
          day,
          category: "service",
          amount: cost,
          currency: "KZT",
          description: t.name,
          vendor,
        })
        last = { day, km }
      }
      if (last !== null)
        plans.push({
          vehicle_id: v.id,
          template_id: templateId,
          org_id: orgId,
          base_odometer_km: last.km,
          base_date: dateOf(ctx, last.day),
        })
    }
    for (let day = 15; day < Math.min(v.lastDay, DAYS); day += 30)
      readings.push({
        org_id: orgId,
        vehicle_id: v.id,
        value_km: odometerOn(v, day),
        at: timeOf(ctx, day, 9, 0),
      })
  }
  await bulkInsert(
    client,
    "maintenance_tasks",
    {
      org_id: "uuid",
      vehicle_id: "uuid",
      template_id: "uuid",
      status: "text",
      due_odometer_km: "numeric",
      due_date: "date",
      completed_on: "date",
      completed_odometer_km: "numeric",
      cost: "numeric",
      currency: "text",
      notes: "text",
      vendor: "text",
    },
    tasks,
  )
  await bulkInsert(
    client,
    "maintenance_plans",
    {
      vehicle_id: "uuid",
      template_id: "uuid",
      org_id: "uuid",
      base_odometer_km: "numeric",
      base_date: "date",
    },
    plans,
  )
  await bulkInsert(
    client,
    "odometer_readings",
    { org_id: "uuid", vehicle_id: "uuid", value_km: "numeric", at: "timestamptz" },
    readings,
  )
  return expenses
}
