import { planMaintenance } from "@fleetcore/engine"
import { seededRandom } from "@fleetcore/load-tests"
import type { DocumentStore, PostgresClient } from "@fleetcore/platform"
import { seedAlerts } from "./demoAlerts.js"
import {
  driverOn,
  planRefuels,
  planRunningCosts,
  seedBudgets,
  seedRates,
  storeExpenses,
} from "./demoExpenses.js"
import { seedDrivers, seedFleet } from "./demoFleet.js"
import { seedGeofences } from "./demoGeofences.js"
import { seedIncidents } from "./demoIncidents.js"
import { seedMaintenance } from "./demoMaintenance.js"
import { seedOnboarding } from "./demoOnboarding.js"
import { seedContracts, seedDocuments, seedPenalties } from "./demoPapers.js"
import { type DemoContext, type DemoScale, FULL_SCALE } from "./demoPlan.js"
import { seedTickets } from "./demoTickets.js"
import { seedFleetTrackers } from "./demoTrackers.js"

/** The first generated driver: when it exists the fleet is already seeded. */
const MARKER_EMPLOYEE_ID = "KZ-1001"

export interface DemoFleetReport {
  readonly seeded: boolean
  readonly ms: number
  readonly counts: Readonly<Record<string, number>>
}

/**
 * The demo organisation's fleet at scale: 500+ vehicles with Kazakh plates, ~300 drivers and their
 * assignments, a year of expenses and refuels in KZT (some USD/EUR at weekly rates), maintenance
 * history, contracts, penalties and documents. Deterministic (one seeded random stream, dates
 * relative to today), in one transaction of the organisation, bulk inserted; a second run finds its
 * marker driver and adds nothing.
 */
export const seedDemoFleet = async (
  db: PostgresClient,
  store: DocumentStore,
  orgId: string,
  scale: DemoScale = FULL_SCALE,
  today: Date = new Date(new Date().toISOString().slice(0, 10)),
): Promise<DemoFleetReport> => {
  const started = performance.now()
  const report = await db.withOrg(orgId, async (client): Promise<DemoFleetReport> => {
    const marker = await client.query("SELECT 1 FROM drivers WHERE org_id = $1 AND employee_id = $2", [
      orgId,
      MARKER_EMPLOYEE_ID,
    ])
    if (marker.rowCount !== 0)
      return { seeded: false, ms: Math.round(performance.now() - started), counts: {} }
    const ctx: DemoContext = { orgId, random: seededRandom(20261201), today }
    const { vehicles, teamIds } = await seedFleet(client, ctx, scale)
    const spells = await seedDrivers(client, ctx, scale, vehicles, teamIds)
    const driverAt = driverOn(spells)
    const rateOn = await seedRates(client, ctx)
    const contracts = await seedContracts(client, ctx, vehicles)
    const fines = await seedPenalties(client, ctx, vehicles, driverAt)
    const services = await seedMaintenance(client, ctx, vehicles)
    const refuels = planRefuels(ctx, vehicles)
    const others = [...planRunningCosts(ctx, vehicles), ...contracts.expenses, ...fines, ...services]
    const monthly = await storeExpenses(client, ctx, others, refuels, rateOn, driverAt)
    const fuelYear = refuels.reduce((sum, r) => sum + r.expense.amount, 0)
    await seedBudgets(client, ctx, monthly, fuelYear)
    const documents = await seedDocuments(client, ctx, store, vehicles, contracts.insurance)
    // The fences and trackers first: the alerts name them.
    const fences = await seedGeofences(client, ctx)
    await seedFleetTrackers(client, orgId, vehicles)
    const alerts = await seedAlerts(client, ctx, vehicles, driverAt, fences)
    const incidents = await seedIncidents(client, orgId)
    const onboarding = await seedOnboarding(client, ctx)
    await seedTickets(client, orgId)
    const counted = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM vehicles) AS vehicles, (SELECT count(*) FROM drivers) AS drivers,
              (SELECT count(*) FROM expenses) AS expenses, (SELECT count(*) FROM fuel_entries) AS refuels,
              (SELECT count(*) FROM maintenance_tasks) AS maintenance, (SELECT count(*) FROM contracts) AS contracts,
              (SELECT count(*) FROM penalties) AS penalties, (SELECT count(*) FROM driver_assignments) AS assignments`,
    )
    const counts = Object.fromEntries(Object.entries(counted.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]))
    return {
      seeded: true,
      ms: 0,
      counts: { ...counts, documents, alerts, incidents, geofences: fences.length, onboarding },
    }
  })
  if (!report.seeded) return report
  // Fresh statistics and visibility maps, as autovacuum would leave them a minute later: the
  // planner then knows the tables' sizes and counts can use index-only scans from the first request.
  await db.system.query(`VACUUM ANALYZE ${SEEDED_TABLES.join(", ")}`)
  // The services the seeded plans make due go on the maintenance board now: the engine's planner
  // made its first round when the process started, before this seed, and its next is 10 minutes on.
  await planMaintenance(db.system, today.toISOString().slice(0, 10))
  return { ...report, ms: Math.round(performance.now() - started) }
}

const SEEDED_TABLES = [
  "vehicle_types",
  "teams",
  "vehicles",
  "vehicle_ownerships",
  "drivers",
  "driver_assignments",
  "currency_rates",
  "contracts",
  "penalties",
  "maintenance_templates",
  "maintenance_tasks",
  "maintenance_plans",
  "odometer_readings",
  "expenses",
  // Filled by a trigger on expenses: the home page's and the expense reports' monthly sums read it.
  "expense_days",
  "fuel_entries",
  "budgets",
  "documents",
  "devices",
  "alerts",
  "alert_actions",
  "incidents",
  "notifications",
  "notification_events",
  "audit_log",
]
