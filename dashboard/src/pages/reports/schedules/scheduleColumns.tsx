import type { ReportScheduleRun } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../../i18n/createI18n"
import type { Formatters } from "../../../i18n/format"
import { StatusBadge } from "../../../ui/StatusBadge"
import type { ScheduleView } from "./scheduleForm"
import { RUN_TONE, whenText } from "./scheduleTexts"

type RunView = (typeof ReportScheduleRun)["Encoded"]

/** A run's status as a badge. */
export const RunStatus = (props: {
  readonly t: I18n["t"]
  readonly run: RunView
  readonly testId: string
}) => (
  <StatusBadge
    tone={RUN_TONE[props.run.status]}
    status={props.run.status}
    testId={props.testId}
    label={props.t(`reportSchedules.status_${props.run.status}`)}
  />
)

/** The schedules list's columns. */
export const scheduleColumns = (
  t: I18n["t"],
  format: Formatters,
  locale: string,
): ReadonlyArray<ColumnDef<ScheduleView, unknown>> => [
  {
    id: "name",
    header: t("reportSchedules.name"),
    cell: (c) => <strong data-testid="schedule-row-name">{c.row.original.name}</strong>,
    meta: { sortKey: "name", hideable: false },
  },
  {
    id: "report",
    header: t("reportSchedules.report"),
    cell: (c) => t(`reports.${c.row.original.report}`),
    meta: { width: "10rem" },
  },
  {
    id: "when",
    header: t("reportSchedules.frequency"),
    cell: (c) => whenText(t, locale, c.row.original),
    meta: { width: "12rem" },
  },
  {
    id: "recipients",
    header: t("reportSchedules.recipients"),
    // The first address and how many more (all of them in the title).
    cell: (c) => {
      const [first, ...more] = c.row.original.recipients
      return (
        <span class="truncate" title={c.row.original.recipients.join(", ")}>
          {more.length === 0 ? first : `${first} +${more.length}`}
        </span>
      )
    },
    meta: { width: "12rem" },
  },
  {
    id: "nextRunAt",
    header: t("reportSchedules.nextRun"),
    cell: (c) => {
      const next = c.row.original.nextRunAt
      return next === null ? (
        <StatusBadge
          tone="warning"
          status="paused"
          testId="schedule-row-paused"
          label={t("reportSchedules.paused")}
        />
      ) : (
        <time datetime={next}>{format.dateTime(Date.parse(next))}</time>
      )
    },
    meta: { sortKey: "nextRunAt", width: "11rem" },
  },
  {
    id: "lastRun",
    header: t("reportSchedules.lastRun"),
    cell: (c) => (
      <Show when={c.row.original.lastRun} fallback={<span class="muted">{t("reportSchedules.never")}</span>}>
        {(run) => <RunStatus t={t} run={run()} testId="schedule-row-last-run" />}
      </Show>
    ),
    meta: { width: "9rem" },
  },
]

/** The runs table's columns: when, status (with the error of a failed attempt), attempts, files. */
export const runColumns = (t: I18n["t"], format: Formatters): ReadonlyArray<ColumnDef<RunView, unknown>> => [
  {
    id: "scheduledFor",
    header: t("reportSchedules.scheduledFor"),
    cell: (c) => (
      <span>
        <time datetime={c.row.original.scheduledFor}>
          {format.dateTime(Date.parse(c.row.original.scheduledFor))}
        </time>
        <Show when={c.row.original.manual}>
          <span class="muted"> · {t("reportSchedules.manual")}</span>
        </Show>
      </span>
    ),
    meta: { sortKey: "scheduledFor", width: "14rem", hideable: false },
  },
  {
    id: "status",
    header: t("reportSchedules.status"),
    cell: (c) => (
      <div>
        <RunStatus t={t} run={c.row.original} testId="run-status" />
        <Show when={c.row.original.error}>
          {(error) => (
            <div class="schedule-run__error" data-testid="run-error">
              {error()}
            </div>
          )}
        </Show>
        <Show when={c.row.original.nextAttemptAt}>
          {(at) => (
            <div class="muted">
              {t("reportSchedules.nextAttempt", { at: format.dateTime(Date.parse(at())) })}
            </div>
          )}
        </Show>
      </div>
    ),
  },
  {
    id: "attempts",
    header: t("reportSchedules.attempts"),
    cell: (c) => format.integer(c.row.original.attempts),
    meta: { width: "7rem", align: "end" },
  },
  {
    id: "files",
    header: t("reportSchedules.files"),
    cell: (c) => (
      <span class="truncate">
        {c.row.original.files.map((f) => `${f.name} (${format.fileSize(f.bytes)})`).join(", ")}
      </span>
    ),
  },
]
