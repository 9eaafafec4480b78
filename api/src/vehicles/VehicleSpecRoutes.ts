import { endpoints } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { editSpecs, readSpecs } from "./vehicleSpecsStore.js"
import { requireVisibleVehicle } from "./visibleVehicle.js"

/** A vehicle's technical card: the oil it takes, its service norms, its engine parameters. */
export const registerVehicleSpecRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
) => {
  const { db } = deps

  serve(app, deps, endpoints.vehicleSpecs.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      return readSpecs(c, params.id)
    }),
  }))

  serve(app, deps, endpoints.vehicleSpecs.update, async ({ principal: p, params, body, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      await editSpecs(c, p, request, params.id, body)
      return readSpecs(c, params.id)
    }),
  }))
}
