import "./maintenance.css"
import { endpoints } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Plus } from "lucide-solid"
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
import { MaintenanceNav } from "./MaintenanceBoardPage"
import { TemplateDialog, type TemplateView } from "./TemplateDialog"

/** Service templates: every N km or M months for a vehicle type (or one vehicle); a row opens it. */
export const MaintenanceTemplatesPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: ["vehicleTypeId"], sorts: ["name", "everyKm", "everyMonths"] })
  const result = createListQuery(endpoints.maintenance.listTemplates, () => ({
    query: listQueryOf(url.state()),
  }))
  const types = createListQuery(endpoints.vehicleTypes.list, () => ({
    query: { pageSize: "200", sort: "name" },
  }))
  const [open, setOpen] = createSignal<TemplateView | "new" | null>(null)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<TemplateView, unknown>> => [
      {
        id: "name",
        header: t("maintenance.templateName"),
        cell: (c) => <strong data-testid="template-row-name">{c.row.original.name}</strong>,
        meta: { sortKey: "name", hideable: false },
      },
      {
        id: "appliesTo",
        header: t("maintenance.appliesTo"),
        cell: (c) =>
          c.row.original.vehicleName !== null
            ? t("maintenance.appliesToVehicle", { name: c.row.original.vehicleName })
            : c.row.original.vehicleTypeName,
      },
      {
        id: "everyKm",
        header: t("maintenance.everyKm"),
        cell: (c) =>
          c.row.original.everyKm === null ? t("maintenance.none") : format().integer(c.row.original.everyKm),
        meta: { sortKey: "everyKm", align: "end" },
      },
      {
        id: "everyMonths",
        header: t("maintenance.everyMonths"),
        cell: (c) =>
          c.row.original.everyMonths === null
            ? t("maintenance.none")
            : format().integer(c.row.original.everyMonths),
        meta: { sortKey: "everyMonths", align: "end" },
      },
    ],
  )
  const newButton = (testId: string) => (
    <Show when={session.can("maintenance.manage")}>
      <button
        type="button"
        class="button button--primary"
        data-testid={testId}
        onClick={() => setOpen("new")}
      >
        <Plus size={16} aria-hidden="true" />
        <span>{t("maintenance.templateNew")}</span>
      </button>
    </Show>
  )
  return (
    <div class="page">
      <PageHeader
        title={t("maintenance.templatesTitle")}
        description={t("maintenance.templatesDescription")}
        actions={
          <>
            <MaintenanceNav current="templates" />
            {newButton("template-new")}
          </>
        }
      />
      <DataTable
        id="maintenance-templates"
        label={t("maintenance.templatesTitle")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{
          path: endpoints.listExports.maintenanceTemplates.path,
          query: () => listQueryOf(url.state()),
        }}
        onRowClick={(row) => setOpen(row)}
        searchPlaceholder={t("maintenance.templatesSearch")}
        empty={{
          title: t("maintenance.templatesEmpty"),
          description: t("maintenance.templatesEmptyText"),
          action: newButton("template-new-empty"),
        }}
        filters={
          <FilterSelect
            label={t("maintenance.appliesTo")}
            testId="templates-filter-type"
            value={url.state().filters.vehicleTypeId ?? ""}
            all={t("maintenance.all")}
            onChange={(value) => url.setFilter("vehicleTypeId", value)}
          >
            <For each={types.data?.items ?? []}>{(type) => <option value={type.id}>{type.name}</option>}</For>
          </FilterSelect>
        }
      />
      <TemplateDialog open={open()} types={types.data?.items ?? []} onClose={() => setOpen(null)} />
    </div>
  )
}
