import type { TicketStatus, TicketType } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"
import type { TicketEventView } from "./ticketQueries"

export const ticketTypeLabel = (t: I18n["t"], type: TicketType): string => t(`tickets.type_${type}`)
export const ticketStatusLabel = (t: I18n["t"], status: TicketStatus): string => t(`tickets.status_${status}`)

const TONES: Readonly<Record<TicketStatus, "success" | "warning" | "danger">> = {
  open: "danger",
  in_progress: "warning",
  resolved: "success",
  rejected: "warning",
}

/** A ticket's status as a coloured badge. */
export const TicketStatusBadge = (props: { readonly status: TicketStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="ticket-status"
      status={props.status}
      label={ticketStatusLabel(t, props.status)}
    />
  )
}

/** One history entry as a sentence: who did what. */
export const ticketEventText = (t: I18n["t"], e: TicketEventView): string => {
  const actor = e.actorName ?? t("tickets.someone")
  switch (e.kind) {
    case "created":
      return t("tickets.event_created", { actor })
    case "status":
      return t("tickets.event_status", {
        actor,
        from: e.fromStatus === null ? "" : ticketStatusLabel(t, e.fromStatus),
        to: e.toStatus === null ? "" : ticketStatusLabel(t, e.toStatus),
      })
    case "comment":
      return t("tickets.event_comment", { actor })
    case "assignment":
      return e.assigneeId === null
        ? t("tickets.event_unassigned", { actor })
        : t("tickets.event_assignment", { actor, assignee: e.assigneeName ?? t("tickets.someone") })
    case "photo":
      return t("tickets.event_photo", { actor })
    case "repair":
      return t("tickets.event_repair", { actor })
    case "task":
      return t("tickets.event_task", { actor })
  }
}
