import type { Contract } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { ContractStatusBadge } from "./ContractStatusBadge"

export type ContractView = (typeof Contract)["Encoded"]

/** The contracts list's columns; sortable ones name the endpoint's sort keys. */
export const contractColumns = (
  t: I18n["t"],
  format: Formatters,
  options: { readonly withVehicle: boolean } = { withVehicle: true },
): ReadonlyArray<ColumnDef<ContractView, unknown>> => [
  {
    id: "contractor",
    header: t("contractsPenalties.contracts.contractor"),
    cell: (c) => (
      <span>
        <strong data-testid="contract-row-contractor">{c.row.original.contractor}</strong>
        <span class="muted"> {c.row.original.number ?? ""}</span>
      </span>
    ),
    meta: { sortKey: "contractor", hideable: false },
  },
  {
    id: "status",
    header: t("contractsPenalties.status"),
    cell: (c) => <ContractStatusBadge contract={c.row.original} />,
    meta: { width: "10rem" },
  },
  ...(options.withVehicle
    ? [
        {
          id: "vehicle",
          header: t("contractsPenalties.vehicle"),
          cell: (c: { row: { original: ContractView } }) => (
            <span class="truncate">
              {c.row.original.vehicleName}
              <span class="muted"> {c.row.original.vehiclePlate ?? ""}</span>
            </span>
          ),
        } satisfies ColumnDef<ContractView, unknown>,
      ]
    : []),
  {
    id: "type",
    header: t("contractsPenalties.contracts.type"),
    cell: (c) => t(`contractsPenalties.contracts.type_${c.row.original.type}`),
    meta: { width: "11rem" },
  },
  {
    id: "endDate",
    header: t("contractsPenalties.contracts.endDate"),
    cell: (c) => <time datetime={c.row.original.endDate}>{format.day(c.row.original.endDate)}</time>,
    meta: { sortKey: "endDate", width: "9rem" },
  },
  {
    id: "amount",
    header: t("contractsPenalties.amount"),
    cell: (c) => (
      <span
        data-testid="contract-row-amount"
        title={t(`contractsPenalties.contracts.frequency_${c.row.original.paymentFrequency}`)}
      >
        {format.money(c.row.original.amount, c.row.original.currency)}
      </span>
    ),
    meta: { sortKey: "amount", width: "9rem", align: "end" },
  },
]
