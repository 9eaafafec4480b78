import "../organisations/adminPages.css"
import "./tickets.css"
import { endpoints, TICKET_STATUSES, TICKET_TYPES } from "@fleetcore/contract"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { createNow } from "../../ui/createNow"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { ticketColumns } from "./ticketColumns"
import { ticketStatusLabel, ticketTypeLabel } from "./ticketLabels"

const SORTS = ["number", "createdAt", "slaDueAt", "updatedAt"]

/**
 * The ticket queue: drivers' reports, oldest SLA first, filtered by status, type and overdue (the
 * URL keeps the state); overdue tickets are marked red with how late they are. A row opens it.
 * A driver sees their own tickets here.
 */
export const TicketsPage = () => {
  const { t, format } = useI18n()
  const now = createNow(60_000)
  const url = createTableUrlState({
    filters: ["status", "type", "overdue", "vehicleId", "assigneeId"],
    sorts: SORTS,
  })
  const result = createListQuery(endpoints.tickets.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => ticketColumns(t, format(), now()))
  return (
    <div class="page">
      <PageHeader title={t("tickets.title")} description={t("tickets.description")} />
      <DataTable
        id="tickets"
        label={t("tickets.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.tickets.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/tickets/${row.id}`}
        searchPlaceholder={t("tickets.search")}
        empty={{ title: t("tickets.empty"), description: t("tickets.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("tickets.status")}
              testId="tickets-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("tickets.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <option value="active">{t("tickets.statusActive")}</option>
              <For each={TICKET_STATUSES}>{(s) => <option value={s}>{ticketStatusLabel(t, s)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("tickets.type")}
              testId="tickets-filter-type"
              value={url.state().filters.type ?? ""}
              all={t("tickets.typeAll")}
              onChange={(value) => url.setFilter("type", value)}
            >
              <For each={TICKET_TYPES}>
                {(type) => <option value={type}>{ticketTypeLabel(t, type)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("tickets.overdueFilter")}
              testId="tickets-filter-overdue"
              value={url.state().filters.overdue ?? ""}
              all={t("tickets.overdueAll")}
              onChange={(value) => url.setFilter("overdue", value)}
            >
              <option value="true">{t("tickets.overdueOnly")}</option>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
