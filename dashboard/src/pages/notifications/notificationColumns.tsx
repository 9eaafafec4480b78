import type { InAppNotification } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { StatusBadge } from "../../ui/StatusBadge"
import { notificationTypeLabel } from "./notificationTypes"

export type NotificationView = typeof InAppNotification.Encoded

const TONE = { info: "success", warning: "warning", critical: "danger" } as const

/** The inbox's columns; `markRead` is the row's action. */
export const notificationColumns = (
  t: I18n["t"],
  format: Formatters,
  markRead: (n: NotificationView) => void,
): ReadonlyArray<ColumnDef<NotificationView, unknown>> => [
  {
    id: "severity",
    header: t("notifications.severity"),
    cell: (c) => (
      <StatusBadge
        tone={TONE[c.row.original.severity]}
        testId="notification-severity"
        status={c.row.original.severity}
        label={t(`notifications.severity_${c.row.original.severity}`)}
      />
    ),
    meta: { width: "9rem" },
  },
  {
    id: "title",
    header: t("notifications.colTitle"),
    cell: (c) => (
      <div
        class="notification-cell"
        classList={{ "notification-row--unread": c.row.original.readAt === null }}
        data-testid="notification-row"
        data-unread={c.row.original.readAt === null}
      >
        <strong>
          <Show when={c.row.original.readAt === null}>
            <span class="notification-dot" aria-hidden="true" />
          </Show>
          {c.row.original.title}
        </strong>
        <span class="muted notification-cell__body">{c.row.original.body}</span>
      </div>
    ),
    meta: { hideable: false },
  },
  {
    id: "type",
    header: t("notifications.colType"),
    cell: (c) => (
      <span class="notification-type" data-testid="notification-type" data-type={c.row.original.type}>
        {notificationTypeLabel(t, c.row.original.type)}
      </span>
    ),
    meta: { width: "11rem" },
  },
  {
    id: "createdAt",
    header: t("notifications.colAt"),
    cell: (c) => (
      <time datetime={c.row.original.createdAt}>{format.dateTime(Date.parse(c.row.original.createdAt))}</time>
    ),
    meta: { sortKey: "createdAt", width: "12rem" },
  },
  {
    id: "status",
    header: t("notifications.colStatus"),
    cell: (c) => (
      <Show
        when={c.row.original.readAt === null}
        fallback={<span class="muted">{t("notifications.isRead")}</span>}
      >
        <button
          type="button"
          class="button"
          data-testid="notification-mark-read"
          onClick={(event) => {
            event.stopPropagation()
            markRead(c.row.original)
          }}
        >
          {t("notifications.markRead")}
        </button>
      </Show>
    ),
    meta: { width: "9rem" },
  },
]
