import { type ChangeRequest, endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"

type Request = typeof ChangeRequest.Encoded

/** Changes drivers and service centres proposed to the vehicles' critical fields, waiting for a decision. */
export const ChangeRequestsSection = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const pending = useQuery(() => ({
    queryKey: [endpoints.changeRequests.list.id, "pending"] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.changeRequests.list, { query: { status: "pending", pageSize: "100" } }, signal),
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Request, unknown>> => [
      {
        id: "vehicle",
        header: t("vehicleAccess.vehicle"),
        cell: (c) => <strong data-testid="change-row-vehicle">{c.row.original.vehicleName ?? "—"}</strong>,
      },
      {
        id: "fields",
        header: t("vehicleAccess.fields"),
        cell: (c) =>
          Object.keys(c.row.original.changes)
            .map((f) => t(`vehicleAccess.field_${f as "vin"}`))
            .join(", "),
      },
      {
        id: "by",
        header: t("vehicleAccess.proposedBy"),
        cell: (c) =>
          (c.row.original.proposerKind === "centre"
            ? c.row.original.centreName
            : c.row.original.proposedByName) ?? "—",
      },
      {
        id: "at",
        header: t("vehicleAccess.asked"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
      },
    ],
  )
  return (
    <section class="panel" data-testid="change-requests">
      <h2 class="panel__title">{t("vehicleAccess.changes")}</h2>
      <DataTable
        id="change-requests"
        label={t("vehicleAccess.changes")}
        columns={columns()}
        result={listResultOf(pending)}
        url={fixedTableState(100)}
        rowId={(row) => row.id}
        export={{
          path: endpoints.listExports.vehicleChangeRequests.path,
          query: () => ({ status: "pending" }),
        }}
        rowHref={(row) => `/vehicle-change-requests/${row.id}`}
        compact
        empty={{ title: t("vehicleAccess.changesEmpty") }}
      />
    </section>
  )
}
