import { endpoints, PERIOD_PRESETS } from "@fleetcore/contract"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import type { TableUrlState } from "../../ui/table/createTableUrlState"
import { FilterSelect } from "../../ui/table/FilterSelect"

/**
 * A report's period (a preset, or custom days) and its filters: vehicle, vehicle type, team,
 * department, driver. Everything lives in the URL, so a report's link (and reload) keeps it.
 */
export const ReportFilters = (props: {
  readonly url: TableUrlState
  /** Offer grouping by day or month (a report by period). */
  readonly groupBy?: boolean
  /** Offer a geofence filter (the geofence visits report). */
  readonly geofence?: boolean
  /** Offer the task template and assignee filters (the tasks report). */
  readonly tasks?: boolean
}) => {
  const { t } = useI18n()
  const session = useSession()
  const filter = (name: string) => props.url.state().filters[name] ?? ""
  const set = (name: string) => (value: string) => props.url.setFilter(name, value)
  const types = createListQuery(endpoints.vehicleTypes.list, () => ({ query: { pageSize: "200" } }))
  const geofences = createListQuery(endpoints.geofences.list, () => ({
    query: { pageSize: "200" },
    enabled: props.geofence === true,
  }))
  const templates = createListQuery(endpoints.tasks.listTemplates, () => ({
    query: { pageSize: "200" },
    enabled: props.tasks === true,
  }))
  const users = createListQuery(endpoints.users.list, () => ({
    query: { pageSize: "200" },
    enabled: props.tasks === true && session.can("users.read"),
  }))
  const teams = createListQuery(endpoints.teams.list, () => ({
    query: { pageSize: "200" },
    enabled: session.can("drivers.read"),
  }))
  const day = (name: "from" | "to") => (
    <label class="filter">
      <span>{t(`reports.${name}`)}</span>
      <input
        type="date"
        class="input"
        data-testid={`report-filter-${name}`}
        value={filter(name)}
        onChange={(e) => props.url.setFilter(name, e.currentTarget.value)}
      />
    </label>
  )
  return (
    <div class="report-filters" data-testid="report-filters">
      <label class="filter">
        <span>{t("reports.period")}</span>
        <select
          class="input"
          data-testid="report-filter-period"
          value={filter("period") || "thisMonth"}
          onChange={(e) => props.url.setFilter("period", e.currentTarget.value)}
        >
          <For each={PERIOD_PRESETS}>{(p) => <option value={p}>{t(`reports.preset_${p}`)}</option>}</For>
        </select>
      </label>
      <Show when={filter("period") === "custom"}>
        {day("from")}
        {day("to")}
      </Show>
      <Show when={props.groupBy}>
        <label class="filter">
          <span>{t("reports.groupBy")}</span>
          <select
            class="input"
            data-testid="report-filter-groupBy"
            value={filter("groupBy") || "day"}
            onChange={(e) => props.url.setFilter("groupBy", e.currentTarget.value)}
          >
            <For each={["day", "month"] as const}>
              {(g) => <option value={g}>{t(`reports.groupBy_${g}`)}</option>}
            </For>
          </select>
        </label>
      </Show>
      <Show when={props.geofence}>
        <FilterSelect
          label={t("reports.geofence")}
          testId="report-filter-geofence"
          value={filter("geofenceId")}
          all={t("reports.allGeofences")}
          onChange={set("geofenceId")}
        >
          <For each={geofences.data?.items ?? []}>{(g) => <option value={g.id}>{g.name}</option>}</For>
        </FilterSelect>
      </Show>
      <Show when={props.tasks}>
        <FilterSelect
          label={t("reports.template")}
          testId="report-filter-template"
          value={filter("templateId")}
          all={t("reports.allTemplates")}
          onChange={set("templateId")}
        >
          <For each={templates.data?.items ?? []}>{(tpl) => <option value={tpl.id}>{tpl.name}</option>}</For>
        </FilterSelect>
        <Show when={session.can("users.read")}>
          <FilterSelect
            label={t("reports.assignee")}
            testId="report-filter-assignee"
            value={filter("assigneeUserId")}
            all={t("reports.allAssignees")}
            onChange={set("assigneeUserId")}
          >
            <For each={users.data?.items ?? []}>{(u) => <option value={u.id}>{u.name}</option>}</For>
          </FilterSelect>
        </Show>
      </Show>
      <VehiclePicker
        variant="filter"
        label={t("reports.vehicle")}
        testId="report-filter-vehicle"
        value={filter("vehicleId")}
        empty={t("reports.allVehicles")}
        onChange={set("vehicleId")}
      />
      <FilterSelect
        label={t("reports.vehicleType")}
        testId="report-filter-type"
        value={filter("vehicleTypeId")}
        all={t("reports.allTypes")}
        onChange={set("vehicleTypeId")}
      >
        <For each={types.data?.items ?? []}>{(type) => <option value={type.id}>{type.name}</option>}</For>
      </FilterSelect>
      <Show when={session.can("drivers.read")}>
        <FilterSelect
          label={t("reports.team")}
          testId="report-filter-team"
          value={filter("teamId")}
          all={t("reports.allTeams")}
          onChange={set("teamId")}
        >
          <For each={teams.data?.items ?? []}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </FilterSelect>
        <DriverPicker
          variant="filter"
          label={t("reports.driver")}
          testId="report-filter-driver"
          value={filter("driverId")}
          empty={t("reports.allDrivers")}
          onChange={set("driverId")}
        />
      </Show>
      <label class="filter">
        <span>{t("reports.department")}</span>
        <input
          class="input"
          data-testid="report-filter-department"
          value={filter("department")}
          onChange={(e) => props.url.setFilter("department", e.currentTarget.value.trim())}
        />
      </label>
    </div>
  )
}
