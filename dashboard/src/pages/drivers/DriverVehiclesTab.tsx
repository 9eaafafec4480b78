import { endpoints, urlOf } from "@fleetcore/contract"
import { keepPreviousData, useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import type { DriverDetailView } from "./driverForm"
import { EndAssignmentButton, runsNow } from "./EndAssignmentButton"

type Row = (typeof endpoints.assignments.byDriver.response.Encoded)["items"][number]

/** The vehicles the driver drives now and every assignment they had, latest first; "End" on the current ones. */
export const DriverVehiclesTab = (props: { readonly driver: DriverDetailView }) => {
  const { t, format } = useI18n()
  const url = createTableUrlState({ sorts: ["startsAt"] })
  const api = useApi()
  const result = useQuery(() => {
    const query = listQueryOf(url.state())
    return {
      queryKey: [endpoints.assignments.byDriver.id, props.driver.id, query] as const,
      queryFn: ({ signal }) =>
        api.call(endpoints.assignments.byDriver, { params: { id: props.driver.id }, query }, signal),
      placeholderData: keepPreviousData,
    }
  })
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      {
        id: "vehicle",
        header: t("drivers.vehicle"),
        cell: (c) => (
          <span>
            <strong>{c.row.original.vehicleName}</strong>
            <span class="muted"> {c.row.original.vehiclePlate ?? ""}</span>
          </span>
        ),
        meta: { hideable: false },
      },
      {
        id: "startsAt",
        header: t("drivers.from"),
        cell: (c) => (
          <time datetime={c.row.original.startsAt}>
            {format().dateTime(Date.parse(c.row.original.startsAt))}
          </time>
        ),
        meta: { sortKey: "startsAt", width: "13rem" },
      },
      {
        id: "endsAt",
        header: t("drivers.until"),
        cell: (c) => {
          const end = c.row.original.endsAt
          return end === null ? (
            <span class="muted">{t("drivers.openEnded")}</span>
          ) : (
            <time datetime={end}>{format().dateTime(Date.parse(end))}</time>
          )
        },
        meta: { width: "13rem" },
      },
      {
        id: "now",
        header: t("drivers.current"),
        cell: (c) =>
          runsNow(c.row.original, Date.now()) ? (
            <span class="badge badge--success">{t("drivers.drivingNow")}</span>
          ) : (
            ""
          ),
        meta: { width: "8rem" },
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
      <div class="panel__header">
        <h2>{t("drivers.assignmentsTitle")}</h2>
        <p class="muted">
          {props.driver.currentVehicles.length === 0
            ? t("drivers.noVehicleNow")
            : t("drivers.vehiclesNow", {
                vehicles: props.driver.currentVehicles.map((v) => v.plate ?? v.name).join(", "),
              })}
        </p>
      </div>
      <DataTable
        id="driver-assignments"
        label={t("drivers.assignmentsTitle")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{
          path: urlOf(endpoints.listExports.driverAssignments, { params: { id: props.driver.id } }),
          query: () => listQueryOf(url.state()),
        }}
        searchPlaceholder={t("drivers.searchVehicle")}
        empty={{ title: t("drivers.noAssignments"), description: t("drivers.noAssignmentsText") }}
      />
    </section>
  )
}
