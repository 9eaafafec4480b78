import "../tasks/tasks.css"
import { endpoints } from "@fleetcore/contract"
import { ClipboardList } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { TaskSteps } from "../tasks/TaskSteps"
import { createTaskQuery } from "../tasks/taskQueries"
import { taskStatusLabel } from "../tasks/taskStateLabel"

/** One open task, opened in place: its state and the steps the driver can take with evidence. */
const OpenTask = (props: { readonly id: string }) => {
  const task = createTaskQuery(() => props.id)
  return <Show when={task.data}>{(k) => <TaskSteps task={k()} compact />}</Show>
}

/**
 * The driver's open tasks (assigned to them or their vehicle): move each through its workflow, add a
 * photo from the camera, complete it. The list refreshes when a step is taken; a step the vehicle
 * took by itself (a geofence) shows on the next refresh.
 */
export const MyTasksCard = () => {
  const { t, format } = useI18n()
  const tasks = createListQuery(endpoints.tasks.list, () => ({
    query: { status: "open", sort: "dueAt", pageSize: "20" },
  }))
  const [opened, setOpened] = createSignal<string | null>(null)
  return (
    <section class="panel driver-card" data-testid="driver-tasks">
      <h2 class="driver-card__title">
        <ClipboardList size={20} aria-hidden="true" />
        {t("tasks.myTasks")}
      </h2>
      <Show
        when={(tasks.data?.items.length ?? 0) > 0}
        fallback={<p class="muted">{t("tasks.myTasksEmpty")}</p>}
      >
        <ul class="my-tasks">
          <For each={tasks.data?.items ?? []}>
            {(k) => (
              <li class="my-tasks__item" data-testid="driver-task">
                <button
                  type="button"
                  class="my-tasks__head"
                  aria-expanded={opened() === k.id}
                  onClick={() => setOpened((x) => (x === k.id ? null : k.id))}
                >
                  <strong>{k.title}</strong>
                  <span class="badge badge--info" data-testid="driver-task-status">
                    {taskStatusLabel(t, k)}
                  </span>
                  <Show when={k.dueAt}>
                    {(at) => (
                      <span classList={{ muted: !k.overdue, "text-danger": k.overdue }}>
                        {format().dateTime(Date.parse(at()))}
                      </span>
                    )}
                  </Show>
                </button>
                <Show when={opened() === k.id}>
                  <OpenTask id={k.id} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
