import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { LifeBuoy } from "lucide-solid"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { TicketStatusBadge, ticketTypeLabel } from "../tickets/ticketLabels"
import "../tickets/tickets.css"

/**
 * The driver's own tickets (the server lists only theirs), latest change first, each with its
 * status; a row opens the ticket with its whole history.
 */
export const MyTicketsCard = () => {
  const { t, format } = useI18n()
  const tickets = createListQuery(endpoints.tickets.list, () => ({
    query: { sort: "-updatedAt" as const, pageSize: "5" },
  }))
  return (
    <section class="panel driver-card" data-testid="driver-tickets">
      <h2 class="driver-card__title">
        <LifeBuoy size={18} aria-hidden="true" />
        {t("tickets.mine")}
      </h2>
      <Show
        when={(tickets.data?.items.length ?? 0) > 0}
        fallback={<p class="muted">{t("tickets.mineNone")}</p>}
      >
        <ul class="driver-list">
          <For each={tickets.data?.items}>
            {(ticket) => (
              <li class="driver-ticket-row" data-testid="driver-ticket-row" data-ticket={ticket.id}>
                <A href={`/tickets/${ticket.id}`} class="driver-ticket">
                  <strong>
                    {t("tickets.numberValue", { number: ticket.number })} {ticket.title}
                  </strong>
                  <span class="muted">
                    {ticketTypeLabel(t, ticket.type)} · {format().dateTime(Date.parse(ticket.updatedAt))}
                  </span>
                </A>
                <TicketStatusBadge status={ticket.status} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
