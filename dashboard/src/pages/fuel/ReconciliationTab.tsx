import { endpoints, type ReconciliationItem } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { createVehicleNames } from "../../vehicles/createVehicleNames"
import { PeriodFilter } from "./PeriodFilter"

type ItemView = (typeof ReconciliationItem)["Encoded"]

/** Refuels without a matching sensor rise and rises without a refuel, with the matching rules shown. */
export const ReconciliationTab = () => {
  const { t, format } = useI18n()
  const url = createTableUrlState({ filters: ["vehicleId", "kind", "from", "to"], sorts: [] })
  const result = createListQuery(endpoints.fuel.reconciliation, () => ({ query: listQueryOf(url.state()) }))
  const vehicleName = createVehicleNames(() => (result.data?.items ?? []).map((row) => row.vehicleId))
  const columns = createMemo((): ReadonlyArray<ColumnDef<ItemView, unknown>> => {
    const f = format()
    const litres = (value: number | null) =>
      value === null ? "—" : t("fuelPage.litresValue", { litres: f.decimal(value, 1) })
    return [
      {
        id: "time",
        header: t("fuelPage.time"),
        cell: (c) => (
          <time datetime={c.row.original.time}>{f.dateTime(Date.parse(c.row.original.time))}</time>
        ),
        meta: { width: "12rem", hideable: false },
      },
      {
        id: "vehicle",
        header: t("fuelPage.vehicle"),
        cell: (c) => <span class="truncate">{vehicleName(c.row.original.vehicleId)}</span>,
      },
      {
        id: "kind",
        header: t("fuelPage.recon"),
        cell: (c) => (
          <span class="badge badge--warning" data-testid="fuel-recon-kind">
            {t(`fuelPage.recon_${c.row.original.kind}`)}
          </span>
        ),
        meta: { width: "16rem" },
      },
      {
        id: "paid",
        header: t("fuelPage.paid"),
        cell: (c) => litres(c.row.original.paidL),
        meta: { align: "end", width: "7rem" },
      },
      {
        id: "sensor",
        header: t("fuelPage.sensor"),
        cell: (c) => litres(c.row.original.sensorL),
        meta: { align: "end", width: "7rem" },
      },
      {
        id: "difference",
        header: t("fuelPage.difference"),
        cell: (c) => litres(c.row.original.differenceL),
        meta: { align: "end", width: "7rem" },
      },
    ]
  })
  return (
    <>
      <Show when={result.data}>
        {(data) => (
          <p class="notice fuel-rules" data-testid="fuel-recon-rules">
            {t("fuelPage.rules", {
              minutes: format().integer(data().rules.windowMinutes),
              pct: format().integer(data().rules.tolerancePct),
              litres: format().integer(data().rules.minDifferenceL),
            })}{" "}
            <strong>{t("fuelPage.matched", { count: format().integer(data().matched) })}</strong>
          </p>
        )}
      </Show>
      <DataTable
        id="fuel-recon"
        label={t("fuelPage.tabReconciliation")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        searchable={false}
        rowId={(row) => `${row.kind}:${row.vehicleId}:${row.time}`}
        export={{
          path: endpoints.listExports.fuelReconciliation.path,
          query: () => listQueryOf(url.state()),
        }}
        empty={{ title: t("fuelPage.reconEmpty"), description: t("fuelPage.reconEmptyText") }}
        filters={
          <>
            <VehiclePicker
              variant="filter"
              label={t("fuelPage.vehicle")}
              testId={"fuel-recon-filter-vehicle"}
              value={url.state().filters.vehicleId ?? ""}
              empty={t("fuelPage.allVehicles")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <FilterSelect
              label={t("fuelPage.recon")}
              testId="fuel-recon-filter-kind"
              value={url.state().filters.kind ?? ""}
              all={t("fuelPage.allFindings")}
              onChange={(value) => url.setFilter("kind", value)}
            >
              <option value="refuel_without_rise">{t("fuelPage.recon_refuel_without_rise")}</option>
              <option value="rise_without_refuel">{t("fuelPage.recon_rise_without_refuel")}</option>
            </FilterSelect>
            <PeriodFilter url={url} testId="fuel-recon" />
          </>
        }
      />
    </>
  )
}
