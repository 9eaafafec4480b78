import "../organisations/adminPages.css"
import "./vehicles.css"
import { BODY_TYPES, endpoints, FUEL_TYPES, VEHICLE_STATUSES } from "@fleetcore/contract"
import { A, useSearchParams } from "@solidjs/router"
import { LayoutGrid, Plus, Rows3 } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { RentalSummaryCard } from "./RentalSummaryCard"
import { VehicleCards } from "./VehicleCards"
import { vehicleColumns } from "./vehicleColumns"

const SORTS = ["name", "plate", "createdAt", "year", "status", "brand"]
const FILTERS = ["status", "vehicleTypeId", "fuelType", "bodyType", "rental"]

/**
 * The fleet's vehicles as a table or as cards (`?view=cards`): search, filters, sort and paging in
 * the URL; the rental summary above when the organisation rents vehicles.
 */
export const VehiclesPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const [params, setParams] = useSearchParams()
  const cards = () => params.view === "cards"
  const url = createTableUrlState({ filters: FILTERS, sorts: SORTS })
  const result = createListQuery(endpoints.vehicles.list, () => ({ query: listQueryOf(url.state()) }))
  const types = createAllPagesQuery(endpoints.vehicleTypes.list, () => ({ query: { sort: "name" } }))
  const columns = createMemo(() => vehicleColumns(t, format()))
  const newButton = (testId: string) => (
    <Show when={session.can("vehicles.manage")}>
      <A href="/vehicles/new" class="button button--primary" data-testid={testId}>
        <Plus size={16} aria-hidden="true" />
        <span>{t("fleet.new")}</span>
      </A>
    </Show>
  )
  const viewToggle = (
    <fieldset class="segmented" aria-label={t("fleet.viewLabel")}>
      <button
        type="button"
        class="button button--ghost"
        aria-pressed={!cards()}
        data-testid="vehicles-view-table"
        onClick={() => setParams({ view: undefined })}
      >
        <Rows3 size={16} aria-hidden="true" />
        <span>{t("fleet.viewTable")}</span>
      </button>
      <button
        type="button"
        class="button button--ghost"
        aria-pressed={cards()}
        data-testid="vehicles-view-cards"
        onClick={() => setParams({ view: "cards" })}
      >
        <LayoutGrid size={16} aria-hidden="true" />
        <span>{t("fleet.viewCards")}</span>
      </button>
    </fieldset>
  )

  return (
    <div class="page">
      <PageHeader
        title={t("fleet.title")}
        description={t("fleet.description")}
        actions={
          <>
            {viewToggle}
            {newButton("vehicle-new")}
          </>
        }
      />
      <RentalSummaryCard />
      <DataTable
        export={{ path: "/api/v1/vehicles/export", query: () => listQueryOf(url.state()) }}
        id="vehicles"
        label={t("fleet.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        rowHref={(row) => `/vehicles/${row.id}`}
        rowMark={(row) => (row.rental ? "rental" : undefined)}
        searchPlaceholder={t("fleet.search")}
        render={cards() ? (rows) => <VehicleCards vehicles={rows} /> : undefined}
        empty={{
          title: t("fleet.empty"),
          description: t("fleet.emptyText"),
          action: newButton("vehicle-new-empty"),
        }}
        filters={
          <>
            <FilterSelect
              label={t("fleet.status")}
              testId="vehicles-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("fleet.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={VEHICLE_STATUSES}>{(s) => <option value={s}>{t(`fleet.status_${s}`)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("fleet.type")}
              testId="vehicles-filter-type"
              value={url.state().filters.vehicleTypeId ?? ""}
              all={t("fleet.typeAll")}
              onChange={(value) => url.setFilter("vehicleTypeId", value)}
            >
              <For each={types.data?.items ?? []}>
                {(type) => <option value={type.id}>{type.name}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("fleet.fuelType")}
              testId="vehicles-filter-fuel"
              value={url.state().filters.fuelType ?? ""}
              all={t("fleet.all")}
              onChange={(value) => url.setFilter("fuelType", value)}
            >
              <For each={FUEL_TYPES}>{(f) => <option value={f}>{t(`fleet.fuel_${f}`)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("fleet.bodyType")}
              testId="vehicles-filter-body"
              value={url.state().filters.bodyType ?? ""}
              all={t("fleet.all")}
              onChange={(value) => url.setFilter("bodyType", value)}
            >
              <For each={BODY_TYPES}>{(b) => <option value={b}>{t(`fleet.body_${b}`)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("fleet.sectionRental")}
              testId="vehicles-filter-rental"
              value={url.state().filters.rental ?? ""}
              all={t("fleet.rentalAll")}
              onChange={(value) => url.setFilter("rental", value)}
            >
              <option value="true">{t("fleet.rentalYes")}</option>
              <option value="false">{t("fleet.rentalNo")}</option>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
