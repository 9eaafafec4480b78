import type { FuelEntry } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { JSX } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"

export type FuelEntryView = (typeof FuelEntry)["Encoded"]

const tone = { none: "", unchecked: "badge--warning", checked: "badge--success" } as const

/** A refuel's check: its status as a badge. */
export const CheckBadge = (props: {
  readonly status: FuelEntryView["anomalyStatus"]
  readonly t: I18n["t"]
}) => (
  <span class={`badge ${tone[props.status]}`} data-testid="refuel-check-status">
    {props.t(`fuelPage.status_${props.status}`)}
  </span>
)

/**
 * The refuels' columns with the consumption check: expected, actual, the difference in litres and
 * percent, or why the check did not run. `action` replaces the amount and the status with a last column (the anomalies
 * tab's "mark checked", or the status once checked).
 */
export const refuelColumns = (
  t: I18n["t"],
  format: Formatters,
  vehicleName: (id: string) => string,
  action?: (row: FuelEntryView) => JSX.Element,
): ReadonlyArray<ColumnDef<FuelEntryView, unknown>> => {
  const litres = (value: number | null | undefined) =>
    value === null || value === undefined
      ? "—"
      : t("fuelPage.litresValue", { litres: format.decimal(value, 1) })
  const consumption = (row: FuelEntryView) => row.consumption
  return [
    {
      id: "time",
      header: t("fuelPage.time"),
      cell: (c) => (
        <time datetime={c.row.original.time}>{format.dateTime(Date.parse(c.row.original.time))}</time>
      ),
      meta: { sortKey: "time", width: "10.5rem", hideable: false },
    },
    {
      id: "vehicle",
      header: t("fuelPage.vehicle"),
      cell: (c) => <span class="truncate">{vehicleName(c.row.original.vehicleId)}</span>,
    },
    ...(action === undefined
      ? [
          {
            id: "amount",
            header: t("fuelPage.amount"),
            cell: (c) =>
              c.row.original.amount === null ? (
                <span class="muted">{t("fuelPage.noAmount")}</span>
              ) : (
                format.money(c.row.original.amount, c.row.original.currency)
              ),
            meta: { sortKey: "amount", width: "8rem", align: "end" },
          } satisfies ColumnDef<FuelEntryView, unknown>,
        ]
      : []),
    {
      id: "expected",
      header: t("fuelPage.expected"),
      cell: (c) => {
        const skipped = c.row.original.checkSkipped
        return skipped === null ? (
          litres(consumption(c.row.original)?.expectedL)
        ) : (
          <span class="muted">{t(`fuelPage.skipped_${skipped}`)}</span>
        )
      },
      meta: { width: "8rem", align: "end" },
    },
    {
      id: "litres",
      header: t("fuelPage.actual"),
      cell: (c) => litres(c.row.original.litres),
      meta: { sortKey: "litres", width: "6rem", align: "end" },
    },
    {
      id: "difference",
      header: t("fuelPage.difference"),
      cell: (c) => {
        const check = consumption(c.row.original)
        const pct = check?.differencePct
        return pct === null || pct === undefined ? (
          litres(check?.differenceL)
        ) : (
          <span class={c.row.original.anomaly ? "fuel-over" : ""} data-testid="refuel-difference-pct">
            {litres(check?.differenceL)} · {pct > 0 ? "+" : ""}
            {format.percent(pct)}
          </span>
        )
      },
      meta: { width: "10rem", align: "end" },
    },
    action === undefined
      ? {
          id: "status",
          header: t("fuelPage.status"),
          cell: (c) => <CheckBadge status={c.row.original.anomalyStatus} t={t} />,
          meta: { width: "9rem" },
        }
      : {
          id: "action",
          header: t("fuelPage.status"),
          cell: (c) => action(c.row.original),
          meta: { width: "12rem", align: "end", hideable: false },
        },
  ]
}
