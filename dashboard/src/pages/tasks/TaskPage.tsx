import "./tasks.css"
import { A, useParams } from "@solidjs/router"
import { ClipboardX } from "lucide-solid"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { TaskHistory } from "./TaskHistory"
import { TaskSteps } from "./TaskSteps"
import { createTaskEventsQuery, createTaskQuery } from "./taskQueries"
import { taskStateLabels, taskStatusLabel } from "./taskStateLabel"

/** One task: what it is about, the steps the caller may take now, and its history. */
export const TaskPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const task = createTaskQuery(() => params.id)
  const events = createTaskEventsQuery(() => params.id)
  return (
    <RecordState
      query={task}
      notFound={{
        testId: "task-not-found",
        icon: <ClipboardX size={22} />,
        title: t("tasks.notFound"),
        description: t("tasks.notFoundText"),
      }}
    >
      {(k) => {
        const label = (key: string) => taskStateLabels(t, k())(key)
        const fact = (name: string, value: string | null) => (
          <div>
            <dt>{name}</dt>
            <dd>{value ?? "—"}</dd>
          </div>
        )
        return (
          <div class="page task-page">
            <PageHeader title={k().title} description={k().templateName ?? t("tasks.adHoc")} />
            <div class="task-layout">
              <section class="panel task-facts">
                <p>
                  <span
                    classList={{ badge: true, "badge--success": k().closed, "badge--info": !k().closed }}
                    data-testid="task-status"
                  >
                    {taskStatusLabel(t, k())}
                  </span>{" "}
                  <span class="badge">{t(`tasks.priority_${k().priority}`)}</span>
                  <Show when={k().overdue}>
                    {" "}
                    <span class="badge badge--danger">{t("tasks.overdue")}</span>
                  </Show>
                </p>
                <Show when={k().description !== ""}>
                  <p class="task-description">{k().description}</p>
                </Show>
                <dl class="task-facts__list">
                  {fact(
                    t("tasks.dueAt"),
                    k().dueAt === null ? null : format().dateTime(Date.parse(k().dueAt ?? "")),
                  )}
                  {fact(t("tasks.assignee"), k().assigneeName)}
                  {fact(t("tasks.team"), k().teamName)}
                  {fact(t("tasks.vehicle"), k().vehicleName)}
                  {fact(t("tasks.driver"), k().driverName)}
                  {fact(t("tasks.geofence"), k().geofenceName)}
                </dl>
                <Show when={k().ticket}>
                  {(ticket) => (
                    <p>
                      <A href={`/tickets/${ticket().id}`} data-testid="task-ticket-link">
                        {t("tasks.fromTicket", { number: ticket().number })}
                      </A>
                    </p>
                  )}
                </Show>
                <TaskSteps task={k()} />
              </section>
              <section class="panel">
                <h2 class="panel__title">{t("tasks.history")}</h2>
                <Show when={events.data}>{(e) => <TaskHistory events={e().items} label={label} />}</Show>
              </section>
              <DocumentsPanel entityType="task" entityId={k().id} />
            </div>
          </div>
        )
      }}
    </RecordState>
  )
}
