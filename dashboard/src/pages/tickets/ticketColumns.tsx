import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { TicketStatusBadge, ticketTypeLabel } from "./ticketLabels"
import type { TicketItem } from "./ticketQueries"

/** The ticket queue's columns; sortable ones name the endpoint's sort keys. `now` ages the tickets. */
export const ticketColumns = (
  t: I18n["t"],
  format: Formatters,
  now: number,
): ReadonlyArray<ColumnDef<TicketItem, unknown>> => [
  {
    id: "number",
    header: t("tickets.number"),
    cell: (c) => (
      <span data-testid="ticket-row-number">
        {t("tickets.numberValue", { number: c.row.original.number })}
      </span>
    ),
    meta: { sortKey: "number", width: "5rem" },
  },
  {
    id: "title",
    header: t("tickets.ticketTitle"),
    cell: (c) => (
      <span class="ticket-cell ticket-cell--title">
        <strong class="ticket-cell__title" title={c.row.original.title} data-testid="ticket-row-title">
          {c.row.original.title}
        </strong>
        <span class="muted">{ticketTypeLabel(t, c.row.original.type)}</span>
      </span>
    ),
    meta: { hideable: false },
  },
  {
    id: "vehicle",
    header: t("tickets.vehicle"),
    cell: (c) => (
      <span class="ticket-cell">
        <span class="truncate">{c.row.original.vehicleName ?? ""}</span>
        <span class="muted">{c.row.original.driverName ?? t("tickets.noDriver")}</span>
      </span>
    ),
  },
  {
    id: "status",
    header: t("tickets.status"),
    cell: (c) => <TicketStatusBadge status={c.row.original.status} />,
    meta: { width: "8rem" },
  },
  {
    id: "assignee",
    header: t("tickets.assignee"),
    cell: (c) => c.row.original.assigneeName ?? <span class="muted">{t("tickets.nobody")}</span>,
    meta: { width: "9rem" },
  },
  {
    id: "createdAt",
    header: t("tickets.age"),
    cell: (c) => (
      <time datetime={c.row.original.createdAt} title={format.dateTime(Date.parse(c.row.original.createdAt))}>
        {format.relative(Date.parse(c.row.original.createdAt), now)}
      </time>
    ),
    meta: { sortKey: "createdAt", width: "8rem" },
  },
  {
    id: "slaDueAt",
    header: t("tickets.slaDue"),
    cell: (c) => (
      <span
        class="ticket-cell ticket-cell--wrap"
        classList={{ "ticket-sla--overdue": c.row.original.overdue }}
        data-testid="ticket-row-sla"
        data-overdue={c.row.original.overdue}
      >
        <Show when={c.row.original.overdue} fallback={format.dateTime(Date.parse(c.row.original.slaDueAt))}>
          <span>{t("tickets.overdue")}</span>
          <span class="muted">{format.relative(Date.parse(c.row.original.slaDueAt), now)}</span>
        </Show>
      </span>
    ),
    meta: { sortKey: "slaDueAt", width: "10rem" },
  },
]
