import type { TicketStatus, TicketType } from "@fleetcore/contract"
import type pg from "pg"
import { raiseNotification } from "../notifications/raiseNotification.js"
import type { MessageKey } from "../notifications/texts/NotificationTexts.js"
import { type MessageParams, renderNotification } from "../notifications/texts/renderNotification.js"

/** What a notification says about a ticket. */
export interface TicketNews {
  readonly id: string
  readonly number: number
  readonly type: TicketType
  readonly title: string
  readonly vehicleId: string
  readonly vehicleLabel: string | null
}

/** What changed on a ticket, as its `ticket_update` message tells it. */
export type TicketChange =
  | { readonly change: "status"; readonly ticketStatus: TicketStatus; readonly comment: string | null }
  | { readonly change: "comment"; readonly comment: string }
  | { readonly change: "assigned"; readonly assignee: string }
  | { readonly change: "unassigned" }
  | { readonly change: "repair" }
  | { readonly change: "task" }

/** The message in each reader's language, and its English text for the event's stored title/body. */
const message = (key: MessageKey, params: MessageParams) => {
  const english = renderNotification(key, params, "en", "UTC")
  return { title: english?.title ?? key, body: english?.body ?? "", message: { key, params } }
}

/**
 * A new ticket, told to the office (no vehicle: the fan-out tells the organisation's managers,
 * dispatchers and admins, not the drivers). Accidents are critical. Raised inside the caller's
 * transaction, so nobody hears of a ticket that was not stored.
 */
export const notifyTicketRaised = (c: pg.ClientBase, orgId: string, t: TicketNews): Promise<boolean> =>
  raiseNotification(c, {
    orgId,
    type: "ticket_raised",
    severity: t.type === "accident" ? "critical" : t.type === "breakdown" ? "warning" : "info",
    ...message("ticket_raised", {
      number: t.number,
      title: t.title,
      ticketType: t.type,
      vehicle: t.vehicleLabel ?? "",
    }),
    link: `/tickets/${t.id}`,
    dedupeKey: `ticket_raised:${t.id}`,
  })

/**
 * A change to a ticket, told to `followers` (the driver who raised it, its assignee…), each by
 * their own preferences. `eventId` (the ticket event) names the occurrence.
 */
export const notifyTicketUpdate = async (
  c: pg.ClientBase,
  orgId: string,
  t: TicketNews,
  eventId: string,
  change: TicketChange,
  followers: ReadonlyArray<string>,
): Promise<boolean> =>
  followers.length > 0 &&
  raiseNotification(c, {
    orgId,
    type: "ticket_update",
    severity: "info",
    ...message("ticket_update", { number: t.number, title: t.title, ...change }),
    link: `/tickets/${t.id}`,
    dedupeKey: `ticket_update:${eventId}`,
    vehicleId: t.vehicleId,
    recipients: followers,
  })
