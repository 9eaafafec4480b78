import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { incidentAmount, incidentKindLabel } from "./incidentAmount"
import type { IncidentView } from "./incidentQueries"

/** The incidents list's columns; sortable ones name the endpoint's sort keys. */
export const incidentColumns = (
  t: I18n["t"],
  format: Formatters,
): ReadonlyArray<ColumnDef<IncidentView, unknown>> => [
  {
    id: "kind",
    header: t("incidents.kind"),
    cell: (c) => (
      <span class="alert-cell">
        <strong data-testid="incident-row-kind">{incidentKindLabel(t, c.row.original.kind)}</strong>
        <span class="muted" data-testid="incident-row-subject">
          {[
            `${c.row.original.vehicleName ?? ""}${c.row.original.vehiclePlate === null ? "" : ` · ${c.row.original.vehiclePlate}`}`,
            c.row.original.driverName ?? t("incidents.noDriver"),
          ].join(" · ")}
        </span>
      </span>
    ),
    meta: { sortKey: "kind", hideable: false },
  },
  {
    id: "amount",
    header: t("incidents.amount"),
    cell: (c) => <span data-testid="incident-row-amount">{incidentAmount(t, format, c.row.original)}</span>,
    meta: { sortKey: "amount", width: "9rem" },
  },
  {
    id: "startedAt",
    header: t("incidents.startedAt"),
    cell: (c) => (
      <time datetime={c.row.original.startedAt}>{format.dateTime(Date.parse(c.row.original.startedAt))}</time>
    ),
    meta: { sortKey: "startedAt", width: "11rem" },
  },
  {
    id: "endedAt",
    header: t("incidents.endedAt"),
    cell: (c) => (
      <time datetime={c.row.original.endedAt}>{format.dateTime(Date.parse(c.row.original.endedAt))}</time>
    ),
    meta: { width: "11rem" },
  },
]
