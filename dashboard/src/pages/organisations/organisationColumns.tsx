import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { OrganisationStatusBadge } from "./OrganisationStatusBadge"
import type { OrganisationView } from "./organisationForm"

/** The organisations list's columns; sortable ones name the endpoint's sort keys. */
export const organisationColumns = (
  t: I18n["t"],
  format: Formatters,
): ReadonlyArray<ColumnDef<OrganisationView, unknown>> => [
  {
    id: "name",
    header: t("organisations.name"),
    cell: (c) => (
      <span class="cell-title">
        <strong data-testid="org-row-name">{c.row.original.name}</strong>
        <span class="muted truncate">{c.row.original.description ?? ""}</span>
      </span>
    ),
    meta: { sortKey: "name", hideable: false },
  },
  {
    id: "status",
    header: t("organisations.status"),
    cell: (c) => <OrganisationStatusBadge status={c.row.original.status} />,
    meta: { width: "9rem" },
  },
  {
    id: "kind",
    header: t("organisations.kind"),
    cell: (c) => t(`organisations.kind_${c.row.original.kind}`),
    meta: { width: "10rem" },
  },
  {
    id: "users",
    header: t("organisations.users"),
    cell: (c) => format.integer(c.row.original.userCount),
    meta: { width: "7rem", align: "end" },
  },
  {
    id: "vehicles",
    header: t("organisations.vehicles"),
    cell: (c) => format.integer(c.row.original.vehicleCount),
    meta: { width: "7rem", align: "end" },
  },
  {
    id: "createdAt",
    header: t("organisations.createdAt"),
    cell: (c) => (
      <time datetime={c.row.original.createdAt}>{format.dateTime(Date.parse(c.row.original.createdAt))}</time>
    ),
    meta: { sortKey: "createdAt", width: "13rem" },
  },
]
