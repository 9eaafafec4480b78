import "./adminPages.css"
import { endpoints, ORG_KINDS, ORG_STATUSES } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { Plus } from "lucide-solid"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { organisationColumns } from "./organisationColumns"

/** The installation's organisations (owner): search, status filter, sort, paging; a row opens it. */
export const OrganisationsPage = () => {
  const { t, format } = useI18n()
  const url = createTableUrlState({ filters: ["status", "kind"], sorts: ["name", "createdAt"] })
  const result = createListQuery(endpoints.organisations.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => organisationColumns(t, format()))
  const newButton = (testId: string) => (
    <A href="/organisations/new" class="button button--primary" data-testid={testId}>
      <Plus size={16} aria-hidden="true" />
      <span>{t("organisations.new")}</span>
    </A>
  )

  return (
    <div class="page">
      <PageHeader
        title={t("organisations.title")}
        description={t("organisations.description")}
        actions={newButton("org-new")}
      />
      <DataTable
        id="organisations"
        label={t("organisations.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.organisations.path, query: () => listQueryOf(url.state()) }}
        rowHref={(row) => `/organisations/${row.id}`}
        searchPlaceholder={t("organisations.search")}
        empty={{
          title: t("organisations.empty"),
          description: t("organisations.emptyText"),
          action: newButton("org-new-empty"),
        }}
        filters={
          <>
            <FilterSelect
              label={t("organisations.status")}
              testId="organisations-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("organisations.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={ORG_STATUSES}>
                {(status) => <option value={status}>{t(`organisations.status_${status}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("organisations.kind")}
              testId="organisations-filter-kind"
              value={url.state().filters.kind ?? ""}
              all={t("organisations.kindAll")}
              onChange={(value) => url.setFilter("kind", value)}
            >
              <For each={ORG_KINDS}>
                {(kind) => <option value={kind}>{t(`organisations.kind_${kind}`)}</option>}
              </For>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
