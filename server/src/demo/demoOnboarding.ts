import type pg from "pg"
import type { DemoContext } from "./demoPlan.js"

const DAY = 86_400_000

interface Step {
  readonly step: string
  readonly from: string
  readonly to: string
  readonly result: "passed" | "failed" | null
  readonly notes: string | null
  readonly daysAgo: number
}

/** New vehicles in each onboarding stage, with the steps that brought them there. */
const VEHICLES: ReadonlyArray<{ name: string; plate: string; status: string; steps: ReadonlyArray<Step> }> = [
  { name: "Hyundai Porter (new)", plate: "901 ONB 02", status: "created", steps: [] },
  {
    name: "Ford Transit (new)",
    plate: "902 ONB 02",
    status: "under_review",
    steps: [
      { step: "submit", from: "created", to: "under_review", result: null, notes: null, daysAgo: 4 },
      {
        step: "inspect",
        from: "under_review",
        to: "under_review",
        result: "passed",
        notes: "Body and tyres fine",
        daysAgo: 2,
      },
    ],
  },
  {
    name: "GAZelle Next (used)",
    plate: "903 ONB 02",
    status: "rejected",
    steps: [
      { step: "submit", from: "created", to: "under_review", result: null, notes: null, daysAgo: 9 },
      {
        step: "reject",
        from: "under_review",
        to: "rejected",
        result: "failed",
        notes: "Frame corrosion on the rear axle mount",
        daysAgo: 7,
      },
    ],
  },
]

/** New drivers in each onboarding stage. */
const DRIVERS: ReadonlyArray<{
  name: string
  employeeId: string
  status: string
  steps: ReadonlyArray<Step>
}> = [
  { name: "Asel Omarova", employeeId: "ONB-01", status: "created", steps: [] },
  {
    name: "Daniyar Kassymov",
    employeeId: "ONB-02",
    status: "background_check",
    steps: [
      { step: "start", from: "created", to: "background_check", result: null, notes: null, daysAgo: 6 },
    ],
  },
  {
    name: "Yerlan Abdrakhmanov",
    employeeId: "ONB-03",
    status: "training",
    steps: [
      { step: "start", from: "created", to: "background_check", result: null, notes: null, daysAgo: 12 },
      {
        step: "pass",
        from: "background_check",
        to: "training",
        result: "passed",
        notes: "No records found",
        daysAgo: 8,
      },
    ],
  },
  {
    name: "Timur Zhunusov",
    employeeId: "ONB-04",
    status: "rejected",
    steps: [
      { step: "start", from: "created", to: "background_check", result: null, notes: null, daysAgo: 20 },
      {
        step: "fail",
        from: "background_check",
        to: "rejected",
        result: "failed",
        notes: "Licence suspended until next year",
        daysAgo: 15,
      },
    ],
  },
]

/**
 * A few vehicles and drivers in every onboarding stage, so the onboarding queue and tabs show real
 * rows: the demo organisation keeps onboarding off, so these are the only records not approved.
 */
export const seedOnboarding = async (client: pg.ClientBase, ctx: DemoContext): Promise<number> => {
  const reviewer = await client.query<{ id: string }>(
    "SELECT id FROM users WHERE org_id = $1 AND role IN ('admin', 'manager') AND NOT disabled ORDER BY email LIMIT 1",
    [ctx.orgId],
  )
  const actor = reviewer.rows[0]?.id ?? null
  const at = (daysAgo: number) => new Date(ctx.today.getTime() - daysAgo * DAY + 10 * 3_600_000)
  const record = async (
    entityType: "vehicle" | "driver",
    id: string,
    status: string,
    steps: ReadonlyArray<Step>,
  ) => {
    for (const s of steps)
      await client.query(
        `INSERT INTO onboarding_events (org_id, entity_type, entity_id, step, from_status, to_status, result, notes, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [ctx.orgId, entityType, id, s.step, s.from, s.to, s.result, s.notes, actor, at(s.daysAgo)],
      )
    const changed = steps.filter((s) => s.to !== s.from).at(-1)
    await client.query(
      `UPDATE ${entityType === "vehicle" ? "vehicles" : "drivers"}
       SET onboarding_status = $2, onboarding_changed_at = $3 WHERE id = $1`,
      [id, status, changed === undefined ? at(3) : at(changed.daysAgo)],
    )
  }
  for (const v of VEHICLES) {
    const row = await client.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name, plate, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
      [ctx.orgId, v.name, v.plate, at(14)],
    )
    await record("vehicle", row.rows[0]?.id as string, v.status, v.steps)
  }
  for (const d of DRIVERS) {
    const row = await client.query<{ id: string }>(
      "INSERT INTO drivers (org_id, full_name, employee_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
      [ctx.orgId, d.name, d.employeeId, at(21)],
    )
    await record("driver", row.rows[0]?.id as string, d.status, d.steps)
  }
  return VEHICLES.length + DRIVERS.length
}
