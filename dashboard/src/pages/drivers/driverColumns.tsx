import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import { DriverStatusBadge } from "./DriverStatusBadge"
import type { DriverView } from "./driverForm"
import { ExpiryDate } from "./ExpiryBadge"

/** The drivers list's columns; sortable ones name the endpoint's sort keys. */
export const driverColumns = (t: I18n["t"]): ReadonlyArray<ColumnDef<DriverView, unknown>> => [
  {
    id: "fullName",
    header: t("drivers.fullName"),
    cell: (c) => <strong data-testid="driver-row-name">{c.row.original.fullName}</strong>,
    meta: { sortKey: "fullName", hideable: false },
  },
  {
    id: "employeeId",
    header: t("drivers.employeeId"),
    cell: (c) => c.row.original.employeeId ?? <span class="muted">—</span>,
    meta: { sortKey: "employeeId", width: "8rem" },
  },
  {
    id: "phone",
    header: t("drivers.phone"),
    cell: (c) => <span class="nowrap">{c.row.original.phone ?? "—"}</span>,
    meta: { width: "11rem" },
  },
  {
    id: "categories",
    header: t("drivers.categories"),
    cell: (c) => c.row.original.licenceCategories.join(", ") || <span class="muted">—</span>,
    meta: { width: "8rem" },
  },
  {
    id: "licenceExpiresOn",
    header: t("drivers.licenceExpiresOn"),
    cell: (c) => <ExpiryDate date={c.row.original.licenceExpiresOn} testId="driver-row-licence" />,
    meta: { sortKey: "licenceExpiresOn", width: "14rem" },
  },
  {
    id: "medicalExpiresOn",
    header: t("drivers.medicalExpiresOn"),
    cell: (c) => <ExpiryDate date={c.row.original.medicalExpiresOn} testId="driver-row-medical" />,
    meta: { sortKey: "medicalExpiresOn", width: "14rem" },
  },
  {
    id: "team",
    header: t("drivers.team"),
    cell: (c) => c.row.original.team?.name ?? <span class="muted">—</span>,
    meta: { width: "10rem" },
  },
  {
    id: "status",
    header: t("drivers.status"),
    cell: (c) => <DriverStatusBadge status={c.row.original.status} />,
    meta: { width: "8rem" },
  },
]
