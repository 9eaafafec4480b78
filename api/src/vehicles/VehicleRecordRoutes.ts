import { endpoints, RENTAL_EXPIRING_DAYS } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { callerOrgToday } from "../contracts/orgToday.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { changeVehicleStatus } from "./changeVehicleStatus.js"
import { editVehicle, vehicleRecordOf } from "./editVehicle.js"
import { vehicleHistory } from "./vehicleHistory.js"
import { visibleVehicles } from "./visibleVehicle.js"

/** Edit, status change, delete of a vehicle record; the organisation's rental summary. */
export const registerVehicleRecordRoutes = (
  app: TemplatedApp,
  deps: RouteDeps & { readonly onDeviceChanged: (deviceId: string) => void },
): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.vehicles.update, async ({ principal: p, params, body, request }) => {
    const record = await db.withOrg(p.orgId, (c) => editVehicle(c, p, request, params.id, body))
    return { body: record }
  })

  serve(app, deps, endpoints.vehicles.setStatus, async ({ principal: p, params, body, request }) => {
    const record = await db.withOrg(p.orgId, async (c) => {
      await changeVehicleStatus(c, p, request, params.id, body)
      return vehicleRecordOf(c, params.id)
    })
    return { body: record }
  })

  serve(app, deps, endpoints.vehicles.delete, async ({ principal: p, params, request }) => {
    const detached = await db.withOrg(p.orgId, async (c) => {
      const old = await vehicleRecordOf(c, params.id)
      const history = await vehicleHistory(c, ch, p.orgId, params.id)
      const refused = (): HttpError =>
        new HttpError(
          409,
          "FLEET_VEHICLE_HAS_HISTORY",
          `the vehicle has history (${history.length > 0 ? history.join(", ") : "records that refer to it"}): decommission it instead`,
        )
      if (history.length > 0) throw refused()
      await c.query("SAVEPOINT vehicle_delete")
      try {
        // Devices are set free by the foreign key (ON DELETE SET NULL): they are listed as unassigned.
        await c.query("DELETE FROM vehicles WHERE id = $1", [params.id])
      } catch (error) {
        // 23503: a table of records that references the vehicle without cascading (expenses…).
        if ((error as { code?: unknown }).code === "23503") {
          await c.query("ROLLBACK TO SAVEPOINT vehicle_delete")
          throw refused()
        }
        throw error
      }
      await audit(c, p, request, {
        action: "vehicle.delete",
        entity: "vehicle",
        entityId: params.id,
        oldValues: old,
      })
      return old.devices.map((d) => d.id)
    })
    for (const deviceId of detached) deps.onDeviceChanged(deviceId)
    return {}
  })

  serve(app, deps, endpoints.vehicles.rentalSummary, async ({ principal: p }) => {
    const base = sql
      .selectFrom("vehicles as v")
      .where("v.rental", "=", true)
      .where("v.status", "<>", "decommissioned")
      .where(visibleVehicles(p, "v.id"))
    const [counts, totals] = await db.withOrg(
      p.orgId,
      async (c) =>
        [
          await firstRow(
            c,
            base.select([
              raw<number>`count(*)::int`.as("vehicles"),
              raw<number>`(count(*) FILTER (WHERE v.rental_ends_on BETWEEN ${callerOrgToday()}
              AND ${callerOrgToday()} + ${RENTAL_EXPIRING_DAYS}::int))::int`.as("expiring"),
            ]),
          ),
          await rows(
            c,
            base
              .where("v.rental_monthly_cost", "is not", null)
              .select([
                raw<string>`v.rental_currency`.as("currency"),
                raw<string>`sum(v.rental_monthly_cost)::numeric(14, 2)::text`.as("amount"),
              ])
              .groupBy("v.rental_currency")
              .orderBy("v.rental_currency"),
          ),
        ] as const,
    )
    return {
      body: { vehicles: counts?.vehicles ?? 0, expiring: counts?.expiring ?? 0, monthlyCost: totals },
    }
  })
}
