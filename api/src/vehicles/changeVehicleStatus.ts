import type { endpoints } from "@fleetcore/contract"
import type { Request } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { orgToday } from "../contracts/orgToday.js"
import { firstRow, sql } from "../db/sql.js"
import { vehicleRecordOf } from "./editVehicle.js"
import { endVehicleAssignments } from "./endVehicleAssignments.js"
import { updateVehicle } from "./writeVehicle.js"

type StatusChange = typeof endpoints.vehicles.setStatus.body.Type

/**
 * A vehicle's status with the day it took effect (the organisation's today when none is given), from the status
 * endpoint and from a CSV import's `status` column alike: decommissioning ends its driver
 * assignments; audited as `vehicle.decommission` or `vehicle.status` with the status before.
 * `c` is a `withOrg` connection; answers 404 for a vehicle it cannot see.
 */
export const changeVehicleStatus = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  vehicleId: string,
  change: StatusChange,
  details: object = {},
): Promise<void> => {
  const old = await vehicleRecordOf(c, vehicleId)
  const today = await firstRow(
    c,
    sql
      .selectFrom("organisations as o")
      .select(raw<string>`${orgToday("o")}::text`.as("day"))
      .where("o.id", "=", p.orgId),
  )
  await updateVehicle(c, vehicleId, {
    status: change.status,
    status_changed_on: change.on ?? today?.day ?? new Date().toISOString().slice(0, 10),
  })
  const decommissioned = change.status === "decommissioned"
  const endedAssignments = decommissioned ? await endVehicleAssignments(c, vehicleId) : 0
  await audit(c, p, request, {
    action: decommissioned ? "vehicle.decommission" : "vehicle.status",
    entity: "vehicle",
    entityId: vehicleId,
    oldValues: { status: old.status, statusChangedOn: old.statusChangedOn },
    newValues: change,
    details: { ...details, ...(endedAssignments > 0 ? { endedAssignments } : {}) },
  })
}
