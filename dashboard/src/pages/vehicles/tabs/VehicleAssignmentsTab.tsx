import { type AssignmentWithNames, endpoints, urlOf } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, Show } from "solid-js"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { listResultOf } from "../../../ui/table/listResultOf"
import { EndAssignmentButton } from "../../drivers/EndAssignmentButton"
import { createVehicleListQuery } from "../vehicleQueries"
import type { VehicleTabProps } from "../vehicleTabs"
import { AssignDriverForm } from "./AssignDriverForm"
import { TabTable } from "./TabTable"

type Row = (typeof AssignmentWithNames)["Encoded"]

/**
 * Who drove the vehicle when (the current driver is also in the header facts); "End" on the current one.
 * A decommissioned vehicle takes no new driver.
 */
export const VehicleAssignmentsTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const result = createVehicleListQuery(endpoints.assignments.list, () => ({
    vehicleId: props.vehicle.id,
    query: { sort: "-startsAt", pageSize: "100" },
  }))
  const session = useSession()
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      {
        id: "driver",
        header: t("fleet.driver"),
        cell: (c) =>
          c.row.original.endsAt === null || Date.parse(c.row.original.endsAt) > Date.now() ? (
            <strong data-testid="vehicle-assignment-driver">{c.row.original.driverName}</strong>
          ) : (
            <span data-testid="vehicle-assignment-driver">{c.row.original.driverName}</span>
          ),
      },
      {
        id: "startsAt",
        header: t("fleet.startsAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.startsAt)),
      },
      {
        id: "endsAt",
        header: t("fleet.endsAt"),
        cell: (c) => {
          const end = c.row.original.endsAt
          return end === null ? (
            <span class="muted">{t("fleet.openEnded")}</span>
          ) : (
            format().dateTime(Date.parse(end))
          )
        },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => <EndAssignmentButton assignment={c.row.original} />,
        meta: { width: "8rem", align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-assignments"
        label={t("fleet.tabAssignments")}
        columns={columns()}
        result={listResultOf(result)}
        rowId={(r) => r.id}
        export={{
          path: urlOf(endpoints.listExports.vehicleAssignments, { params: { id: props.vehicle.id } }),
          query: () => ({}),
        }}
        empty={t("fleet.assignmentsEmpty")}
      />
      <Show when={session.can("assignments.manage")}>
        {/* The server refuses a driver for a decommissioned vehicle (FLEET_VEHICLE_DECOMMISSIONED). */}
        <Show
          when={props.vehicle.status !== "decommissioned"}
          fallback={
            <p class="muted" data-testid="assign-decommissioned">
              {t("fleet.assignDecommissioned")}
            </p>
          }
        >
          <AssignDriverForm vehicleId={props.vehicle.id} />
        </Show>
      </Show>
    </section>
  )
}
