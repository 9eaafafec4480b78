import type pg from "pg"
import { raiseNotification } from "../notifications/raiseNotification.js"
import { renderNotification } from "../notifications/texts/renderNotification.js"
import type { VisitRow } from "./visitView.js"

export type VisitStage =
  | "opened"
  | "completed"
  | "confirmed"
  | "disputed"
  | "cancelled"
  | "upheld"
  | "rejected"

/** A vehicle's name and plate, read on the owner pool (a centre's transaction cannot see it). */
const vehicleLabel = async (system: pg.Pool, vehicleId: string): Promise<string> => {
  const found = await system.query<{ label: string }>(
    "SELECT CASE WHEN plate IS NULL THEN name ELSE name || ' (' || plate || ')' END AS label FROM vehicles WHERE id = $1",
    [vehicleId],
  )
  return found.rows[0]?.label ?? ""
}

/**
 * Tells one side of a visit a step the other took: the fleet (its managers; the vehicle's driver)
 * of an opened, completed or cancelled visit, the centre of a confirmation or dispute, both of a
 * settlement. Raised on the owner pool after the step's transaction committed (two organisations).
 */
export const notifyVisit = async (
  system: pg.Pool,
  side: "fleet" | "centre",
  v: VisitRow,
  stage: VisitStage,
  reason: string | null,
): Promise<boolean> => {
  const params = {
    stage,
    vehicle: side === "fleet" ? (v.vehicle_name ?? (await vehicleLabel(system, v.vehicle_id))) : "",
    centre: v.centre_name,
    cost: `${v.total} ${v.currency}`,
    reason: reason ?? "",
  }
  const english = renderNotification("service_visit", params, "en", "UTC")
  return raiseNotification(system, {
    orgId: side === "fleet" ? v.org_id : v.centre_org_id,
    type: "service_visit",
    severity: stage === "disputed" ? "warning" : "info",
    title: english?.title ?? "service_visit",
    body: english?.body ?? "",
    message: { key: "service_visit", params },
    link: `/service-visits/${v.id}`,
    dedupeKey: `service_visit:${v.id}:${stage}`,
    vehicleId: side === "fleet" ? v.vehicle_id : null,
  })
}
