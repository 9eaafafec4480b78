import type { ColumnDef } from "@tanstack/solid-table"
import type { Accessor } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { AlertSeverityBadge, AlertStatusBadge } from "./AlertBadges"
import type { AlertView } from "./alertQueries"
import { alertTitle } from "./alertTypes"

/** Row selection for bulk actions: which ids are ticked, and how to tick them. */
export interface AlertSelection {
  readonly selected: Accessor<ReadonlySet<string>>
  readonly toggle: (id: string, on: boolean) => void
  /** Ticks or clears every row of the page shown. */
  readonly toggleAll: (on: boolean) => void
  readonly allSelected: Accessor<boolean>
}

/**
 * The inbox's columns; sortable ones name the endpoint's sort keys. `selection` adds the tick
 * boxes of bulk actions; `without: "vehicle"` leaves out the vehicle (a vehicle's own tab).
 */
export const alertColumns = (
  t: I18n["t"],
  format: Formatters,
  options: { readonly selection?: AlertSelection; readonly without?: "vehicle" } = {},
): ReadonlyArray<ColumnDef<AlertView, unknown>> => {
  const selection = options.selection
  const select: ReadonlyArray<ColumnDef<AlertView, unknown>> =
    selection === undefined
      ? []
      : [
          {
            id: "select",
            header: () => (
              <input
                type="checkbox"
                aria-label={t("alerts.selectAll")}
                data-testid="alerts-select-all"
                checked={selection.allSelected()}
                onChange={(event) => selection.toggleAll(event.currentTarget.checked)}
              />
            ),
            cell: (c) => (
              <input
                type="checkbox"
                aria-label={t("alerts.select")}
                data-testid="alert-select"
                checked={selection.selected().has(c.row.original.id)}
                onChange={(event) => selection.toggle(c.row.original.id, event.currentTarget.checked)}
              />
            ),
            meta: { hideable: false, width: "2.5rem", control: true },
          },
        ]
  /** Under the type: the vehicle (unless the table is a vehicle's own) and the driver. */
  const subject = (a: AlertView) =>
    [
      options.without === "vehicle"
        ? null
        : a.vehicleName === null
          ? t("alerts.noVehicle")
          : `${a.vehicleName}${a.vehiclePlate === null ? "" : ` · ${a.vehiclePlate}`}`,
      a.driverName ?? t("alerts.noDriver"),
    ]
      .filter((part) => part !== null)
      .join(" · ")
  return [
    ...select,
    {
      id: "severity",
      header: t("alerts.severity"),
      cell: (c) => <AlertSeverityBadge severity={c.row.original.severity} />,
      meta: { sortKey: "severity", width: "8rem" },
    },
    {
      id: "type",
      header: t("alerts.type"),
      cell: (c) => (
        <span class="alert-cell">
          {/* A long geofence or card name is cut to the cell: the whole title shows on hover. */}
          <strong data-testid="alert-row-type" title={alertTitle(t, c.row.original)}>
            {alertTitle(t, c.row.original)}
          </strong>
          <span class="muted" data-testid="alert-row-subject">
            {subject(c.row.original)}
          </span>
        </span>
      ),
      meta: { sortKey: "type", hideable: false },
    },
    {
      id: "status",
      header: t("alerts.status"),
      cell: (c) => <AlertStatusBadge status={c.row.original.status} />,
      meta: { sortKey: "status", width: "9rem" },
    },
    {
      id: "assignee",
      header: t("alerts.assignee"),
      cell: (c) => (
        <span data-testid="alert-row-assignee">
          {c.row.original.assigneeName ?? <span class="muted">{t("alerts.unassigned")}</span>}
        </span>
      ),
    },
    {
      id: "openedAt",
      header: t("alerts.openedAt"),
      cell: (c) => (
        <time datetime={c.row.original.openedAt}>{format.dateTime(Date.parse(c.row.original.openedAt))}</time>
      ),
      meta: { sortKey: "openedAt", width: "11rem" },
    },
  ]
}
