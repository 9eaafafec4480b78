import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"

/**
 * Refuses an assignment unless both the vehicle and the driver passed onboarding (409), and one to a
 * decommissioned vehicle (409: decommissioning ended its assignments, `endVehicleAssignments`).
 * Records of organisations without onboarding are approved from the start, so for them onboarding
 * never refuses. `c` is a `withOrg` connection; both ids were already found in the organisation.
 */
export const requireAssignable = async (
  c: pg.ClientBase,
  vehicleId: string,
  driverId: string,
): Promise<void> => {
  const vehicle = await firstRow(
    c,
    sql.selectFrom("vehicles").select(["onboarding_status", "status"]).where("id", "=", vehicleId),
  )
  if (vehicle?.status === "decommissioned")
    throw new HttpError(
      409,
      "FLEET_VEHICLE_DECOMMISSIONED",
      "the vehicle is decommissioned: it is not assigned drivers any more",
    )
  if (vehicle !== undefined && vehicle.onboarding_status !== "approved")
    throw new HttpError(
      409,
      "FLEET_VEHICLE_NOT_APPROVED",
      `the vehicle is not approved yet (${vehicle.onboarding_status.replace("_", " ")}): only approved vehicles can be assigned a driver`,
    )
  const driver = await firstRow(
    c,
    sql.selectFrom("drivers").select("onboarding_status").where("id", "=", driverId),
  )
  if (driver !== undefined && driver.onboarding_status !== "approved")
    throw new HttpError(
      409,
      "FLEET_DRIVER_NOT_APPROVED",
      `the driver is not approved yet (${driver.onboarding_status.replace("_", " ")}): they need the background check and training before being assigned a vehicle`,
      "driverId",
    )
}
