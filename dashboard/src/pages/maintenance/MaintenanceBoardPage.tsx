import "./maintenance.css"
import { endpoints } from "@fleetcore/contract"
import { A, useSearchParams } from "@solidjs/router"
import { Plus } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { ExportMenu } from "../../ui/table/ExportMenu"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { createOrgCurrencyQuery } from "../expenses/expenseQueries"
import { createBoardColumnQuery } from "./createBoardColumnQuery"
import { columnOf, type TaskView } from "./dueState"
import { NewTaskDialog } from "./NewTaskDialog"
import { ServiceDialog } from "./ServiceDialog"
import { TaskCard } from "./TaskCard"
import { createTaskActions } from "./taskActions"

const COLUMNS = ["scheduled", "in_progress", "completed"] as const
type Column = (typeof COLUMNS)[number]
const DUE = ["overdue", "week", "month"] as const

type Filters = { q?: string; teamId?: string; vehicleId?: string; due?: string }

const plusDays = (today: string, days: number) =>
  new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10)

/** The links between the maintenance pages. */
export const MaintenanceNav = (props: { readonly current: "board" | "calendar" | "templates" }) => {
  const { t } = useI18n()
  const link = (id: "board" | "calendar" | "templates", href: string, label: string) => (
    <A
      href={href}
      class="button"
      classList={{ "button--primary": props.current === id }}
      aria-current={props.current === id ? "page" : undefined}
    >
      {label}
    </A>
  )
  return (
    <nav class="maintenance-nav" aria-label={t("maintenance.boardTitle")}>
      {link("board", "/maintenance", t("maintenance.openBoard"))}
      {link("calendar", "/maintenance/calendar", t("maintenance.openCalendar"))}
      {link("templates", "/maintenance/templates", t("maintenance.openTemplates"))}
    </nav>
  )
}

/**
 * The maintenance board: scheduled (overdue first), in progress and recently completed services.
 * A manager drags a card to another column or uses its buttons; dropping on "completed" opens the
 * service record. Filters by vehicle, team and due window live in the URL.
 */
