import "../organisations/adminPages.css"
import "./drivers.css"
import { DRIVER_STATUSES, endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { UserPlus } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { EXPIRY_WARNING_DAYS } from "../../ui/documents/documentExpiry"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { driverColumns } from "./driverColumns"
import { createTeamOptionsQuery } from "./driverQueries"

const SORTS = ["fullName", "employeeId", "licenceExpiresOn", "medicalExpiresOn", "hiredOn", "createdAt"]

/** The drivers: search, status/team/expiring-licence filters, sort, paging; a row opens the driver. */
export const DriversPage = () => {
  const { t } = useI18n()
  const session = useSession()
  const url = createTableUrlState({
    filters: ["status", "teamId", "licenceExpiringWithinDays"],
    sorts: SORTS,
  })
  const result = createListQuery(endpoints.drivers.list, () => ({ query: listQueryOf(url.state()) }))
  const teams = createTeamOptionsQuery()
  const columns = createMemo(() => driverColumns(t))
  const newButton = (testId: string) => (
    <Show when={session.can("drivers.manage")}>
      <A href="/drivers/new" class="button button--primary" data-testid={testId}>
        <UserPlus size={16} aria-hidden="true" />
        <span>{t("drivers.new")}</span>
      </A>
    </Show>
  )

  return (
    <div class="page">
      <PageHeader
        title={t("drivers.title")}
        description={t("drivers.description")}
        actions={newButton("driver-new")}
      />
      <DataTable
        export={{ path: "/api/v1/drivers/export", query: () => listQueryOf(url.state()) }}
        id="drivers"
        label={t("drivers.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        rowHref={(row) => `/drivers/${row.id}`}
        searchPlaceholder={t("drivers.search")}
        empty={{
          title: t("drivers.empty"),
          description: t("drivers.emptyText"),
          action: newButton("driver-new-empty"),
        }}
        filters={
          <>
            <FilterSelect
              label={t("drivers.status")}
              testId="drivers-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("drivers.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={DRIVER_STATUSES}>{(s) => <option value={s}>{t(`drivers.status_${s}`)}</option>}</For>
            </FilterSelect>
            <Show when={(teams.data?.items.length ?? 0) > 0}>
              <FilterSelect
                label={t("drivers.team")}
                testId="drivers-filter-team"
                value={url.state().filters.teamId ?? ""}
                all={t("drivers.teamAll")}
                onChange={(value) => url.setFilter("teamId", value)}
              >
                <For each={teams.data?.items ?? []}>
                  {(team) => <option value={team.id}>{team.name}</option>}
                </For>
              </FilterSelect>
            </Show>
            <FilterSelect
              label={t("drivers.licence")}
              testId="drivers-filter-expiring"
              value={url.state().filters.licenceExpiringWithinDays ?? ""}
              all={t("drivers.licenceAll")}
              onChange={(value) => url.setFilter("licenceExpiringWithinDays", value)}
            >
              <option value={String(EXPIRY_WARNING_DAYS)}>
                {t("drivers.licenceExpiring", { days: EXPIRY_WARNING_DAYS })}
              </option>
              <option value="0">{t("drivers.licenceExpiredOnly")}</option>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
