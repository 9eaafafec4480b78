import { endpoints, type MaintenanceTask } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { createListQuery } from "../../../api/createListQuery"
import { useI18n } from "../../../i18n/I18nContext"
import { listResultOf } from "../../../ui/table/listResultOf"
import { formatKm, formatMoney } from "../vehicleFormat"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Task = (typeof MaintenanceTask)["Encoded"]

/** The vehicle's maintenance tasks: planned, overdue and done (the board completes them). */
export const VehicleMaintenanceTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const result = createListQuery(endpoints.maintenance.listTasks, () => ({
    query: { vehicleId: props.vehicle.id, sort: "-dueDate", pageSize: "100" },
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Task, unknown>> => [
      { id: "name", header: t("fleet.task"), cell: (c) => <strong>{c.row.original.name}</strong> },
      {
        id: "status",
        header: t("fleet.status"),
        cell: (c) => t(`fleet.taskStatus_${c.row.original.status}`),
      },
      {
        id: "dueDate",
        header: t("fleet.dueDate"),
        cell: (c) => c.row.original.completedOn ?? c.row.original.dueDate ?? "",
      },
      {
        id: "dueKm",
        header: t("fleet.dueKm"),
        cell: (c) => {
          const km = c.row.original.completedOdometerKm ?? c.row.original.dueOdometerKm
          return km === null ? "" : formatKm(format(), km)
        },
        meta: { align: "end" },
      },
      {
        id: "cost",
        header: t("fleet.amount"),
        cell: (c) => formatMoney(format(), c.row.original.cost, c.row.original.currency),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-maintenance"
        label={t("fleet.tabMaintenance")}
        columns={columns()}
        result={listResultOf(result)}
        rowId={(r) => r.id}
        empty={t("fleet.maintenanceEmpty")}
      />
    </section>
  )
}
