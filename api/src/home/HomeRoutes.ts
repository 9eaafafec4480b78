import type { Permission } from "@fleetcore/contract"
import { ATTENTION_REASONS, can, endpoints, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { preparedQuery } from "../db/preparedRows.js"
import { orgBooks } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { coalesceCalls } from "./coalesceCalls.js"
import { driverHome } from "./driverHome.js"
import { type HomeAccess, homeStatement, homeWidgets } from "./homeStatement.js"
import { type MileageTotals, mileageLeaders, mileageTotals } from "./mileageLeaders.js"

/** The permission each reason of "needs attention" reads its records with. */
const REASON_PERMISSION: Record<(typeof ATTENTION_REASONS)[number], Permission> = {
  maintenanceOverdue: "maintenance.read",
  maintenanceDue: "maintenance.read",
  contractExpiring: "contracts.read",
  documentExpiring: "documents.read",
  criticalAlert: "alerts.read",
}

/**
 * `GET /api/v1/home`: every widget of the home page in one round trip. A widget is computed only
 * when the caller's role holds the permission its records need (else null); the Postgres widgets
 * are one statement (`homeStatement`), the mileage totals run on ClickHouse beside it (callers of one
 * organisation and month that arrive while its statement runs share the next one: `coalesceCalls`).
 */
export const registerHomeRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps
  const sharedTotals = coalesceCalls<MileageTotals>()
  const totalsOf = (orgId: string, now: Date) =>
    sharedTotals(`${orgId} ${now.toISOString().slice(0, 7)}`, () => mileageTotals(ch, orgId, now))

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
    }
    // ClickHouse answers beside PostgreSQL; its leaders' names are then read in the same transaction.
    const mileage =
      may("vehicles.read") && may("telemetry.read") ? totalsOf(p.orgId, now) : Promise.resolve(null)
    // Settled before awaited, so a ClickHouse failure is never an unhandled rejection meanwhile.
    mileage.catch(() => undefined)
    const widgets = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      const statement = homeStatement(access, books)
      const found =
        statement === null
          ? {}
          : ((await preparedQuery<Record<string, unknown>>(c, statement.text, statement.values))[0] ?? {})
      const totals = await mileage
      return {
        ...homeWidgets(found, access, books.currency),
        mileage: totals === null ? null : await mileageLeaders(c, totals),
      }
    })
    return { body: { generatedAt: now.toISOString(), ...widgets, driver: null } }
  })
}
