import "./tasks.css"
import { endpoints, TASK_PRIORITIES, type TaskPriority } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { zonedInputIso } from "../../i18n/timeZone"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { FormError } from "../../ui/form/FormError"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { invalidateTasks } from "./taskQueries"

const ALL = { query: { pageSize: "200" } } as const

const NewTaskForm = () => {
  const { t, zone } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const templates = createListQuery(endpoints.tasks.listTemplates, () => ALL)
  const users = createListQuery(endpoints.users.list, () => ALL)
  const teams = createListQuery(endpoints.teams.list, () => ALL)
  const fences = createListQuery(endpoints.geofences.list, () => ALL)
  const [v, setV] = createSignal({
    templateId: "",
    title: "",
    description: "",
    priority: "" as TaskPriority | "",
    dueAt: "",
    assigneeUserId: "",
    teamId: "",
    vehicleId: "",
    driverId: "",
    geofenceId: "",
  })
  const set = (field: keyof ReturnType<typeof v>) => (value: string) =>
    setV((x) => ({ ...x, [field]: value }))
  const [error, setError] = createSignal<unknown>()
  const [busy, setBusy] = createSignal(false)
  const optional = (value: string) => (value === "" ? undefined : value)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    const x = v()
    const body = Object.fromEntries(
      Object.entries({
        templateId: optional(x.templateId),
        title: x.title.trim(),
        description: optional(x.description),
        priority: optional(x.priority),
        // The due time is typed on the wall clock of the UI's zone.
        dueAt: zonedInputIso(x.dueAt, zone()),
        assigneeUserId: optional(x.assigneeUserId),
        teamId: optional(x.teamId),
        vehicleId: optional(x.vehicleId),
        driverId: optional(x.driverId),
        geofenceId: optional(x.geofenceId),
      }).filter(([, value]) => value !== undefined),
    ) as typeof endpoints.tasks.create.body.Encoded
    try {
      const task = await api.call(endpoints.tasks.create, { body })
      await invalidateTasks(queryClient)
      showToast("success", t("tasks.created", { title: task.title }))
      navigate(`/tasks/${task.id}`)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const select = (
    label: string,
    field: keyof ReturnType<typeof v>,
    options: ReadonlyArray<{ readonly id: string; readonly name: string }>,
    empty: string,
  ) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <select
        class="input"
        value={v()[field]}
        data-testid={`task-${field}`}
        onChange={(e) => set(field)(e.currentTarget.value)}
      >
        <option value="">{empty}</option>
        <For each={options}>{(o) => <option value={o.id}>{o.name}</option>}</For>
      </select>
    </label>
  )

  return (
    <div class="page page--narrow">
      <PageHeader title={t("tasks.newTitle")} />
      <form class="panel form" onSubmit={(e) => void submit(e)} data-testid="task-form" novalidate>
        {select(t("tasks.template"), "templateId", templates.data?.items ?? [], t("tasks.adHoc"))}
        <label class="field">
          <span class="field__label">{t("tasks.taskTitle")}</span>
          <input
            class="input"
            value={v().title}
            maxlength={200}
            data-testid="task-title"
            onInput={(e) => set("title")(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("tasks.taskDescription")}</span>
          <textarea
            class="input"
            rows={3}
            value={v().description}
            onInput={(e) => set("description")(e.currentTarget.value)}
          />
        </label>
        <div class="form--pair form--top">
          <label class="field">
            <span class="field__label">{t("tasks.priority")}</span>
            <select
              class="input"
              value={v().priority}
              onChange={(e) => set("priority")(e.currentTarget.value)}
            >
              <option value="">—</option>
              <For each={TASK_PRIORITIES}>{(p) => <option value={p}>{t(`tasks.priority_${p}`)}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span class="field__label">{t("tasks.dueAt")}</span>
            <input
              class="input"
              type="datetime-local"
              value={v().dueAt}
              onInput={(e) => set("dueAt")(e.currentTarget.value)}
            />
          </label>
        </div>
        <div class="form--pair form--top">
          {select(t("tasks.assignee"), "assigneeUserId", users.data?.items ?? [], t("tasks.nobody"))}
          {select(t("tasks.team"), "teamId", teams.data?.items ?? [], t("tasks.none"))}
        </div>
        <div class="form--pair form--top">
          <VehiclePicker
            label={t("tasks.vehicle")}
            value={v().vehicleId}
            onChange={set("vehicleId")}
            empty={t("tasks.none")}
            testId="task-vehicle"
          />
          <DriverPicker
            label={t("tasks.driver")}
            value={v().driverId}
            onChange={set("driverId")}
            empty={t("tasks.none")}
            testId="task-driver"
          />
        </div>
        {select(t("tasks.geofence"), "geofenceId", fences.data?.items ?? [], t("tasks.none"))}
        <FormError error={error()} testId="task-form-error" />
        <div class="form__actions">
          <A href="/tasks" class="button">
            {t("common.cancel")}
          </A>
          <button type="submit" class="button button--primary" disabled={busy()} data-testid="task-submit">
            <Show when={busy()} fallback={t("tasks.create")}>
              {t("tasks.creating")}
            </Show>
          </button>
        </div>
      </form>
    </div>
  )
}

/** A new task (`tasks.manage`): from a template or ad hoc, assigned and linked. */
export const TaskNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("tasks.manage")} fallback={<NotAllowedPage />}>
      <NewTaskForm />
    </Show>
  )
}
