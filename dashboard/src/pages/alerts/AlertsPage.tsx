import "./alerts.css"
import { ALERT_SEVERITIES, ALERT_STATUSES, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayStartIso } from "../../i18n/timeZone"
import { LiveStatusBadge } from "../../live/LiveStatusBadge"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { AlertActionDialog, type AlertDialogAction } from "./AlertActionDialog"
import { type AlertSelection, alertColumns } from "./alertColumns"
import { createAlertsLive, createAssigneesQuery, invalidateAlerts } from "./alertQueries"
import { ALERT_TYPES, alertTypeLabel } from "./alertTypes"

const FILTERS = ["type", "severity", "status", "vehicleId", "driverId", "teamId", "assigneeId", "from", "to"]
const SORTS = ["openedAt", "lastSeenAt", "type", "occurrences", "severity", "status"]

/**
 * The alerts inbox: every alert of the organisation with its filters in the URL, kept current by
 * the live feed; tick rows to acknowledge, assign or resolve many at once; a row opens the alert.
 */
export const AlertsPage = () => {
  const { t, format, zone } = useI18n()
  const session = useSession()
  const api = useApi()
  const queryClient = useQueryClient()
  const manages = () => session.can("alerts.manage")
  const url = createTableUrlState({ filters: FILTERS, sorts: SORTS })
  const query = () => {
    const { from, to, ...rest } = listQueryOf(url.state())
    const fromIso = from === undefined ? undefined : dayStartIso(from, zone())
    const toIso = to === undefined ? undefined : dayStartIso(to, zone(), 1)
    return { ...rest, ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) }
  }
  const result = createListQuery(endpoints.alerts.list, () => ({ query: query() }))
  const live = createAlertsLive()
  const teams = createListQuery(endpoints.teams.list, () => ({ query: { pageSize: "200", sort: "name" } }))
  const assignees = createAssigneesQuery(manages)

  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set())
  const pageIds = () => (result.data?.items ?? []).map((a) => a.id)
  const selection: AlertSelection = {
    selected,
    toggle: (id, on) =>
      setSelected((current) => {
        const next = new Set(current)
        if (on) next.add(id)
        else next.delete(id)
        return next
      }),
    toggleAll: (on) =>
      setSelected((current) => {
        const next = new Set(current)
        for (const id of pageIds()) {
          if (on) next.add(id)
          else next.delete(id)
        }
        return next
      }),
    allSelected: () => pageIds().length > 0 && pageIds().every((id) => selected().has(id)),
  }
  const columns = createMemo(() => alertColumns(t, format(), manages() ? { selection } : {}))

  const [action, setAction] = createSignal<AlertDialogAction | null>(null)
  const runBulk = async (input: { readonly note: string; readonly userId: string }) => {
    const which = action()
    if (which === null) return
    const ids = [...selected()]
    const answer = await api.call(endpoints.alerts.bulk, {
      body: {
        action: which,
        ids,
        ...(input.note === "" ? {} : { note: input.note }),
        ...(which === "assign" ? { userId: input.userId } : {}),
      },
    })
    const done = answer.results.filter((r) => r.outcome === "done").length
    const skipped = answer.results.length - done
    showToast(
      skipped === 0 ? "success" : "info",
      t("alerts.bulkDone", { done: String(done), count: String(ids.length) }),
      skipped === 0 ? undefined : t("alerts.bulkSkipped", { count: String(skipped) }),
    )
    setSelected(new Set<string>())
    await invalidateAlerts(queryClient)
  }

  return (
    <div class="page">
      <PageHeader
        title={t("alerts.title")}
        description={t("alerts.description")}
        actions={<LiveStatusBadge status={live} />}
      />
      <Show when={manages() && selected().size > 0}>
        <div class="alerts-bulk" data-testid="alerts-bulk" role="toolbar" aria-label={t("alerts.title")}>
          <strong>{t("alerts.selected", { count: String(selected().size) })}</strong>
          <button
            type="button"
            class="button"
            data-testid="alerts-bulk-acknowledge"
            onClick={() => setAction("acknowledge")}
          >
            {t("alerts.acknowledge")}
          </button>
          <button
            type="button"
            class="button"
            data-testid="alerts-bulk-assign"
            onClick={() => setAction("assign")}
          >
            {t("alerts.assign")}
          </button>
          <button
            type="button"
            class="button"
            data-testid="alerts-bulk-resolve"
            onClick={() => setAction("resolve")}
          >
            {t("alerts.resolve")}
          </button>
          <button type="button" class="button button--ghost" onClick={() => setSelected(new Set<string>())}>
            {t("alerts.clearSelection")}
          </button>
        </div>
      </Show>
      <DataTable
        export={{ path: "/api/v1/alerts/export", query: () => query() }}
        id="alerts"
        label={t("alerts.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        rowHref={(row) => `/alerts/${row.id}`}
        searchPlaceholder={t("alerts.search")}
        empty={{ title: t("alerts.empty"), description: t("alerts.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("alerts.status")}
              testId="alerts-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("alerts.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={ALERT_STATUSES}>{(s) => <option value={s}>{t(`alerts.status_${s}`)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("alerts.severity")}
              testId="alerts-filter-severity"
              value={url.state().filters.severity ?? ""}
              all={t("alerts.severityAll")}
              onChange={(value) => url.setFilter("severity", value)}
            >
              <For each={ALERT_SEVERITIES}>
                {(s) => <option value={s}>{t(`alerts.severity_${s}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("alerts.type")}
              testId="alerts-filter-type"
              value={url.state().filters.type ?? ""}
              all={t("alerts.typeAll")}
              onChange={(value) => url.setFilter("type", value)}
            >
              <For each={ALERT_TYPES}>
                {(type) => <option value={type}>{alertTypeLabel(t, type)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("alerts.team")}
              testId="alerts-filter-team"
              value={url.state().filters.teamId ?? ""}
              all={t("alerts.teamAll")}
              onChange={(value) => url.setFilter("teamId", value)}
            >
              <For each={teams.data?.items ?? []}>
                {(team) => <option value={team.id}>{team.name}</option>}
              </For>
            </FilterSelect>
            <VehiclePicker
              variant="filter"
              label={t("alerts.vehicle")}
              testId="alerts-filter-vehicle"
              value={url.state().filters.vehicleId ?? ""}
              empty={t("alerts.vehicleAll")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <DriverPicker
              variant="filter"
              label={t("alerts.driver")}
              testId="alerts-filter-driver"
              value={url.state().filters.driverId ?? ""}
              empty={t("alerts.driverAll")}
              onChange={(value) => url.setFilter("driverId", value)}
            />
            <Show when={manages()}>
              <FilterSelect
                label={t("alerts.assignee")}
                testId="alerts-filter-assignee"
                value={url.state().filters.assigneeId ?? ""}
                all={t("alerts.assigneeAll")}
                onChange={(value) => url.setFilter("assigneeId", value)}
              >
                <For each={assignees.data?.items ?? []}>{(p) => <option value={p.id}>{p.name}</option>}</For>
              </FilterSelect>
            </Show>
            <label class="filter">
              <span>{t("alerts.from")}</span>
              <input
                class="input"
                type="date"
                data-testid="alerts-filter-from"
                value={url.state().filters.from ?? ""}
                onChange={(event) => url.setFilter("from", event.currentTarget.value)}
              />
            </label>
            <label class="filter">
              <span>{t("alerts.to")}</span>
              <input
                class="input"
                type="date"
                data-testid="alerts-filter-to"
                value={url.state().filters.to ?? ""}
                onChange={(event) => url.setFilter("to", event.currentTarget.value)}
              />
            </label>
          </>
        }
      />
      <AlertActionDialog
        action={action()}
        count={selected().size}
        onClose={() => setAction(null)}
        onSubmit={runBulk}
      />
    </div>
  )
}
