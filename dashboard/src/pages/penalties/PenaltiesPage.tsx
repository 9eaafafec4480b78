import "../organisations/adminPages.css"
import "../contracts/records.css"
import { endpoints, isConfinedToAssignedVehicles, PENALTY_STATUSES } from "@fleetcore/contract"
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
import { MyPenaltyCards } from "./MyPenaltyCards"
import { penaltyColumns } from "./penaltyColumns"

const SORTS = ["offenceAt", "amount", "dueDate", "status"]

/**
 * Fines. A driver gets their own fines as cards with "I paid" and "Dispute"; every other role the
 * organisation's table (search, vehicle and status filters, sort, paging, export as the role allows),
 * with "New fine" for those who manage fines.
 */
export const PenaltiesPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: ["vehicleId", "status"], sorts: SORTS })
  const result = createListQuery(endpoints.penalties.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => penaltyColumns(t, format()))
  const manage = () => session.can("penalties.manage")
  // The server shows a driver only their own fines; the other roles see the organisation's.
  const driver = () => {
    const user = session.user()
    return user !== null && isConfinedToAssignedVehicles(user.role)
  }
  const mayReadVehicles = () => session.can("vehicles.read")
  const newButton = (testId: string) => (
    <Show when={manage()}>
      <A href="/penalties/new" class="button button--primary" data-testid={testId}>
        <FilePlus2 size={16} aria-hidden="true" />
        <span>{t("contractsPenalties.penalties.new")}</span>
      </A>
    </Show>
  )
  return (
    <div class="page">
      <PageHeader
        title={driver() ? t("contractsPenalties.penalties.mine") : t("contractsPenalties.penalties.title")}
        description={
          driver()
            ? t("contractsPenalties.penalties.mineText")
            : t("contractsPenalties.penalties.description")
        }
        actions={newButton("penalty-new")}
      />
      <Show when={!driver()} fallback={<MyPenaltyCards result={listResultOf(result)} />}>
        <DataTable
          id="penalties"
          label={t("contractsPenalties.penalties.title")}
          columns={columns()}
          result={listResultOf(result)}
          url={url}
          export={{ path: endpoints.listExports.penalties.path, query: () => listQueryOf(url.state()) }}
          rowId={(row) => row.id}
          rowHref={(row) => `/penalties/${row.id}`}
          searchPlaceholder={t("contractsPenalties.penalties.search")}
          empty={{
            title: t("contractsPenalties.penalties.empty"),
            description: t("contractsPenalties.penalties.emptyText"),
            action: newButton("penalty-new-empty"),
          }}
          filters={
            <>
              <Show when={mayReadVehicles()}>
                <VehiclePicker
                  variant="filter"
                  label={t("contractsPenalties.vehicle")}
                  testId="penalties-filter-vehicle"
                  value={url.state().filters.vehicleId ?? ""}
                  empty={t("contractsPenalties.vehicleAll")}
                  onChange={(value) => url.setFilter("vehicleId", value)}
                />
              </Show>
              <FilterSelect
                label={t("contractsPenalties.status")}
                testId="penalties-filter-status"
                value={url.state().filters.status ?? ""}
                all={t("contractsPenalties.statusAll")}
                onChange={(value) => url.setFilter("status", value)}
              >
                <For each={PENALTY_STATUSES}>
                  {(s) => <option value={s}>{t(`contractsPenalties.penalties.status_${s}`)}</option>}
                </For>
              </FilterSelect>
            </>
          }
        />
      </Show>
    </div>
  )
}
