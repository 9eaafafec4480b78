import "../../organisations/adminPages.css"
import "./schedules.css"
import { endpoints, SCHEDULE_RUN_STATUSES, urlOf } from "@fleetcore/contract"
import { A, useNavigate, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Pause, Play, Send, Trash2 } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { errorMessage } from "../../../api/errorMessage"
import { useI18n } from "../../../i18n/I18nContext"
import { ConfirmDialog } from "../../../ui/ConfirmDialog"
import { ErrorState } from "../../../ui/ErrorState"
import { createSchemaForm } from "../../../ui/form/createSchemaForm"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { PageHeader } from "../../../ui/PageHeader"
import { Spinner } from "../../../ui/Spinner"
import { createTableUrlState } from "../../../ui/table/createTableUrlState"
import { DataTable } from "../../../ui/table/DataTable"
import { FilterSelect } from "../../../ui/table/FilterSelect"
import { listResultOf } from "../../../ui/table/listResultOf"
import { listQueryOf } from "../../../ui/table/tableUrlState"
import { showToast } from "../../../ui/toast"
import { FiltersNote } from "./FiltersNote"
import { ScheduleFields } from "./ScheduleFields"
import { runColumns } from "./scheduleColumns"
import { ScheduleForm, type ScheduleView, scheduleBody, scheduleValues } from "./scheduleForm"
import { createRunsQuery, createScheduleQuery, invalidateSchedules } from "./scheduleQueries"
import { whenText } from "./scheduleTexts"

/** A schedule: its settings (editable), pause/resume, run now, delete, and its runs with failures. */
export const SchedulePage = () => {
  const params = useParams<{ id: string }>()
  const { t } = useI18n()
  const query = createScheduleQuery(() => params.id)
  return (
    <Show
      when={query.data}
      fallback={
        <Show when={query.isError} fallback={<Spinner label={t("states.loading")} />}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Show>
      }
    >
      {(schedule) => <ScheduleDetail schedule={schedule()} />}
    </Show>
  )
}

const ScheduleDetail = (props: { readonly schedule: ScheduleView }) => {
  const { t, format, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const id = () => props.schedule.id
  const form = createSchemaForm({
    schema: ScheduleForm,
    defaultValues: scheduleValues(props.schedule),
    onSubmit: async (values) => {
      await api.call(endpoints.reportSchedules.update, {
        params: { id: id() },
        body: scheduleBody(values, props.schedule.filters),
      })
      await invalidateSchedules(queryClient)
      showToast("success", t("reportSchedules.saved"))
    },
  })
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      await invalidateSchedules(queryClient)
      showToast("success", done)
    } catch (error) {
      showToast("error", errorMessage(t, error))
    } finally {
      setBusy(false)
    }
  }
  const setEnabled = (enabled: boolean) =>
    act(
      () => api.call(endpoints.reportSchedules.update, { params: { id: id() }, body: { enabled } }),
      t(enabled ? "reportSchedules.resumedToast" : "reportSchedules.pausedToast"),
    )
  const runNow = () =>
    act(
      () => api.call(endpoints.reportSchedules.runNow, { params: { id: id() } }),
      t("reportSchedules.runQueued"),
    )

  const url = createTableUrlState({ filters: ["status"], sorts: ["scheduledFor"] })
  const runsResult = createRunsQuery(
    () => id(),
    () => listQueryOf(url.state()) as Record<string, string>,
  )
  const columns = createMemo(() => runColumns(t, format()))

  return (
    <div class="page" data-testid="schedule-page">
      <PageHeader
        title={props.schedule.name}
        description={`${t(`reports.${props.schedule.report}`)} · ${whenText(t, locale(), props.schedule)} (${props.schedule.timezone})`}
        actions={
          <div class="schedule-actions">
            <button
              type="button"
              class="button"
              disabled={busy()}
              onClick={runNow}
              data-testid="schedule-run-now"
            >
              <Send size={16} aria-hidden="true" />
              <span>{t("reportSchedules.runNow")}</span>
            </button>
            <Show
              when={props.schedule.enabled}
              fallback={
                <button
                  type="button"
                  class="button"
                  disabled={busy()}
                  onClick={() => setEnabled(true)}
                  data-testid="schedule-resume"
                >
                  <Play size={16} aria-hidden="true" />
                  <span>{t("reportSchedules.resume")}</span>
                </button>
              }
            >
              <button
                type="button"
                class="button"
                disabled={busy()}
                onClick={() => setEnabled(false)}
                data-testid="schedule-pause"
              >
                <Pause size={16} aria-hidden="true" />
                <span>{t("reportSchedules.pause")}</span>
              </button>
            </Show>
            <button
              type="button"
              class="button button--danger"
              onClick={() => setConfirmDelete(true)}
              data-testid="schedule-delete"
            >
              <Trash2 size={16} aria-hidden="true" />
              <span>{t("reportSchedules.delete")}</span>
            </button>
          </div>
        }
      />
      <div class="schedule-summary">
        <span data-testid="schedule-state">
          {props.schedule.enabled ? t("reportSchedules.active") : t("reportSchedules.paused")}
        </span>
        <Show when={props.schedule.nextRunAt}>
          {(next) => (
            <span>
              {t("reportSchedules.nextRun")}:{" "}
              <time datetime={next()}>{format().dateTime(Date.parse(next()))}</time>
            </span>
          )}
        </Show>
        <Show when={props.schedule.createdBy.name}>
          {(name) => <span class="muted">{t("reportSchedules.createdBy", { name: name() })}</span>}
        </Show>
      </div>
      <form
        class="panel form schedule-form"
        onSubmit={form.handleSubmit}
        data-testid="schedule-form"
        novalidate
      >
        <FiltersNote filters={props.schedule.filters} />
        <ScheduleFields form={form} />
        <div class="form__actions">
          <A href="/reports/schedules" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("reportSchedules.save")}
            submittingLabel={t("reportSchedules.saving")}
            testId="schedule-submit"
          />
        </div>
      </form>
      <section class="schedule-runs">
        <h2>{t("reportSchedules.runs")}</h2>
        <DataTable
          id="schedule-runs"
          label={t("reportSchedules.runs")}
          columns={columns()}
          result={listResultOf(runsResult)}
          url={url}
          rowId={(row) => row.id}
          export={{
            path: urlOf(endpoints.listExports.scheduleRuns, { params: { id: id() } }),
            query: () => listQueryOf(url.state()),
          }}
          searchable={false}
          empty={{ title: t("reportSchedules.runsEmpty") }}
          filters={
            <FilterSelect
              label={t("reportSchedules.status")}
              testId="runs-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("reportSchedules.allStatuses")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={SCHEDULE_RUN_STATUSES}>
                {(s) => <option value={s}>{t(`reportSchedules.status_${s}`)}</option>}
              </For>
            </FilterSelect>
          }
        />
      </section>
      <ConfirmDialog
        open={confirmDelete()}
        onOpenChange={setConfirmDelete}
        title={t("reportSchedules.deleteTitle")}
        description={t("reportSchedules.deleteText", { name: props.schedule.name })}
        confirmLabel={t("reportSchedules.delete")}
        destructive
        onConfirm={async () => {
          await api.call(endpoints.reportSchedules.delete, { params: { id: id() } })
          await invalidateSchedules(queryClient)
          showToast("success", t("reportSchedules.deleted"))
          navigate("/reports/schedules")
        }}
      />
    </div>
  )
}
