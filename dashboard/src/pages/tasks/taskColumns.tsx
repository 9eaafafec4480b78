import type { Task } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { taskStatusLabel } from "./taskStateLabel"

type TaskView = typeof Task.Type

/** The tasks list's columns; sortable ones name the endpoint's sort keys. */
export const taskColumns = (
  t: I18n["t"],
  format: Formatters,
): ReadonlyArray<ColumnDef<TaskView, unknown>> => [
  {
    id: "title",
    header: t("tasks.taskTitle"),
    cell: (c) => (
      <span>
        <strong data-testid="task-row-title">{c.row.original.title}</strong>
        <Show when={c.row.original.templateName}>{(name) => <span class="muted"> · {name()}</span>}</Show>
      </span>
    ),
    meta: { sortKey: "title", hideable: false },
  },
  {
    id: "status",
    header: t("tasks.status"),
    cell: (c) => (
      <span
        classList={{
          badge: true,
          "badge--success": c.row.original.closed,
          "badge--info": !c.row.original.closed,
        }}
        data-testid="task-row-status"
      >
        {taskStatusLabel(t, c.row.original)}
      </span>
    ),
    meta: { sortKey: "status", width: "9rem" },
  },
  {
    id: "priority",
    header: t("tasks.priority"),
    cell: (c) => (
      <span classList={{ "badge badge--danger": c.row.original.priority === "urgent" }}>
        {t(`tasks.priority_${c.row.original.priority}`)}
      </span>
    ),
    meta: { sortKey: "priority", width: "7rem" },
  },
  {
    id: "dueAt",
    header: t("tasks.dueAt"),
    cell: (c) => (
      <Show when={c.row.original.dueAt} fallback={<span class="muted">—</span>}>
        {(at) => (
          <span classList={{ "text-danger": c.row.original.overdue }}>
            <time datetime={at()}>{format.dateTime(Date.parse(at()))}</time>
            <Show when={c.row.original.overdue}> · {t("tasks.overdue")}</Show>
          </span>
        )}
      </Show>
    ),
    meta: { sortKey: "dueAt", width: "13rem" },
  },
  {
    id: "assignee",
    header: t("tasks.assignee"),
    cell: (c) =>
      [c.row.original.assigneeName, c.row.original.teamName].filter((x) => x !== null).join(" · ") || "—",
  },
  {
    id: "vehicle",
    header: t("tasks.vehicle"),
    cell: (c) => c.row.original.vehicleName ?? "—",
  },
]
