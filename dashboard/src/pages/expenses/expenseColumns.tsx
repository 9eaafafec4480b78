import type { Expense } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { CategoryBadge } from "./CategoryBadge"

export type ExpenseView = (typeof Expense)["Encoded"]

/** The expenses list's columns; sortable ones name the endpoint's sort keys. */
export const expenseColumns = (
  t: I18n["t"],
  format: Formatters,
  money: Formatters,
  options: { readonly withVehicle: boolean } = { withVehicle: true },
): ReadonlyArray<ColumnDef<ExpenseView, unknown>> => [
  {
    id: "date",
    header: t("expenses.date"),
    cell: (c) => <time datetime={c.row.original.date}>{money.day(c.row.original.date)}</time>,
    meta: { sortKey: "date", width: "9rem", hideable: false },
  },
  ...(options.withVehicle
    ? [
        {
          id: "vehicle",
          header: t("expenses.vehicle"),
          cell: (c) => (
            <span class="truncate" title={c.row.original.vehiclePlate ?? ""}>
              {c.row.original.vehicleName}
            </span>
          ),
        } satisfies ColumnDef<ExpenseView, unknown>,
      ]
    : []),
  {
    id: "category",
    header: t("expenses.category"),
    cell: (c) => <CategoryBadge category={c.row.original.category} />,
    meta: { sortKey: "category", width: "9rem" },
  },
  {
    id: "vendor",
    header: t("expenses.vendor"),
    cell: (c) => (
      <span class="truncate" title={c.row.original.description ?? ""}>
        {c.row.original.vendor ?? c.row.original.description ?? ""}
      </span>
    ),
    meta: { sortKey: "vendor" },
  },
  {
    id: "fuel",
    header: t("expenses.litres"),
    cell: (c) => (
      <Show when={c.row.original.fuel}>
        {(fuel) => (
          <span class="icon-label">
            {t("expenses.litresValue", { litres: format.decimal(fuel().litres, 2) })}
            <Show when={fuel().anomaly}>
              <span class="badge badge--warning" data-testid="expense-anomaly">
                {t("expenses.anomaly")}
              </span>
            </Show>
          </span>
        )}
      </Show>
    ),
    meta: { width: "9rem", align: "end" },
  },
  {
    id: "amount",
    header: t("expenses.amount"),
    cell: (c) =>
      c.row.original.amount === null ? (
        <span class="muted">{t("expenses.noAmount")}</span>
      ) : (
        money.money(c.row.original.amount, c.row.original.currency)
      ),
    meta: { sortKey: "amount", width: "10rem", align: "end" },
  },
  {
    id: "orgAmount",
    header: t("expenses.orgAmount"),
    cell: (c) => {
      const e = c.row.original
      if (e.orgAmount !== null) return money.money(e.orgAmount, e.orgCurrency)
      return e.rateMissing ? (
        <span class="badge badge--warning" data-testid="expense-rate-missing">
          {t("expenses.rateMissing")}
        </span>
      ) : (
        <span class="muted">—</span>
      )
    },
    meta: { sortKey: "orgAmount", width: "10rem", align: "end" },
  },
]
