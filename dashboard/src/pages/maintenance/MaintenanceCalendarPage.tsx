import "./maintenance.css"
import { endpoints } from "@fleetcore/contract"
import { A, useSearchParams } from "@solidjs/router"
import { ChevronLeft, ChevronRight } from "lucide-solid"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { PageHeader } from "../../ui/PageHeader"
import { dueState, monthGrid, shiftMonth, type TaskView } from "./dueState"
import { MaintenanceNav } from "./MaintenanceBoardPage"

/** A month of upcoming services by due date (Monday first); overdue ones in red. */
export const MaintenanceCalendarPage = () => {
  const { t, locale, zone } = useI18n()
  const [params, setParams] = useSearchParams<{ month?: string }>()
  const today = dayIn(Date.now(), zone())
  const month = () => (params.month && /^\d{4}-\d{2}$/u.test(params.month) ? params.month : today.slice(0, 7))
  const days = createMemo(() => monthGrid(month()))
  const tasks = createListQuery(endpoints.maintenance.listTasks, () => ({
    query: {
      status: "open" as const,
      dueFrom: days()[0] ?? today,
      dueTo: days().at(-1) ?? today,
      pageSize: "200",
    },
  }))
  const byDay = createMemo(() => {
    const map = new Map<string, TaskView[]>()
    for (const task of tasks.data?.items ?? []) {
      if (task.dueDate === null) continue
      map.set(task.dueDate, [...(map.get(task.dueDate) ?? []), task])
    }
    return map
  })
  const title = () => {
    const text = new Intl.DateTimeFormat(locale(), {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(Date.parse(`${month()}-01T00:00:00Z`))
    return text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1)
  }
  const weekdays = () =>
    (days().slice(0, 7) ?? []).map((d) =>
      new Intl.DateTimeFormat(locale(), { weekday: "short", timeZone: "UTC" }).format(
        Date.parse(`${d}T00:00:00Z`),
      ),
    )
  return (
    <div class="page">
      <PageHeader
        title={t("maintenance.calendarTitle")}
        description={t("maintenance.calendarDescription")}
        actions={<MaintenanceNav current="calendar" />}
      />
      <div class="calendar-bar">
        <button
          type="button"
          class="button button--icon"
          aria-label={t("maintenance.previousMonth")}
          data-testid="calendar-previous"
          onClick={() => setParams({ month: shiftMonth(month(), -1) })}
        >
          <ChevronLeft size={16} aria-hidden="true" />
        </button>
        <h2 class="calendar-bar__title" data-testid="calendar-month">
          {title()}
        </h2>
        <button
          type="button"
          class="button button--icon"
          aria-label={t("maintenance.nextMonth")}
          data-testid="calendar-next"
          onClick={() => setParams({ month: shiftMonth(month(), 1) })}
        >
          <ChevronRight size={16} aria-hidden="true" />
        </button>
        <button type="button" class="button" onClick={() => setParams({ month: undefined })}>
          {t("maintenance.today")}
        </button>
      </div>
      <div class="calendar" data-testid="maintenance-calendar">
        <For each={weekdays()}>{(name) => <div class="calendar__weekday">{name}</div>}</For>
        <For each={days()}>
          {(day) => {
            const list = () => byDay().get(day) ?? []
            return (
              <div
                class="calendar__day"
                classList={{
                  "calendar__day--other": day.slice(0, 7) !== month(),
                  "calendar__day--today": day === today,
                }}
                data-day={day}
              >
                <span class="calendar__date">{Number(day.slice(8))}</span>
                <For each={list()}>
                  {(task) => (
                    <A
                      href={`/vehicles/${task.vehicleId}?tab=maintenance`}
                      class={`calendar__task calendar__task--${dueState(task, today).level}`}
                      title={`${task.name} · ${task.vehicleName}`}
                      data-testid="calendar-task"
                    >
                      <span class="calendar__task-name">{task.name}</span>
                      <span class="calendar__task-vehicle">{task.vehiclePlate ?? task.vehicleName}</span>
                    </A>
                  )}
                </For>
              </div>
            )
          }}
        </For>
      </div>
    </div>
  )
}
