import "../organisations/adminPages.css"
import "../vehicles/vehicles.css"
import { endpoints, FUEL_TYPES, VEHICLE_TYPE_SCOPES } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Globe, Plus } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { VehicleTypeDialog } from "./VehicleTypeDialog"
import type { VehicleTypeView } from "./vehicleTypeForm"

/**
 * Vehicle types (seed 003 step 1.2): the universal catalogue and the organisation's own; a row
 * opens the type (editable by the owner for universal types, by managers for their own).
 */
export const VehicleTypesPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: ["scope", "fuelType"], sorts: ["name", "brand", "createdAt"] })
  const result = createListQuery(endpoints.vehicleTypes.list, () => ({ query: listQueryOf(url.state()) }))
  const [open, setOpen] = createSignal<VehicleTypeView | "new" | null>(null)
  const num = (v: number | null, digits: number) =>
    v === null ? <span class="muted">{t("fleet.none")}</span> : format().decimal(v, digits)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<VehicleTypeView, unknown>> => [
      {
        id: "name",
        header: t("fleet.typeName"),
        cell: (c) => <strong data-testid="type-row-name">{c.row.original.name}</strong>,
        meta: { sortKey: "name", hideable: false },
      },
      {
        id: "brand",
        header: `${t("fleet.brand")} / ${t("fleet.model")}`,
        cell: (c) => [c.row.original.brand, c.row.original.model].filter((x) => x !== null).join(" "),
        meta: { sortKey: "brand" },
      },
      {
        id: "scope",
        header: t("fleet.typeScope"),
        cell: (c) =>
          c.row.original.universal ? (
            <span class="icon-label" data-testid="type-row-universal">
              <Globe size={14} aria-hidden="true" />
              {t("fleet.typeScope_universal")}
            </span>
          ) : (
            t("fleet.typeScope_own")
          ),
        meta: { width: "9rem" },
      },
      {
        id: "fuelType",
        header: t("fleet.fuelType"),
        cell: (c) => (c.row.original.fuelType ? t(`fleet.fuel_${c.row.original.fuelType}`) : ""),
      },
      {
        id: "rated",
        header: t("fleet.typeRated"),
        cell: (c) => num(c.row.original.ratedConsumptionL100km, 1),
        meta: { align: "end" },
      },
      {
        id: "tank",
        header: t("fleet.typeTank"),
        cell: (c) => num(c.row.original.tankCapacityL, 0),
        meta: { align: "end" },
      },
      {
        id: "speed",
        header: t("fleet.typeSpeedLimit"),
        cell: (c) => num(c.row.original.speedLimitKmh, 0),
        meta: { align: "end" },
      },
      {
        id: "vehicles",
        header: t("fleet.typeVehicles"),
        cell: (c) => format().integer(c.row.original.vehicles),
        meta: { align: "end", width: "7rem" },
      },
    ],
  )
  const newButton = (testId: string) => (
    <Show when={session.can("vehicles.manage")}>
      <button
        type="button"
        class="button button--primary"
        data-testid={testId}
        onClick={() => setOpen("new")}
      >
        <Plus size={16} aria-hidden="true" />
        <span>{t("fleet.typesNew")}</span>
      </button>
    </Show>
  )
  return (
    <div class="page">
      <PageHeader
        title={t("fleet.typesTitle")}
        description={t("fleet.typesDescription", { organisation: session.user()?.orgName ?? "" })}
        actions={newButton("type-new")}
      />
      <DataTable
        id="vehicle-types"
        label={t("fleet.typesTitle")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.vehicleTypes.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        onRowClick={(row) => setOpen(row)}
        searchPlaceholder={t("fleet.typesSearch")}
        empty={{
          title: t("fleet.typesEmpty"),
          description: t("fleet.typesEmptyText"),
          action: newButton("type-new-empty"),
        }}
        filters={
          <>
            <FilterSelect
              label={t("fleet.typeScope")}
              testId="types-filter-scope"
              value={url.state().filters.scope ?? ""}
              all={t("fleet.typeScopeAll")}
              onChange={(value) => url.setFilter("scope", value)}
            >
              <For each={VEHICLE_TYPE_SCOPES}>
                {(s) => <option value={s}>{t(`fleet.typeScope_${s}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("fleet.fuelType")}
              testId="types-filter-fuel"
              value={url.state().filters.fuelType ?? ""}
              all={t("fleet.all")}
              onChange={(value) => url.setFilter("fuelType", value)}
            >
              <For each={FUEL_TYPES}>{(f) => <option value={f}>{t(`fleet.fuel_${f}`)}</option>}</For>
            </FilterSelect>
          </>
        }
      />
      <VehicleTypeDialog open={open()} onClose={() => setOpen(null)} />
    </div>
  )
}
