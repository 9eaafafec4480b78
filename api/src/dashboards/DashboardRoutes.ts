import { can, endpoints, isConfinedToAssignedVehicles, type Permission } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { orgBooks } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { driverDashboard } from "./driverDashboard.js"
import { vehicleDashboard } from "./vehicleDashboard.js"

/**
 * Seed 001's vehicle and driver dashboards (the fleet's is the home page's operations widget): one
 * round trip each, every part computed only when the caller's role may read its records. Tickets and
 * tasks are left out for a role confined to its own vehicles (a driver sees only their own tickets).
 */
export const registerDashboardRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.dashboards.vehicle, async ({ principal: p, params }) => {
    const may = (permission: Permission) => can(p.role, permission)
    const office = !isConfinedToAssignedVehicles(p.role)
    const access = {
      distance: may("telemetry.read"),
      fuel: may("fuel.read"),
      costs: may("expenses.read"),
      maintenance: may("maintenance.read"),
      alerts: may("alerts.read"),
      tickets: office && may("tickets.read"),
      tasks: office && may("tasks.read"),
      documents: may("documents.read"),
    }
    const body = await db.withOrg(p.orgId, async (c) =>
      vehicleDashboard(c, ch, p, params.id, await orgBooks(c, p.orgId), access, new Date()),
    )
    return { body }
  })

  serve(app, deps, endpoints.dashboards.driver, async ({ principal: p, params }) => {
    const may = (permission: Permission) => can(p.role, permission)
    const office = !isConfinedToAssignedVehicles(p.role)
    const access = {
      driving: may("telemetry.read") && may("alerts.read"),
      penalties: may("penalties.read"),
      tickets: office && may("tickets.read"),
      tasks: office && may("tasks.read"),
      documents: may("documents.read"),
    }
    const body = await db.withOrg(p.orgId, async (c) =>
      driverDashboard(c, ch, p, params.id, await orgBooks(c, p.orgId), access, new Date()),
    )
    return { body }
  })
}
