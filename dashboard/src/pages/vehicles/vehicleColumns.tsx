import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { RentalExpiringBadge, VehicleStatusBadge } from "./VehicleStatusBadge"
import { formatKm } from "./vehicleFormat"
import type { VehicleView } from "./vehicleQueries"

const muted = (text: string) => <span class="muted">{text}</span>

/** The vehicles list's columns; sortable ones name the endpoint's sort keys. */
export const vehicleColumns = (
  t: I18n["t"],
  format: Formatters,
): ReadonlyArray<ColumnDef<VehicleView, unknown>> => [
  {
    id: "plate",
    header: t("fleet.plate"),
    cell: (c) => (
      <strong class="vehicle-plate" data-testid="vehicle-row-plate">
        {c.row.original.plate ?? "—"}
      </strong>
    ),
    meta: { sortKey: "plate", hideable: false, width: "9rem" },
  },
  {
    id: "name",
    header: t("fleet.name"),
    cell: (c) => <span data-testid="vehicle-row-name">{c.row.original.name}</span>,
    meta: { sortKey: "name" },
  },
  {
    id: "brand",
    header: `${t("fleet.brand")} / ${t("fleet.model")}`,
    cell: (c) => {
      const v = c.row.original
      const text = [v.brand, v.model].filter((x) => x !== null).join(" ")
      return text === "" ? muted(t("fleet.none")) : text
    },
    meta: { sortKey: "brand" },
  },
  {
    id: "year",
    header: t("fleet.year"),
    cell: (c) => c.row.original.year ?? muted(t("fleet.none")),
    meta: { sortKey: "year", width: "5rem" },
  },
  {
    id: "status",
    header: t("fleet.status"),
    cell: (c) => (
      <span class="vehicle-badges">
        <VehicleStatusBadge status={c.row.original.status} />
        <Show when={c.row.original.rentalExpiring}>
          <RentalExpiringBadge />
        </Show>
      </span>
    ),
    meta: { sortKey: "status", width: "14rem" },
  },
  {
    id: "type",
    header: t("fleet.type"),
    cell: (c) => c.row.original.vehicleType?.name ?? muted(t("fleet.none")),
  },
  {
    id: "odometer",
    header: t("fleet.odometer"),
    cell: (c) => {
      const km = c.row.original.odometerKm
      return km === null ? muted(t("fleet.none")) : formatKm(format, km)
    },
    meta: { align: "end", width: "9rem" },
  },
  {
    id: "driver",
    header: t("fleet.driver"),
    cell: (c) => c.row.original.assignedDriver?.name ?? muted(t("fleet.noDriver")),
  },
  {
    id: "department",
    header: t("fleet.department"),
    cell: (c) => c.row.original.department ?? muted(t("fleet.none")),
    meta: { hideable: true },
  },
]
