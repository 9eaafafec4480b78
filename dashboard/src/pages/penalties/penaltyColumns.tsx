import type { Penalty } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { PenaltyStatusBadge } from "./PenaltyStatusBadge"

export type PenaltyView = (typeof Penalty)["Encoded"]

/** The fines list's columns; `without` leaves out the vehicle or the driver (on their own pages). */
export const penaltyColumns = (
  t: I18n["t"],
  format: Formatters,
  without: "vehicle" | "driver" | null = null,
): ReadonlyArray<ColumnDef<PenaltyView, unknown>> => [
  {
    id: "offenceAt",
    header: t("contractsPenalties.penalties.offenceAt"),
    cell: (c) => (
      <time datetime={c.row.original.offenceAt}>{format.dateTime(Date.parse(c.row.original.offenceAt))}</time>
    ),
    meta: { sortKey: "offenceAt", width: "13rem" },
  },
  {
    id: "status",
    header: t("contractsPenalties.status"),
    cell: (c) => <PenaltyStatusBadge status={c.row.original.status} />,
    meta: { sortKey: "status", width: "11rem" },
  },
  {
    id: "reason",
    header: t("contractsPenalties.penalties.reason"),
    cell: (c) => (
      <span class="truncate" data-testid="penalty-row-reason">
        {c.row.original.reason}
      </span>
    ),
    meta: { hideable: false },
  },
  ...(without === "vehicle"
    ? []
    : [
        {
          id: "vehicle",
          header: t("contractsPenalties.vehicle"),
          cell: (c: { row: { original: PenaltyView } }) => (
            <span class="truncate">
              {c.row.original.vehicleName}
              <span class="muted"> {c.row.original.vehiclePlate ?? ""}</span>
            </span>
          ),
        } satisfies ColumnDef<PenaltyView, unknown>,
      ]),
  ...(without === "driver"
    ? []
    : [
        {
          id: "driver",
          header: t("contractsPenalties.penalties.driver"),
          cell: (c: { row: { original: PenaltyView } }) =>
            c.row.original.driverName ?? (
              <span class="muted">{t("contractsPenalties.penalties.noDriver")}</span>
            ),
        } satisfies ColumnDef<PenaltyView, unknown>,
      ]),
  {
    id: "amount",
    header: t("contractsPenalties.amount"),
    cell: (c) => (
      <span data-testid="penalty-row-amount">
        {format.money(c.row.original.amount, c.row.original.currency)}
      </span>
    ),
    meta: { sortKey: "amount", width: "9rem", align: "end" },
  },
  {
    id: "dueDate",
    header: t("contractsPenalties.penalties.dueDate"),
    cell: (c) => (c.row.original.dueDate === null ? "—" : format.day(c.row.original.dueDate)),
    meta: { sortKey: "dueDate", width: "9rem" },
  },
]
