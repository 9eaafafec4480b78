import { endpoints, type ServiceVisit, VISIT_STATUSES } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, For } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { VisitStatusBadge } from "./VisitStatusBadge"

type Visit = typeof ServiceVisit.Encoded

/**
 * The visits service centres recorded on the organisation's vehicles, newest first; those waiting
 * for the owner's confirmation first shown. A row opens the visit (confirm or dispute it there).
 * A centre's own page lists its visits with it too (its title, the open ones first).
 */
export const CentreVisitsSection = (props: {
  readonly title?: string
  readonly empty?: string
  readonly initialStatus?: string
  /** False on the centre's own page: every row is the centre's. */
  readonly showCentre?: boolean
}) => {
  const { t, format } = useI18n()
  const api = useApi()
  const [status, setStatus] = createSignal<string>(props.initialStatus ?? "completed")
  const visits = useQuery(() => ({
    queryKey: [endpoints.visits.list.id, status()] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.visits.list,
        { query: { pageSize: "100", ...(status() === "" ? {} : { status: status() as Visit["status"] }) } },
        signal,
      ),
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Visit, unknown>> => [
      ...(props.showCentre === false
        ? []
        : [
            {
              id: "centre",
              header: t("vehicleAccess.centre"),
              cell: (c) => <strong data-testid="visit-row-centre">{c.row.original.centreName}</strong>,
            } satisfies ColumnDef<Visit, unknown>,
          ]),
      { id: "vehicle", header: t("vehicleAccess.vehicle"), cell: (c) => c.row.original.vehicleName ?? "—" },
      {
        id: "status",
        header: t("vehicleAccess.status"),
        cell: (c) => <VisitStatusBadge status={c.row.original.status} />,
      },
      {
        id: "opened",
        header: t("vehicleAccess.opened"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.openedAt)),
      },
      {
        id: "total",
        header: t("vehicleAccess.total"),
        cell: (c) => format().money(c.row.original.total, c.row.original.currency),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel" data-testid="centre-visits">
      <div class="panel__header">
        <h2 class="panel__title">{props.title ?? t("vehicleAccess.visits")}</h2>
        <label class="field field--inline">
          <span class="field__label">{t("vehicleAccess.status")}</span>
          <select
            class="input"
            value={status()}
            data-testid="visits-status"
            onChange={(e) => setStatus(e.currentTarget.value)}
          >
            <option value="">{t("vehicleAccess.visitStatusAll")}</option>
            <For each={VISIT_STATUSES}>
              {(s) => <option value={s}>{t(`vehicleAccess.visit_${s}`)}</option>}
            </For>
          </select>
        </label>
      </div>
      <DataTable
        id="centre-visits"
        label={props.title ?? t("vehicleAccess.visits")}
        columns={columns()}
        result={listResultOf(visits)}
        url={fixedTableState(100)}
        rowId={(row) => row.id}
        export={{
          path: endpoints.listExports.serviceVisits.path,
          query: () => (status() === "" ? {} : { status: status() }),
        }}
        rowHref={(row) => `/service-visits/${row.id}`}
        compact
        empty={{
          // Filtered to one status, "none yet" would hide the visits of the others.
          title:
            status() === ""
              ? (props.empty ?? t("vehicleAccess.visitsEmpty"))
              : t("vehicleAccess.visitsEmptyInStatus", {
                  status: t(`vehicleAccess.visit_${status() as Visit["status"]}`),
                }),
        }}
      />
    </section>
  )
}
