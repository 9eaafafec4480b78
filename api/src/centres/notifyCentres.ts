import type { ModerationDecision } from "@fleetcore/contract"
import type pg from "pg"
import { raiseNotification } from "../notifications/raiseNotification.js"
import type { MessageKey } from "../notifications/texts/NotificationTexts.js"
import { type MessageParams, renderNotification } from "../notifications/texts/renderNotification.js"

/** The message in each reader's language, and its English text for the event's stored title/body. */
const message = (key: MessageKey, params: MessageParams) => {
  const english = renderNotification(key, params, "en", "UTC")
  return { title: english?.title ?? key, body: english?.body ?? "", message: { key, params } }
}

/** A moderator's decision, told to the centre's owner and managers (inside the decision's transaction). */
export const notifyCentreDecision = (
  c: pg.ClientBase,
  centreId: string,
  decisionId: string,
  decision: ModerationDecision,
  reason: string | null,
): Promise<boolean> =>
  raiseNotification(c, {
    orgId: centreId,
    type: "centre_decision",
    severity: decision === "approve" || decision === "reinstate" ? "info" : "warning",
    ...message("centre_decision", { decision, reason: reason ?? "" }),
    link: "/centre",
    dedupeKey: `centre_decision:${decisionId}`,
  })

export type AccessChange = "requested" | "approved" | "refused" | "revoked" | "redeemed"

/**
 * Vehicle access asked for (told to the fleet), decided or revoked (told to the other side). `db` is
 * the system pool: the side told is not the caller's organisation.
 */
export const notifyVehicleAccess = (
  db: pg.Pool,
  to: { readonly orgId: string; readonly link: string },
  occurrence: string,
  change: AccessChange,
  centre: string,
  vehicle: string,
): Promise<boolean> =>
  raiseNotification(db, {
    orgId: to.orgId,
    type: "vehicle_access",
    severity: change === "requested" ? "warning" : "info",
    ...message("vehicle_access", { change, centre, vehicle }),
    link: to.link,
    dedupeKey: `vehicle_access:${change}:${occurrence}`,
  })

/** A vehicle as a notification names it: its plate or name to its fleet, make and model to a centre. */
export const vehicleLabel = (
  v: {
    readonly name: string
    readonly plate: string | null
    readonly brand: string | null
    readonly model: string | null
  },
  side: "fleet" | "centre",
): string =>
  side === "fleet" ? (v.plate ?? v.name) : [v.brand, v.model].filter((x) => x !== null).join(" ") || "—"

/** The names a vehicle access notification uses: the vehicle's and the centre's (system pool). */
export const accessParties = async (
  db: pg.Pool,
  vehicleId: string,
  centreOrgId: string,
): Promise<{
  readonly vehicle: { name: string; plate: string | null; brand: string | null; model: string | null }
  readonly centre: string
}> => {
  const found = await db.query<{
    name: string
    plate: string | null
    brand: string | null
    model: string | null
    centre: string
  }>(
    `SELECT v.name, v.plate, v.brand, v.model, o.name AS centre
     FROM vehicles v, organisations o WHERE v.id = $1 AND o.id = $2`,
    [vehicleId, centreOrgId],
  )
  const row = found.rows[0]
  return {
    vehicle: {
      name: row?.name ?? "",
      plate: row?.plate ?? null,
      brand: row?.brand ?? null,
      model: row?.model ?? null,
    },
    centre: row?.centre ?? "",
  }
}
