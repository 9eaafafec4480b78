import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { incidentItem, visibleIncidents } from "./incidentQueries.js"

const SORTS = { startedAt: "i.started_at", kind: "i.kind", amount: "i.amount" } as const

const notFound = () => new HttpError(404, "FLEET_INCIDENT_NOT_FOUND", "no such incident")

/**
 * Incidents, each theft, fill and odometer fault its own record (the engine writes them,
 * IncidentSink): the list with filters (a vehicle's incidents: `?vehicleId=`) and one incident.
 * Read-only: what people do about an incident they do to its alert.
 */
export const registerIncidentRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.incidents.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "i.started_at", direction: "desc" })
    let query = visibleIncidents(p).orderBy(sort.column, sort.direction).orderBy("i.id")
    if (f.kind) query = query.where("i.kind", "=", f.kind)
    if (f.vehicleId) query = query.where("i.vehicle_id", "=", f.vehicleId)
    if (f.driverId) query = query.where("i.driver_id", "=", f.driverId)
    if (f.from) query = query.where("i.started_at", ">=", new Date(f.from))
    if (f.to) query = query.where("i.started_at", "<", new Date(f.to))
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("v.name", "ilike", like), eb("v.plate", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(incidentItem) } }
  })

  serve(app, deps, endpoints.incidents.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) =>
      firstRow(c, visibleIncidents(p).where("i.id", "=", params.id)),
    )
    if (row === undefined) throw notFound()
    return { body: incidentItem(row) }
  })
}
