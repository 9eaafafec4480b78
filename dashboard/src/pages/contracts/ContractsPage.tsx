import "../organisations/adminPages.css"
import { CONTRACT_STATUSES, CONTRACT_TYPES, endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { FilePlus2 } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { contractColumns } from "./contractColumns"

const SORTS = ["endDate", "startDate", "amount", "contractor", "createdAt"]
const EXPIRY_WINDOWS = ["7", "14", "30", "90"]

/** Contracts of the fleet: search, filters (vehicle, type, status, expiring within), sort, paging. */
export const ContractsPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({
    filters: ["vehicleId", "type", "status", "expiringWithinDays"],
    sorts: SORTS,
  })
  const result = createListQuery(endpoints.contracts.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => contractColumns(t, format()))
  const newButton = (testId: string) => (
    <Show when={session.can("contracts.manage")}>
      <A href="/contracts/new" class="button button--primary" data-testid={testId}>
        <FilePlus2 size={16} aria-hidden="true" />
        <span>{t("contractsPenalties.contracts.new")}</span>
      </A>
    </Show>
  )
  const filter = (name: string) => url.state().filters[name] ?? ""

  return (
    <div class="page">
      <PageHeader
        title={t("contractsPenalties.contracts.title")}
        description={t("contractsPenalties.contracts.description")}
        actions={newButton("contract-new")}
      />
      <DataTable
        id="contracts"
        label={t("contractsPenalties.contracts.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.contracts.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/contracts/${row.id}`}
        searchPlaceholder={t("contractsPenalties.contracts.search")}
        empty={{
          title: t("contractsPenalties.contracts.empty"),
          description: t("contractsPenalties.contracts.emptyText"),
          action: newButton("contract-new-empty"),
        }}
        filters={
          <>
            <VehiclePicker
              variant="filter"
              label={t("contractsPenalties.vehicle")}
              testId="contracts-filter-vehicle"
              value={filter("vehicleId")}
              empty={t("contractsPenalties.vehicleAll")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <FilterSelect
              label={t("contractsPenalties.contracts.type")}
              testId="contracts-filter-type"
              value={filter("type")}
              all={t("contractsPenalties.contracts.typeAll")}
              onChange={(value) => url.setFilter("type", value)}
            >
              <For each={CONTRACT_TYPES}>
                {(type) => <option value={type}>{t(`contractsPenalties.contracts.type_${type}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("contractsPenalties.status")}
              testId="contracts-filter-status"
              value={filter("status")}
              all={t("contractsPenalties.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={CONTRACT_STATUSES}>
                {(status) => (
                  <option value={status}>{t(`contractsPenalties.contracts.status_${status}`)}</option>
                )}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("contractsPenalties.contracts.expiring")}
              testId="contracts-filter-expiring"
              value={filter("expiringWithinDays")}
              all={t("contractsPenalties.contracts.expiringAny")}
              onChange={(value) => url.setFilter("expiringWithinDays", value)}
            >
              <For each={EXPIRY_WINDOWS}>
                {(days) => (
                  <option value={days}>
                    {t("contractsPenalties.contracts.withinDays", { days: format().integer(Number(days)) })}
                  </option>
                )}
              </For>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
