import { A } from "@solidjs/router"
import { GripVertical } from "lucide-solid"
import { Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { formatKm, formatMoney } from "../vehicles/vehicleFormat"
import { dueState, type TaskView } from "./dueState"

/** How far a task is from due: by date and by km, whichever is known, overdue in red. */
export const DueLine = (props: { readonly task: TaskView; readonly today: string }) => {
  const { t, format } = useI18n()
  const due = () => dueState(props.task, props.today)
  const km = (n: number) => formatKm(format(), n)
  return (
    <span class={`maintenance-due maintenance-due--${due().level}`} data-testid="task-due">
      <Show when={props.task.dueDate}>
        {(date) => (
          <span>
            {t("maintenance.dueOn", { date: format().day(date()) })}
            <Show when={due().days !== null}>
              {" · "}
              {(due().days ?? 0) < 0
                ? t("maintenance.daysOver", { days: format().integer(-(due().days ?? 0)) })
                : t("maintenance.daysLeft", { days: format().integer(due().days ?? 0) })}
            </Show>
          </span>
        )}
      </Show>
      <Show when={props.task.dueOdometerKm}>
        {(dueKm) => (
          <span>
            {t("maintenance.dueAtKm", { km: km(dueKm()) })}
            <Show when={due().km !== null}>
              {" · "}
              {(due().km ?? 0) < 0
                ? t("maintenance.kmOver", { km: km(-(due().km ?? 0)) })
                : t("maintenance.kmLeft", { km: km(due().km ?? 0) })}
            </Show>
          </span>
        )}
      </Show>
    </span>
  )
}

/**
 * A task on the board: draggable to another column, with buttons doing the same moves for the
 * keyboard (and for those who do not drag).
 */
export const TaskCard = (props: {
  readonly task: TaskView
  readonly today: string
  readonly onMove: (status: "scheduled" | "in_progress" | "cancelled") => void
  readonly onComplete: () => void
}) => {
  const { t, format } = useI18n()
  const session = useSession()
  const manage = () => session.can("maintenance.manage")
  const open = () => props.task.status === "scheduled" || props.task.status === "overdue"
  return (
    <article
      class="maintenance-card"
      classList={{ "maintenance-card--overdue": dueState(props.task, props.today).level === "overdue" }}
      draggable={manage() && props.task.status !== "completed"}
      onDragStart={(e) => {
        e.dataTransfer?.setData("text/plain", props.task.id)
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move"
      }}
      data-testid="task-card"
      data-task-id={props.task.id}
      data-status={props.task.status}
    >
      <header class="maintenance-card__head">
        <Show when={manage() && props.task.status !== "completed"}>
          <GripVertical size={14} aria-hidden="true" class="maintenance-card__grip" />
        </Show>
        <strong>{props.task.name}</strong>
        <Show when={props.task.status === "overdue"}>
          <span class="badge badge--danger">{t("maintenance.status_overdue")}</span>
        </Show>
      </header>
      <A href={`/vehicles/${props.task.vehicleId}?tab=maintenance`} class="maintenance-card__vehicle">
        {props.task.vehicleName}
        <Show when={props.task.vehiclePlate}>{(plate) => <span class="muted"> · {plate()}</span>}</Show>
      </A>
      <Show
        when={props.task.status === "completed"}
        fallback={<DueLine task={props.task} today={props.today} />}
      >
        <span class="muted">
          {t("maintenance.doneOn", {
            date: props.task.completedOn ? format().day(props.task.completedOn) : "",
          })}
          <Show when={props.task.cost}> · {formatMoney(format(), props.task.cost, props.task.currency)}</Show>
        </span>
      </Show>
      <Show when={manage() && props.task.status !== "completed"}>
        <div class="maintenance-card__actions">
          <Show when={open()}>
            <button
              type="button"
              class="button button--small"
              data-testid="task-start"
              onClick={() => props.onMove("in_progress")}
            >
              {t("maintenance.start")}
            </button>
          </Show>
          <Show when={props.task.status === "in_progress"}>
            <button
              type="button"
              class="button button--small"
              data-testid="task-back"
              onClick={() => props.onMove("scheduled")}
            >
              {t("maintenance.backToScheduled")}
            </button>
          </Show>
          <button
            type="button"
            class="button button--small button--primary"
            data-testid="task-complete"
            onClick={() => props.onComplete()}
          >
            {t("maintenance.complete")}
          </button>
          <button
            type="button"
            class="button button--small button--ghost"
            data-testid="task-cancel"
            onClick={() => props.onMove("cancelled")}
          >
            {t("maintenance.cancelTask")}
          </button>
        </div>
      </Show>
    </article>
  )
}
