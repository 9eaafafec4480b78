import "../alerts/alerts.css"
import { endpoints, INCIDENT_KINDS } from "@fleetcore/contract"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { dayStartIso } from "../../i18n/timeZone"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { incidentKindLabel } from "./incidentAmount"
import { incidentColumns } from "./incidentColumns"

const FILTERS = ["kind", "vehicleId", "driverId", "from", "to"]
const SORTS = ["startedAt", "kind", "amount"]

/**
 * Every theft, fill and odometer fault, each its own row, newest first; filters by kind, vehicle,
 * driver and day live in the URL; a row opens the incident.
 */
export const IncidentsPage = () => {
  const { t, format, zone } = useI18n()
  const url = createTableUrlState({ filters: FILTERS, sorts: SORTS })
  const query = () => {
    const { from, to, kind, ...rest } = listQueryOf(url.state())
    const fromIso = from === undefined ? undefined : dayStartIso(from, zone())
    const toIso = to === undefined ? undefined : dayStartIso(to, zone(), 1)
    const known = INCIDENT_KINDS.find((k) => k === kind)
    return {
      ...rest,
      ...(known ? { kind: known } : {}),
      ...(fromIso ? { from: fromIso } : {}),
      ...(toIso ? { to: toIso } : {}),
    }
  }
  const result = createListQuery(endpoints.incidents.list, () => ({ query: query() }))
  const columns = createMemo(() => incidentColumns(t, format()))

  return (
    <div class="page">
      <PageHeader title={t("incidents.title")} description={t("incidents.description")} />
      <DataTable
        id="incidents"
        label={t("incidents.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.incidents.path, query }}
        rowId={(row) => row.id}
        rowHref={(row) => `/incidents/${row.id}`}
        searchPlaceholder={t("incidents.search")}
        empty={{ title: t("incidents.empty"), description: t("incidents.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("incidents.kind")}
              testId="incidents-filter-kind"
              value={url.state().filters.kind ?? ""}
              all={t("incidents.kindAll")}
              onChange={(value) => url.setFilter("kind", value)}
            >
              <For each={INCIDENT_KINDS}>{(k) => <option value={k}>{incidentKindLabel(t, k)}</option>}</For>
            </FilterSelect>
            <VehiclePicker
              variant="filter"
              label={t("incidents.vehicle")}
              testId="incidents-filter-vehicle"
              value={url.state().filters.vehicleId ?? ""}
              empty={t("incidents.vehicleAll")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <DriverPicker
              variant="filter"
              label={t("incidents.driver")}
              testId="incidents-filter-driver"
              value={url.state().filters.driverId ?? ""}
              empty={t("incidents.driverAll")}
              onChange={(value) => url.setFilter("driverId", value)}
            />
            <label class="filter">
              <span>{t("incidents.from")}</span>
              <input
                class="input"
                type="date"
                data-testid="incidents-filter-from"
                value={url.state().filters.from ?? ""}
                onChange={(event) => url.setFilter("from", event.currentTarget.value)}
              />
            </label>
            <label class="filter">
              <span>{t("incidents.to")}</span>
              <input
                class="input"
                type="date"
                data-testid="incidents-filter-to"
                value={url.state().filters.to ?? ""}
                onChange={(event) => url.setFilter("to", event.currentTarget.value)}
              />
            </label>
          </>
        }
      />
    </div>
  )
}