export const MaintenanceBoardPage = () => {
  const { t, format, zone } = useI18n()
  const session = useSession()
  const actions = createTaskActions()
  const currency = createOrgCurrencyQuery()
  const [params, setParams] = useSearchParams<Filters>()
  const today = dayIn(Date.now(), zone())
  const common = () => ({
    ...(params.q ? { q: params.q } : {}),
    ...(params.teamId ? { teamId: params.teamId } : {}),
    ...(params.vehicleId ? { vehicleId: params.vehicleId } : {}),
  })
  const dueTo = () =>
    params.due === "week"
      ? { dueTo: plusDays(today, 7) }
      : params.due === "month"
        ? { dueTo: plusDays(today, 30) }
        : {}
  // Each column pages on its own, with its own count from the server: a fleet with more open tasks
  // than one page still sees every one of them.
  const columns: Record<Column, ReturnType<typeof createBoardColumnQuery>> = {
    scheduled: createBoardColumnQuery(() => ({
      query: { ...common(), ...dueTo(), status: params.due === "overdue" ? "overdue" : "waiting" },
      enabled: true,
    })),
    in_progress: createBoardColumnQuery(() => ({
      query: { ...common(), ...dueTo(), status: "in_progress" },
      // An in-progress task is never overdue: that filter leaves the column empty.
      enabled: params.due !== "overdue",
    })),
    completed: createBoardColumnQuery(() => ({
      query: { ...common(), status: "completed", sort: "-completedOn" },
      enabled: true,
    })),
  }
  // The export: every task the board's filters keep, whatever its column.
  const exportQuery = () => ({
    ...common(),
    ...dueTo(),
    ...(params.due === "overdue" ? { status: "overdue" } : {}),
    sort: "dueDate",
  })
  const teams = createAllPagesQuery(endpoints.teams.list, () => ({ query: { sort: "name" } }))
  const [completing, setCompleting] = createSignal<TaskView | null>(null)
  const [cancelling, setCancelling] = createSignal<TaskView | null>(null)
  const [creating, setCreating] = createSignal(false)
  const [over, setOver] = createSignal<Column | null>(null)
  const move = (task: TaskView, status: "scheduled" | "in_progress" | "cancelled") =>
    status === "cancelled" ? setCancelling(task) : void actions.move(task, status)
  const drop = (column: Column, id: string) => {
    const task = [...columns.scheduled.tasks(), ...columns.in_progress.tasks()].find((x) => x.id === id)
    if (task === undefined || columnOf(task.status) === column) return
    if (column === "completed") setCompleting(task)
    else void actions.move(task, column)
  }
  return (
    <div class="page">
      <PageHeader
        title={t("maintenance.boardTitle")}
        description={t("maintenance.boardDescription")}
        actions={
          <>
            <MaintenanceNav current="board" />
            <ExportMenu
              id="maintenance-tasks"
              export={{ path: endpoints.listExports.maintenanceTasks.path, query: exportQuery }}
            />
            <Show when={session.can("maintenance.manage")}>
              <button
                type="button"
                class="button button--primary"
                data-testid="task-new"
                onClick={() => setCreating(true)}
              >
                <Plus size={16} aria-hidden="true" />
                <span>{t("maintenance.newTask")}</span>
              </button>
            </Show>
          </>
        }
      />
      <div class="maintenance-filters">
        <input
          type="search"
          class="input"
          placeholder={t("maintenance.search")}
          aria-label={t("maintenance.search")}
          value={params.q ?? ""}
          data-testid="board-search"
          onChange={(e) => setParams({ q: e.currentTarget.value || undefined })}
        />
        <VehiclePicker
          variant="filter"
          label={t("maintenance.vehicle")}
          testId="board-filter-vehicle"
          value={params.vehicleId ?? ""}
          empty={t("maintenance.all")}
          onChange={(value) => setParams({ vehicleId: value || undefined })}
        />
        <FilterSelect
          label={t("maintenance.filterTeam")}
          testId="board-filter-team"
          value={params.teamId ?? ""}
          all={t("maintenance.all")}
          onChange={(value) => setParams({ teamId: value || undefined })}
        >
          <For each={teams.data?.items ?? []}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </FilterSelect>
        <FilterSelect
          label={t("maintenance.filterDue")}
          testId="board-filter-due"
          value={params.due ?? ""}
          all={t("maintenance.due_all")}
          onChange={(value) => setParams({ due: value || undefined })}
        >
          <For each={DUE}>{(d) => <option value={d}>{t(`maintenance.due_${d}`)}</option>}</For>
        </FilterSelect>
      </div>
      <div class="maintenance-board" data-testid="maintenance-board">
        <For each={COLUMNS}>
          {(column) => (
            <section
              class="maintenance-column"
              classList={{ "maintenance-column--over": over() === column }}
              aria-labelledby={`maintenance-column-${column}`}
              data-testid={`column-${column}`}
              onDragOver={(e) => {
                if (!session.can("maintenance.manage")) return
                e.preventDefault()
                setOver(column)
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault()
                setOver(null)
                const id = e.dataTransfer?.getData("text/plain")
                if (id) drop(column, id)
              }}
            >
              <h2 id={`maintenance-column-${column}`} class="maintenance-column__title">
                {t(`maintenance.column_${column}`)}
                <span class="maintenance-column__count" data-testid={`column-${column}-count`}>
                  {format().integer(columns[column].total())}
                </span>
              </h2>
              <For
                each={columns[column].tasks()}
                fallback={<p class="muted">{t("maintenance.columnEmpty")}</p>}
              >
                {(task) => (
                  <TaskCard
                    task={task}
                    today={today}
                    onMove={(status) => move(task, status)}
                    onComplete={() => setCompleting(task)}
                  />
                )}
              </For>
              <Show when={columns[column].hasMore()}>
                <button
                  type="button"
                  class="button maintenance-column__more"
                  data-testid={`column-${column}-more`}
                  disabled={columns[column].loadingMore()}
                  onClick={() => columns[column].loadMore()}
                >
                  {t("mapBoard.showMore", {
                    shown: format().integer(columns[column].tasks().length),
                    total: format().integer(columns[column].total()),
                  })}
                </button>
              </Show>
            </section>
          )}
        </For>
      </div>
      <ServiceDialog
        open={completing() !== null}
        title={t("maintenance.completeTitle", { name: completing()?.name ?? "" })}
        task={completing()}
        currency={currency.data ?? "KZT"}
        onClose={() => setCompleting(null)}
        onSave={async (body) => {
          const task = completing()
          if (task === null) return
          await actions.complete(task, body)
          setCompleting(null)
        }}
      />
      <ConfirmDialog
        open={cancelling() !== null}
        onOpenChange={(o) => !o && setCancelling(null)}
        title={t("maintenance.cancelTitle", { name: cancelling()?.name ?? "" })}
        description={<p>{t("maintenance.cancelText")}</p>}
        confirmLabel={t("maintenance.cancelTask")}
        destructive
        onConfirm={async () => {
          const task = cancelling()
          if (task !== null) await actions.move(task, "cancelled")
          setCancelling(null)
        }}
      />
      <NewTaskDialog open={creating()} currency={currency.data ?? "KZT"} onClose={() => setCreating(false)} />
    </div>
  )
}
