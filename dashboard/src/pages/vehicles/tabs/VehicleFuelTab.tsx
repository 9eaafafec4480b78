import { endpoints, type FuelEntry } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { createListQuery } from "../../../api/createListQuery"
import { useI18n } from "../../../i18n/I18nContext"
import { listResultOf } from "../../../ui/table/listResultOf"
import { formatKm, formatMoney } from "../vehicleFormat"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Entry = (typeof FuelEntry)["Encoded"]

/** The vehicle's refuels, latest first, with the fuel rules' anomaly flag. */
export const VehicleFuelTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const result = createListQuery(endpoints.fuel.listEntries, () => ({
    query: { vehicleId: props.vehicle.id, sort: "-time", pageSize: "100" },
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Entry, unknown>> => [
      {
        id: "time",
        header: t("fleet.time"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.time)),
      },
      {
        id: "litres",
        header: t("fleet.litres"),
        cell: (c) => format().decimal(c.row.original.litres, 1),
        meta: { align: "end" },
      },
      {
        id: "amount",
        header: t("fleet.amount"),
        cell: (c) => formatMoney(format(), c.row.original.amount, c.row.original.currency),
        meta: { align: "end" },
      },
      {
        id: "odometer",
        header: t("fleet.odometer"),
        cell: (c) =>
          c.row.original.odometerKm === null ? "—" : formatKm(format(), c.row.original.odometerKm),
        meta: { align: "end" },
      },
      {
        id: "anomaly",
        header: t("fleet.anomaly"),
        cell: (c) => (c.row.original.anomaly ? <span class="badge badge--warning">⚠</span> : ""),
        meta: { width: "7rem" },
      },
    ],
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-fuel"
        label={t("fleet.tabFuel")}
        columns={columns()}
        result={listResultOf(result)}
        rowId={(r) => r.id}
        empty={t("fleet.fuelEmpty")}
        export={{
          path: endpoints.listExports.fuelEntries.path,
          query: () => ({ vehicleId: props.vehicle.id }),
        }}
      />
    </section>
  )
}
