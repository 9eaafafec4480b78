import type { Permission } from "@fleetcore/contract"
import { ATTENTION_REASONS, can, endpoints, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { preparedQuery } from "../db/preparedRows.js"
import { orgBooks } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { dayIn } from "../reports/reportPeriod.js"
import { coalesceCalls } from "./coalesceCalls.js"
import { driverHome } from "./driverHome.js"
import { type HomeAccess, homeStatement, homeWidgets } from "./homeStatement.js"
import { type LeaderName, type MileageTotals, mileageLeaders, mileageTotals } from "./mileageLeaders.js"

/** How long this month's mileage totals of an organisation serve its home pages once read (ms). */
export const MILEAGE_REUSE_MS = 2_000

/** The permission each reason of "needs attention" reads its records with. */
const REASON_PERMISSION: Record<(typeof ATTENTION_REASONS)[number], Permission> = {
  maintenanceOverdue: "maintenance.read",
  maintenanceDue: "maintenance.read",
  contractExpiring: "contracts.read",
  documentExpiring: "documents.read",
  criticalAlert: "alerts.read",
}

/** The operations widget's parts the caller may read (seed 001's fleet dashboard); null for none. */
const operationsAccess = (may: (permission: Permission) => boolean): HomeAccess["operations"] => {
  const parts = {
    live: may("vehicles.read") && may("telemetry.read"),
    tickets: may("tickets.read"),
    tasks: may("tasks.read"),
    onboarding: may("vehicles.approve"),
  }
  return Object.values(parts).some(Boolean) ? parts : null
}

/**
 * `GET /api/v1/home`: every widget of the home page in one round trip. A widget is computed only
 * when the caller's role holds the permission its records need (else null); the Postgres widgets
 * are one statement (`homeStatement`, with the mileage leaders' names), the mileage totals run on
 * ClickHouse beside the transaction's start (callers of one organisation and month that arrive while
 * its statement runs share the next one, and its answer serves them MILEAGE_REUSE_MS more:
 * `coalesceCalls`).
 */
export const registerHomeRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps
  // The engine writes the daily totals every second: an answer serves its organisation's home pages
  // for two seconds more (docs/architecture.md, "Home").
  const sharedTotals = coalesceCalls<MileageTotals>({ reuseForMs: MILEAGE_REUSE_MS })
  const totalsOf = (orgId: string, from: string) =>
    sharedTotals(`${orgId} ${from}`, () => mileageTotals(ch, orgId, from))

  serve(app, deps, endpoints.home.summary, async ({ principal: p }) => {
    const now = new Date()
    const may = (permission: Permission) => can(p.role, permission)
    if (isConfinedToAssignedVehicles(p.role)) {
      const driver = await db.withOrg(p.orgId, (c) => driverHome(c, p.userId))
      return {
        body: {
          generatedAt: now.toISOString(),
          fleet: null,
          attention: null,
          fuelAnomalies: null,
          documents: null,
          contracts: null,
          expenses: null,
          mileage: null,
          activity: null,
          operations: null,
          driver,
        },
      }
    }
    const access: HomeAccess = {
      fleet: may("vehicles.read"),
      attention: may("vehicles.read") ? ATTENTION_REASONS.filter((r) => may(REASON_PERMISSION[r])) : null,
      fuelAnomalies: may("fuel.read"),
      documents: may("documents.read"),
      contracts: may("contracts.read"),
      expenses: may("expenses.read"),
      activity: may("audit.read"),
      operations: operationsAccess(may),
    }
    // Once the organisation's books say its time zone (this month is its month), ClickHouse (callers
    // of one organisation share its statement) reads the month's distance; then one statement reads
    // every widget and the leaders' names.
    const widgets = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      const totals =
        may("vehicles.read") && may("telemetry.read")
          ? await totalsOf(p.orgId, `${dayIn(books.timezone, now).slice(0, 7)}-01`)
          : null
      const statement = homeStatement(access, books, totals === null ? null : totals.top.map(([id]) => id))
      const found =
        statement === null
          ? {}
          : ((await preparedQuery<Record<string, unknown>>(c, statement.text, statement.values))[0] ?? {})
      return {
        ...homeWidgets(found, access, books.currency),
        mileage: totals === null ? null : mileageLeaders(totals, (found.leaders ?? []) as LeaderName[]),
      }
    })
    return { body: { generatedAt: now.toISOString(), ...widgets, driver: null } }
  })
}
