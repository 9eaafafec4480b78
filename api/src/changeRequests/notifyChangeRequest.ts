import type pg from "pg"
import { raiseNotification } from "../notifications/raiseNotification.js"
import { renderNotification } from "../notifications/texts/renderNotification.js"

export type ChangeRequestStage = "proposed" | "approved" | "rejected"

/**
 * Tells one side of a change request what happened: the vehicle's organisation of a proposal (its
 * managers), the proposer of the decision (a driver through their vehicle, a centre's staff).
 * Raised on the owner pool after the request's transaction committed, since the two sides are two
 * organisations; `stage` and the request's id name the occurrence.
 */
export const notifyChangeRequest = (
  system: pg.Pool,
  to: { readonly orgId: string; readonly vehicleId: string | null },
  r: { readonly id: string; readonly vehicle: string; readonly fields: ReadonlyArray<string> },
  stage: ChangeRequestStage,
  reason: string | null,
): Promise<boolean> => {
  const params = { stage, vehicle: r.vehicle, fields: r.fields.join(", "), reason: reason ?? "" }
  const english = renderNotification("change_request", params, "en", "UTC")
  return raiseNotification(system, {
    orgId: to.orgId,
    type: "vehicle_change_request",
    severity: "info",
    title: english?.title ?? "change_request",
    body: english?.body ?? "",
    message: { key: "change_request", params },
    link: `/vehicle-change-requests/${r.id}`,
    dedupeKey: `change_request:${r.id}:${stage}`,
    vehicleId: to.vehicleId,
  })
}
