import "./tasks.css"
import { endpoints, TASK_PRIORITIES } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { Plus, Workflow } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { taskColumns } from "./taskColumns"

const SORTS = ["dueAt", "createdAt", "priority", "title", "status"]
const ALL = { query: { pageSize: "200" } } as const

/** The organisation's tasks (a driver: their own): status, priority, assignee, team, vehicle, overdue. */
export const TasksPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({
    filters: ["status", "priority", "assigneeUserId", "teamId", "vehicleId", "overdue"],
    sorts: SORTS,
  })
  const result = createListQuery(endpoints.tasks.list, () => ({ query: listQueryOf(url.state()) }))
  const users = createListQuery(endpoints.users.list, () => ({ ...ALL, enabled: session.can("users.read") }))
  const teams = createListQuery(endpoints.teams.list, () => ({
    ...ALL,
    enabled: session.can("drivers.read"),
  }))
  const vehicles = createListQuery(endpoints.vehicles.list, () => ALL)
  const columns = createMemo(() => taskColumns(t, format()))
  const filter = (name: string) => url.state().filters[name] ?? ""
  const actions = (
    <Show when={session.can("tasks.manage")}>
      <A href="/tasks/templates" class="button" data-testid="task-templates">
        <Workflow size={16} aria-hidden="true" />
        <span>{t("tasks.templates")}</span>
      </A>
      <A href="/tasks/new" class="button button--primary" data-testid="task-new">
        <Plus size={16} aria-hidden="true" />
        <span>{t("tasks.new")}</span>
      </A>
    </Show>
  )

  return (
    <div class="page">
      <PageHeader title={t("tasks.title")} description={t("tasks.description")} actions={actions} />
      <DataTable
        id="tasks"
        label={t("tasks.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.tasks.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/tasks/${row.id}`}
        searchPlaceholder={t("tasks.search")}
        empty={{ title: t("tasks.empty"), description: t("tasks.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("tasks.status")}
              testId="tasks-filter-status"
              value={filter("status")}
              all={t("tasks.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <option value="open">{t("tasks.statusOpen")}</option>
              <option value="closed">{t("tasks.statusClosed")}</option>
            </FilterSelect>
            <FilterSelect
              label={t("tasks.priority")}
              testId="tasks-filter-priority"
              value={filter("priority")}
              all={t("tasks.priorityAll")}
              onChange={(value) => url.setFilter("priority", value)}
            >
              <For each={TASK_PRIORITIES}>{(p) => <option value={p}>{t(`tasks.priority_${p}`)}</option>}</For>
            </FilterSelect>
            <Show when={session.can("users.read")}>
              <FilterSelect
                label={t("tasks.assignee")}
                testId="tasks-filter-assignee"
                value={filter("assigneeUserId")}
                all={t("tasks.assigneeAll")}
                onChange={(value) => url.setFilter("assigneeUserId", value)}
              >
                <For each={users.data?.items ?? []}>{(u) => <option value={u.id}>{u.name}</option>}</For>
              </FilterSelect>
            </Show>
            <Show when={session.can("drivers.read")}>
              <FilterSelect
                label={t("tasks.team")}
                testId="tasks-filter-team"
                value={filter("teamId")}
                all={t("tasks.teamAll")}
                onChange={(value) => url.setFilter("teamId", value)}
              >
                <For each={teams.data?.items ?? []}>{(x) => <option value={x.id}>{x.name}</option>}</For>
              </FilterSelect>
            </Show>
            <FilterSelect
              label={t("tasks.vehicle")}
              testId="tasks-filter-vehicle"
              value={filter("vehicleId")}
              all={t("tasks.vehicleAll")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            >
              <For each={vehicles.data?.items ?? []}>{(v) => <option value={v.id}>{v.name}</option>}</For>
            </FilterSelect>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={filter("overdue") === "true"}
                data-testid="tasks-filter-overdue"
                onChange={(e) => url.setFilter("overdue", e.currentTarget.checked ? "true" : "")}
              />
              <span>{t("tasks.overdueOnly")}</span>
            </label>
          </>
        }
      />
    </div>
  )
}
